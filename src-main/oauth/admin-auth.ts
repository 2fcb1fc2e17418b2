// The admin's own sign-in: Discord (identify guilds) for the guild list with badges and the bot
// invite, GitHub (read:org, or a pasted token checked live) for the org picker and the crawl.
// Tokens go to the SecretStore only; the browser is opened by the injected opener (Electron's
// shell.openExternal) or, headless, the URL goes back to the UI. Discord tokens are refreshed
// before they expire (refreshTokens, run by the token refresh job) and revoked at sign-out.
import { createHash } from 'node:crypto';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { assertSecretValue } from '../secrets/secret-value.js';
import type { SecretAccount, SecretStore } from '../secrets/types.js';
import type { SettingsRepository } from '../store/repositories.js';
import type { Settings } from '../store/types.js';
import {
  OAuthFlowError,
  refreshAccessToken,
  revokeToken,
  type OAuthClient,
  type TokenSet,
} from './authorization-code.js';
import { BOT_PERMISSIONS, BOT_SCOPES, botInviteUrl, botPermissionsInteger } from './bot-invite.js';
import { PAGES } from './callback-page.js';
import {
  botGuildIds,
  discordUser,
  discordUserGuilds,
  type DiscordGuildView,
  type DiscordUserView,
} from './discord-accounts.js';
import {
  ADMIN_GITHUB_SCOPES,
  identifyGitHubToken,
  readableOrgs,
  revokeGitHubGrant,
  type GitHubIdentity,
  type GitHubOrgView,
} from './github-accounts.js';
import type { FlowRedirect, OAuthFlows } from './oauth-flows.js';
import {
  discordEndpoints,
  githubEndpoints,
  redirectUris,
  type OAuthProviderName,
} from './providers.js';

export const DISCORD_ADMIN_SCOPES = ['identify', 'guilds'] as const;
/** Refresh when less than this is left: Discord access tokens live 7 days. */
export const DISCORD_REFRESH_MARGIN_MS = 24 * 3600_000;
const IDENTITY_CACHE_MS = 5 * 60_000;

export type AuthChange = {
  provider: OAuthProviderName;
  state: 'signed_in' | 'signed_out' | 'refreshed' | 'failed';
  message?: string;
};

export interface SignInStart {
  authorizationUrl: string;
  redirectUri: string;
  expiresAt: string;
  /** True when the system browser was asked to open it; otherwise the UI shows the URL. */
  opened: boolean;
}

export interface GuildListEntry extends DiscordGuildView {
  /** Null when there is no bot token to ask with. */
  botPresent: boolean | null;
  /** GitGuild manages this guild (it is in the config). */
  managed: boolean;
  /** For guilds the admin can manage and the bot is not in: an invite with GitGuild's permissions. */
  inviteUrl: string | null;
}

export interface OrgListEntry extends GitHubOrgView {
  /** Already in GitGuild's org list. */
  selected: boolean;
}

export interface GitHubTokenCheck {
  login: string;
  scopes: string[] | null;
  missingScopes: string[];
  orgs: GitHubOrgView[];
}

export interface AdminAuthOptions {
  settings: SettingsRepository;
  secrets: SecretStore;
  flows: OAuthFlows;
  logger: Logger;
  userAgent: string;
  mode: 'desktop' | 'headless';
  /** Opens the system browser (Electron passes shell.openExternal); headless has none. */
  openExternal?: (url: string) => Promise<void>;
  onChange?: (change: AuthChange) => void;
  /** Guild ids GitGuild manages, to mark them in the guild list. */
  managedGuildIds?: () => ReadonlySet<string>;
  now?: () => number;
}

const ACCOUNTS = {
  discordAccess: 'admin.discordAccessToken',
  discordRefresh: 'admin.discordRefreshToken',
  githubAccess: 'admin.githubAccessToken',
  githubRefresh: 'admin.githubRefreshToken',
  githubToken: 'github.token',
} as const satisfies Record<string, SecretAccount>;

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

export class AdminAuthService {
  private readonly log: Logger;
  private readonly now: () => number;
  /** In memory only: after a restart it is unknown, and the first use refreshes. */
  private discordExpiresAt: number | null = null;
  private discordIdentity: DiscordUserView | null = null;
  private githubIdentity: { digest: string; at: number; identity: GitHubIdentity } | null = null;
  private refreshing: Promise<string | null> | null = null;
  private readonly cancelPending: Partial<Record<OAuthProviderName, () => void>> = {};

