// AdminApi methods for OAuth: the admin's Discord and GitHub sign-in, the lists they unlock
// (guilds with badges and invite links, readable orgs), and member links with admin overrides.
import { z } from 'zod';
import { LinkSchema } from '../../store/types.js';

const NoInput = z.strictObject({}).optional();
const snowflake = z.string().regex(/^\d{1,20}$/, 'must be a Discord snowflake (digits only)');
const githubLogin = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'must be a GitHub login');
export const OAuthProviderSchema = z.enum(['discord', 'github']);

export const SignInStartSchema = z.strictObject({
  /** Open this in the system browser (the UI shows it when `opened` is false). */
  authorizationUrl: z.string(),
  redirectUri: z.string(),
  expiresAt: z.string(),
  opened: z.boolean(),
});

export const AuthStatusSchema = z.strictObject({
  keychainAvailable: z.boolean(),
  discord: z.strictObject({
    configured: z.boolean(),
    signedIn: z.boolean(),
    user: z
      .strictObject({ id: z.string(), username: z.string(), globalName: z.string().nullable() })
      .nullable(),
    expiresAt: z.string().nullable(),
    pending: z.boolean(),
  }),
  github: z.strictObject({
    configured: z.boolean(),
    signedIn: z.boolean(),
    /** `token`: a pasted token (also what the crawl uses); `oauth`: signed in with GitHub. */
    source: z.enum(['token', 'oauth']).nullable(),
    login: z.string().nullable(),
    scopes: z.array(z.string()).nullable(),
    missingScopes: z.array(z.string()),
    problem: z.string().nullable(),
    pending: z.boolean(),
  }),
  /** What to register with Discord and GitHub, exactly as GitGuild sends it. */
  setup: z.strictObject({
    discordRedirectUri: z.string(),
    githubCallbackUrl: z.string(),
    discordPublicRedirectUri: z.string().nullable(),
    githubPublicCallbackUrl: z.string().nullable(),
    botInviteUrl: z.string().nullable(),
    botScopes: z.array(z.string()),
    botPermissions: z.string(),
    botPermissionList: z.array(z.strictObject({ name: z.string(), why: z.string() })),
  }),
});

export const GuildEntrySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  icon: z.string().nullable(),
  badge: z.enum(['owner', 'administrator', 'manage_server']).nullable(),
  canManage: z.boolean(),
  botPresent: z.boolean().nullable(),
  managed: z.boolean(),
  inviteUrl: z.string().nullable(),
});

export const DashboardSessionSchema = z.strictObject({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  guildIds: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
  checkedAt: z.string(),
});

const OrgSchema = z.strictObject({
  login: z.string(),
  description: z.string().nullable(),
  avatarUrl: z.string(),
});

export const authMethods = {
  'auth.status': { input: NoInput, output: AuthStatusSchema },
  /** Starts Discord sign-in (identify guilds) through the loopback redirect. */
  'auth.discord.begin': { input: NoInput, output: SignInStartSchema },
  /** Starts GitHub sign-in (read:org) through an ephemeral loopback redirect. */
  'auth.github.begin': { input: NoInput, output: SignInStartSchema },
  /** Checks a pasted token live (login, scopes, orgs) and keeps it as the GitHub token. */
  'auth.github.useToken': {
    input: z.strictObject({
      token: z.string().min(8, 'is too short to be a token').max(4096),
    }),
    output: z.strictObject({
      login: z.string(),
      scopes: z.array(z.string()).nullable(),
      missingScopes: z.array(z.string()),
      orgs: z.array(OrgSchema),
    }),
  },
  /** Revokes the provider's tokens (when the provider allows) and deletes them. */
  'auth.signOut': {
    input: z.strictObject({ provider: OAuthProviderSchema }),
    output: z.strictObject({ revoked: z.boolean(), note: z.string().nullable() }),
  },
  'auth.discord.guilds': { input: NoInput, output: z.array(GuildEntrySchema) },
  /** The bot's invite for one guild, with exactly GitGuild's permissions (guild-scoped). */
  'auth.discord.invite': {
    input: z.strictObject({ guildId: snowflake }),
    output: z.strictObject({
      url: z.string(),
      permissions: z.string(),
      permissionList: z.array(z.strictObject({ name: z.string(), why: z.string() })),
    }),
  },
  'auth.github.orgs': {
    input: NoInput,
    output: z.array(OrgSchema.extend({ selected: z.boolean() })),
  },
  /** Who is calling: the desktop, the API token, or a dashboard session (with its guilds). */
  'auth.session.status': {
    input: NoInput,
    output: z.strictObject({
      via: z.enum(['desktop', 'api-token', 'session']),
      user: z.strictObject({ id: z.string(), username: z.string() }).nullable(),
      /** A session's guilds (Manage Server); null for the host's admin, who has them all. */
      guildIds: z.array(z.string()).nullable(),
    }),
  },
  /** Ends the calling dashboard session. */
  'auth.session.signOut': {
    input: NoInput,
    output: z.strictObject({ ended: z.number().int() }),
  },
  /** A session: ends every session of its Discord user. The admin: of one user, or all. */
  'auth.session.signOutEverywhere': {
    input: z.strictObject({ discordUserId: snowflake.optional() }).optional(),
    output: z.strictObject({ ended: z.number().int() }),
  },
  'auth.sessions.list': { input: NoInput, output: z.array(DashboardSessionSchema) },
  'links.list': {
    input: z
      .strictObject({ discordUserId: snowflake.optional(), githubLogin: githubLogin.optional() })
      .optional(),
    output: z.array(LinkSchema),
  },
  /** Admin override: links a member; `replace` moves a GitHub account linked to someone else. */
  'links.set': {
    input: z.strictObject({
      discordUserId: snowflake,
      githubLogin,
      replace: z.boolean().default(false),
    }),
    output: LinkSchema,
  },
  'links.remove': {
    input: z.strictObject({ discordUserId: snowflake }),
    output: z.strictObject({ removed: LinkSchema.nullable() }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const AuthChangedEventSchema = z.strictObject({
  type: z.literal('auth-changed'),
  provider: OAuthProviderSchema,
  state: z.enum(['signed_in', 'signed_out', 'refreshed', 'failed']),
  message: z.string().optional(),
});

export const LinkChangedEventSchema = z.strictObject({
  type: z.literal('link-changed'),
  discordUserId: z.string(),
  /** The new login, or null when the member was unlinked. */
  githubLogin: z.string().nullable(),
  actor: z.string(),
});