  constructor(private readonly options: AdminAuthOptions) {
    this.log = options.logger.child('auth');
    this.now = options.now ?? Date.now;
  }

  // ---- status ----

  async status() {
    const settings = this.options.settings.get();
    const secrets = this.options.secrets;
    const available = secrets.status().available;
    const present = new Set(available ? await secrets.list().catch(() => []) : []);
    const uris = redirectUris(settings);
    const github = await this.githubStatus(present);
    return {
      keychainAvailable: available,
      discord: {
        configured: settings.discordClientId !== '' && present.has('discord.clientSecret'),
        signedIn: present.has(ACCOUNTS.discordRefresh) || present.has(ACCOUNTS.discordAccess),
        user: this.discordIdentity,
        expiresAt:
          this.discordExpiresAt === null ? null : new Date(this.discordExpiresAt).toISOString(),
        pending: this.options.flows.count('admin sign-in: discord') > 0,
      },
      github: {
        configured: settings.githubClientId !== '' && present.has('github.clientSecret'),
        ...github,
        pending: this.options.flows.count('admin sign-in: github') > 0,
      },
      setup: {
        /** Register at Discord: Developer Portal → OAuth2 → Redirects. */
        discordRedirectUri: uris.discordLoopback,
        /** Register at GitHub as the OAuth App's callback URL (any port is accepted on loopback). */
        githubCallbackUrl: uris.githubLoopback,
        /** With a public base URL: the redirects for web mode and dashboard sign-in. */
        discordPublicRedirectUri: uris.discordPublic,
        githubPublicCallbackUrl: uris.githubPublic,
        botInviteUrl: botInviteUrl(settings),
        botScopes: [...BOT_SCOPES],
        botPermissions: botPermissionsInteger(),
        botPermissionList: BOT_PERMISSIONS.map((p) => ({ name: p.name, why: p.why })),
      },
    };
  }

  private async githubStatus(present: ReadonlySet<string>) {
    const source = present.has(ACCOUNTS.githubToken)
      ? ('token' as const)
      : present.has(ACCOUNTS.githubAccess)
        ? ('oauth' as const)
        : null;
    const none = {
      signedIn: false,
      source: null,
      login: null,
      scopes: null,
      missingScopes: [],
      problem: null,
    };
    if (!source) return none;
    const token = await this.options.secrets
      .get(source === 'token' ? ACCOUNTS.githubToken : ACCOUNTS.githubAccess)
      .catch(() => null);
    if (!token) return none;
    try {
      const identity = await this.identifyCached(token);
      return {
        signedIn: true,
        source,
        login: identity.login,
        scopes: identity.scopes,
        missingScopes: missingScopes(identity.scopes),
        problem: null,
      };
    } catch (error) {
      const message =
        error instanceof GitGuildError ? error.message : 'GitHub could not be reached.';
      return {
        signedIn: true,
        source,
        login: null,
        scopes: null,
        missingScopes: [],
        problem: message,
      };
    }
  }

  private async identifyCached(token: string): Promise<GitHubIdentity> {
    const key = digest(token);
    const cached = this.githubIdentity;
    if (cached && cached.digest === key && this.now() - cached.at < IDENTITY_CACHE_MS)
      return cached.identity;
    const settings = this.options.settings.get();
    const identity = await identifyGitHubToken(settings, token, this.log, this.options.userAgent);
    this.githubIdentity = { digest: key, at: this.now(), identity };
    return identity;
  }

  /** The admin's Discord id when signed in with Discord (links made by them name it). */
  signedInDiscordUserId(): string | null {
    return this.discordIdentity?.id ?? null;
  }

  // ---- sign-in ----

  async beginDiscord(): Promise<SignInStart> {
    const settings = this.options.settings.get();
    this.assertWritable();
    const client = await this.client('discord', settings);
    this.cancelPending.discord?.();
    const flow = await this.options.flows.begin<DiscordUserView>({
      provider: 'discord',
      endpoints: discordEndpoints(settings),
      client,
      scope: DISCORD_ADMIN_SCOPES.join(' '),
      redirect: this.redirect(settings, { kind: 'loopback', port: settings.discordRedirectPort }),
      purpose: 'admin sign-in: discord',
      finish: async (tokens) => ({
        value: await this.storeDiscordTokens(tokens, settings),
        page: PAGES.signedIn,
      }),
    });
    this.cancelPending.discord = flow.cancel;
    void flow.outcome.then((result) => this.reportFlow('discord', result));
    return this.present('discord', flow);
  }

  async beginGithub(): Promise<SignInStart> {
    const settings = this.options.settings.get();
    this.assertWritable();
    const client = await this.client('github', settings);
    this.cancelPending.github?.();
    const flow = await this.options.flows.begin<GitHubIdentity>({
      provider: 'github',
      endpoints: githubEndpoints(settings),
      client,
      scope: ADMIN_GITHUB_SCOPES.join(' '),
      redirect: this.redirect(settings, { kind: 'loopback', port: 0 }),
      purpose: 'admin sign-in: github',
      finish: async (tokens) => {
        this.log.addSecret(tokens.accessToken);
        const identity = await identifyGitHubToken(
          settings,
          tokens.accessToken,
          this.log,
          this.options.userAgent,
        );
        await this.options.secrets.set(ACCOUNTS.githubAccess, tokens.accessToken);
        if (tokens.refreshToken) {
          this.log.addSecret(tokens.refreshToken);
          await this.options.secrets.set(ACCOUNTS.githubRefresh, tokens.refreshToken);
        }
        this.githubIdentity = { digest: digest(tokens.accessToken), at: this.now(), identity };
        this.log.info('signed in with GitHub', { login: identity.login, scopes: identity.scopes });
        return { value: identity, page: PAGES.signedIn };
      },
    });
    this.cancelPending.github = flow.cancel;
    void flow.outcome.then((result) => this.reportFlow('github', result));
    return this.present('github', flow);
  }

  /** A pasted token: checked live, then kept as the GitHub token the crawl uses. */
  async useGithubToken(token: string): Promise<GitHubTokenCheck> {
    this.log.addSecret(token);
    assertSecretValue(token, 'The GitHub token');
    this.assertWritable();
    const settings = this.options.settings.get();
    const identity = await identifyGitHubToken(settings, token, this.log, this.options.userAgent);
    const orgs = await readableOrgs(settings, token, this.log, this.options.userAgent);
    await this.options.secrets.set(ACCOUNTS.githubToken, token);
    this.githubIdentity = { digest: digest(token), at: this.now(), identity };
    this.log.info('GitHub token checked and saved', {
      login: identity.login,
      scopes: identity.scopes,
      orgs: orgs.length,
    });
    this.options.onChange?.({ provider: 'github', state: 'signed_in' });
    return {
      login: identity.login,
      scopes: identity.scopes,
      missingScopes: missingScopes(identity.scopes),
      orgs,
    };
  }

  // ---- sign-out ----

  async signOut(provider: OAuthProviderName): Promise<{ revoked: boolean; note: string | null }> {
    this.assertWritable();
    this.cancelPending[provider]?.();
    const result =
      provider === 'discord' ? await this.signOutDiscord() : await this.signOutGithub();
    this.options.onChange?.({ provider, state: 'signed_out' });
    return result;
  }

  private async signOutDiscord(): Promise<{ revoked: boolean; note: string | null }> {
    const { secrets } = this.options;
    const refresh = await secrets.get(ACCOUNTS.discordRefresh);
    const access = await secrets.get(ACCOUNTS.discordAccess);
    let revoked = refresh === null && access === null;
    if (refresh || access) {
      try {
        const settings = this.options.settings.get();
        const client = await this.client('discord', settings);
        // Revoking the refresh token ends the grant; the access token too, in case it outlived it.
        if (refresh)
          await revokeToken(discordEndpoints(settings), client, refresh, 'refresh_token');
        if (access) await revokeToken(discordEndpoints(settings), client, access, 'access_token');
        revoked = true;
      } catch (error) {
        this.log.warn(
          'Discord did not confirm the revocation; the tokens are deleted here anyway',
          {
            error: describe(error),
          },
        );
      }
    }
    await secrets.delete(ACCOUNTS.discordRefresh);
    await secrets.delete(ACCOUNTS.discordAccess);
    this.discordExpiresAt = null;
    this.discordIdentity = null;
    this.log.info('signed out of Discord', { revoked });
    return {
      revoked,
      note: revoked
        ? null
        : 'Discord could not be told; remove GitGuild under Discord → Settings → Authorized Apps.',
    };
  }

  private async signOutGithub(): Promise<{ revoked: boolean; note: string | null }> {
    const { secrets } = this.options;
    const settings = this.options.settings.get();
    const oauthToken = await secrets.get(ACCOUNTS.githubAccess);
    const pasted = await secrets.get(ACCOUNTS.githubToken);
    let revoked = oauthToken === null;
    if (oauthToken) {
      try {
        const client = await this.client('github', settings);
        await revokeGitHubGrant(settings, client, oauthToken, this.options.userAgent);
        revoked = true;
      } catch (error) {
        this.log.warn('GitHub did not confirm the revocation; the token is deleted here anyway', {
          error: describe(error),
        });
      }
    }
    await secrets.delete(ACCOUNTS.githubAccess);
    await secrets.delete(ACCOUNTS.githubRefresh);
    if (pasted) await secrets.delete(ACCOUNTS.githubToken);
    this.githubIdentity = null;
    this.log.info('signed out of GitHub', { revoked, pastedTokenRemoved: pasted !== null });
    const notes: string[] = [];
    if (!revoked)
      notes.push(
        'GitHub could not be told; revoke GitGuild under GitHub → Settings → Applications.',
      );
    if (pasted)
      notes.push(
        `GitHub does not let an app revoke a pasted token: delete it at ${settings.githubWebBaseUrl.replace(/\/+$/, '')}/settings/tokens if it is no longer needed.`,
      );
    return { revoked: revoked && pasted === null, note: notes.length > 0 ? notes.join(' ') : null };
  }

  // ---- lists ----

  async discordGuilds(): Promise<GuildListEntry[]> {
    const settings = this.options.settings.get();
    const access = await this.discordAccessToken();
    if (!access) {
      throw new GitGuildError('unauthorized', 'Not signed in with Discord.', {
        hint: 'Sign in with Discord first.',
      });
    }
    let guilds: DiscordGuildView[];
    try {
      guilds = await discordUserGuilds(settings.discordApiBaseUrl, access);
    } catch (error) {
      // Expired or revoked earlier than we knew: one refresh, one retry.
      if (!(error instanceof GitGuildError && error.identifier === 'unauthorized')) throw error;
      this.discordExpiresAt = null;
      const fresh = await this.refreshDiscord();
      if (!fresh) throw error;
      guilds = await discordUserGuilds(settings.discordApiBaseUrl, fresh);
    }
    const botToken = await this.options.secrets.get('discord.botToken').catch(() => null);
    if (botToken) this.log.addSecret(botToken);
    const botIn = await botGuildIds(settings.discordApiBaseUrl, botToken);
    const managed = this.options.managedGuildIds?.() ?? new Set<string>();
    return guilds
      .map((g) => {
        const botPresent = botIn === null ? null : botIn.has(g.id);
        return {
          ...g,
          botPresent,
          managed: managed.has(g.id),
          inviteUrl: g.canManage && botPresent !== true ? botInviteUrl(settings, g.id) : null,
        };
      })
      .sort((a, b) => Number(b.canManage) - Number(a.canManage) || a.name.localeCompare(b.name));
  }

  /** The bot invite for one guild, with the permission list that explains it. */
  botInvite(guildId: string): {
    url: string;
    permissions: string;
    permissionList: { name: string; why: string }[];
  } {
    const url = botInviteUrl(this.options.settings.get(), guildId);
    if (!url) {
      throw new GitGuildError('invalid_input', "The Discord application's client ID is not set.", {
        hint: 'Add it in Settings (discordClientId).',
      });
    }
    return {
      url,
      permissions: botPermissionsInteger(),
      permissionList: BOT_PERMISSIONS.map((p) => ({ name: p.name, why: p.why })),
    };
  }

  async githubOrgs(): Promise<OrgListEntry[]> {
    const settings = this.options.settings.get();
    const { secrets } = this.options;
    const token =
      (await secrets.get(ACCOUNTS.githubToken)) ?? (await secrets.get(ACCOUNTS.githubAccess));
    if (!token) {
      throw new GitGuildError('unauthorized', 'Not signed in with GitHub.', {
        hint: 'Sign in with GitHub or paste a token first.',
      });
    }
    const selected = new Set(settings.githubOrgs.map((o) => o.toLowerCase()));
    const orgs = await readableOrgs(settings, token, this.log, this.options.userAgent);
    return orgs.map((o) => ({ ...o, selected: selected.has(o.login.toLowerCase()) }));
  }

  // ---- refresh (the token refresh job) ----

  /** Refreshes the Discord tokens when they are close to expiry (or their expiry is unknown). */
  async refreshTokens(): Promise<
    'not_signed_in' | 'fresh' | 'refreshed' | 'signed_out' | 'failed'
  > {
    const { secrets } = this.options;
    if (!secrets.status().available) return 'failed';
    if (!(await secrets.get(ACCOUNTS.discordRefresh))) return 'not_signed_in';
    if (
      this.discordExpiresAt !== null &&
      this.discordExpiresAt - this.now() > DISCORD_REFRESH_MARGIN_MS
    )
      return 'fresh';
    const before = await secrets.get(ACCOUNTS.discordRefresh);
    const access = await this.refreshDiscord();
    if (access) return 'refreshed';
    return (await secrets.get(ACCOUNTS.discordRefresh)) === before ? 'failed' : 'signed_out';
  }

  /** A usable Discord access token, refreshed first when it is close to expiry. */
  private async discordAccessToken(): Promise<string | null> {
    const { secrets } = this.options;
    const access = await secrets.get(ACCOUNTS.discordAccess);
    const expiring =
      this.discordExpiresAt === null ||
      this.discordExpiresAt - this.now() <= DISCORD_REFRESH_MARGIN_MS;
    if (access && !expiring) {
      this.log.addSecret(access);
      return access;
    }
    return (await this.refreshDiscord()) ?? access;
  }

  /** Single flight: Discord rotates refresh tokens, so two refreshes at once would end the grant. */
  private refreshDiscord(): Promise<string | null> {
    this.refreshing ??= (async () => {
      const { secrets } = this.options;
      const refresh = await secrets.get(ACCOUNTS.discordRefresh);
      if (!refresh) return null;
      this.log.addSecret(refresh);
      const settings = this.options.settings.get();
      try {
        const tokens = await refreshAccessToken(
          discordEndpoints(settings),
          await this.client('discord', settings),
          refresh,
        );
        await this.storeDiscordTokens(tokens, settings);
        this.log.info('Discord sign-in refreshed', {
          expiresAt: this.discordExpiresAt && new Date(this.discordExpiresAt).toISOString(),
        });
        this.options.onChange?.({ provider: 'discord', state: 'refreshed' });
        return tokens.accessToken;
      } catch (error) {
        if (error instanceof OAuthFlowError && error.detail['error'] === 'invalid_grant') {
          // Revoked at Discord or expired: the sign-in is over.
          await secrets.delete(ACCOUNTS.discordRefresh);
          await secrets.delete(ACCOUNTS.discordAccess);
          this.discordExpiresAt = null;
          this.discordIdentity = null;
          this.log.warn('Discord no longer accepts the refresh token; signed out');
          this.options.onChange?.({
            provider: 'discord',
            state: 'failed',
            message: 'The Discord sign-in ended; sign in again.',
          });
          return null;
        }
        this.log.warn('refreshing the Discord sign-in failed; will retry', {
          error: describe(error),
        });
        return null;
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  // ---- helpers ----

  private async storeDiscordTokens(tokens: TokenSet, settings: Settings): Promise<DiscordUserView> {
    const { secrets } = this.options;
    this.log.addSecret(tokens.accessToken);
    if (tokens.refreshToken) this.log.addSecret(tokens.refreshToken);
    const missing = DISCORD_ADMIN_SCOPES.filter((s) => !tokens.scopes.includes(s));
    if (missing.length > 0)
      throw new GitGuildError('forbidden', `Discord did not grant ${missing.join(', ')}.`, {
        hint: 'Sign in again and allow GitGuild to see your servers.',
      });
    const user = await discordUser(settings.discordApiBaseUrl, tokens.accessToken);
    // The refresh token first: if the second write fails, a refresh still recovers.
    if (tokens.refreshToken) await secrets.set(ACCOUNTS.discordRefresh, tokens.refreshToken);
    await secrets.set(ACCOUNTS.discordAccess, tokens.accessToken);
    this.discordExpiresAt =
      tokens.expiresInSeconds === null ? null : this.now() + tokens.expiresInSeconds * 1000;
    this.discordIdentity = user;
    this.log.info('signed in with Discord', { userId: user.id, username: user.username });
    return user;
  }

  private async client(provider: OAuthProviderName, settings: Settings): Promise<OAuthClient> {
    const clientId = provider === 'discord' ? settings.discordClientId : settings.githubClientId;
    const label = provider === 'discord' ? 'Discord application' : 'GitHub OAuth App';
    if (clientId === '') {
      throw new GitGuildError('invalid_input', `The ${label}'s client ID is not set.`, {
        hint: `Add it in Settings (${provider === 'discord' ? 'discordClientId' : 'githubClientId'}).`,
      });
    }
    if (!this.options.secrets.status().available) throw keychainUnavailable(this.options.secrets);
    const secret = await this.options.secrets.get(
      provider === 'discord' ? 'discord.clientSecret' : 'github.clientSecret',
    );
    if (!secret) {
      throw new GitGuildError('invalid_input', `The ${label}'s client secret is not set.`, {
        hint: `Add it under Settings → Secrets (${provider}.clientSecret).`,
      });
    }
    this.log.addSecret(secret);
    return { clientId, clientSecret: secret };
  }

  /** Headless with a public base URL: the provider redirects there; otherwise to a loopback port. */
  private redirect(settings: Settings, loopback: FlowRedirect): FlowRedirect {
    return this.options.mode === 'headless' && settings.publicBaseUrl !== ''
      ? { kind: 'public', baseUrl: settings.publicBaseUrl }
      : loopback;
  }

  private async present(
    provider: OAuthProviderName,
    flow: { authorizationUrl: string; redirectUri: string; expiresAt: number },
  ): Promise<SignInStart> {
    let opened = false;
    if (this.options.openExternal) {
      try {
        await this.options.openExternal(flow.authorizationUrl);
        opened = true;
      } catch (error) {
        this.log.warn('the system browser could not be opened; the UI shows the sign-in link', {
          error: describe(error),
        });
      }
    }
    if (!opened) {
      // The URL itself carries the one-time state, so the log names only where it leads.
      this.log.info('sign-in page ready: open the link shown in the admin UI', {
        provider,
        authorizationEndpoint: flow.authorizationUrl.split('?')[0],
        redirectUri: flow.redirectUri,
      });
    }
    return {
      authorizationUrl: flow.authorizationUrl,
      redirectUri: flow.redirectUri,
      expiresAt: new Date(flow.expiresAt).toISOString(),
      opened,
    };
  }

  private reportFlow(provider: OAuthProviderName, result: { ok: boolean; reason?: string }): void {
    if (result.ok) this.options.onChange?.({ provider, state: 'signed_in' });
    else if (result.reason !== 'cancelled')
      this.options.onChange?.({
        provider,
        state: 'failed',
        message:
          result.reason === 'denied'
            ? 'Sign-in was cancelled in the browser.'
            : 'Sign-in did not complete; the host log has details.',
      });
  }

  private assertWritable(): void {
    const status = this.options.secrets.status();
    if (!status.available) throw keychainUnavailable(this.options.secrets);
    if (!status.writable) {
      throw new GitGuildError(
        'forbidden',
        `Secrets on this host are read-only (${status.backend} backend), so a sign-in cannot be kept.`,
        {
          hint: 'Use the keychain backend, or set the token variables (see the README, "Secrets on a server").',
        },
      );
    }
  }
}

function keychainUnavailable(secrets: SecretStore): GitGuildError {
  return new GitGuildError(
    'keychain_unavailable',
    'The secret store is not available, so sign-in tokens cannot be kept.',
    {
      hint: secrets.status().problem ?? 'Check the keychain status in Settings.',
    },
  );
}

function missingScopes(scopes: string[] | null): string[] {
  // Fine-grained tokens report no scopes; what they can read shows in the org list instead.
  if (scopes === null) return [];
  // `admin:org` and `write:org` include read:org.
  const has = (s: string) =>
    scopes.includes(s) ||
    (s === 'read:org' && (scopes.includes('admin:org') || scopes.includes('write:org')));
  return ADMIN_GITHUB_SCOPES.filter((s) => !has(s));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
