// The store's public shapes: what the rest of the app may know about persisted state.
// Only src-main/store touches lowdb; everyone else goes through these repositories.
import { z } from 'zod';
import {
  isLoopbackHostname,
  networkPeerPaths,
  networkPeerRegistry,
  networkPeerUrl,
  optionalWebSocketPeerUrl,
  peerTransportIssues,
} from './network-peers.js';

export const METRICS = ['prs_opened', 'prs_merged', 'issues', 'commits', 'reviews'] as const;
export type Metric = (typeof METRICS)[number];

/** One day's count for one contributor in one repository. `day` is a UTC calendar day, YYYY-MM-DD. */
export interface DailyCount {
  login: string;
  repo: string; // "owner/name"
  metric: Metric;
  day: string;
  count: number;
}

/**
 * Where the crawl of one repository stopped. Issues, pull requests and reviews are counted up to
 * `through` (GitHub's time); commits are counted as the default branch stood at `headOid`.
 */
export interface RepoCursor {
  through: string;
  /** Default-branch head whose reachable commits are counted; null: no commits counted yet. */
  headOid: string | null;
}

/** A repository as GitHub identifies it: its id survives renames and transfers, its name does not. */
export interface RepoIdentity {
  id: number;
  /** "owner/name" as of the latest crawl. */
  name: string;
}

/**
 * What the latest crawl of an org that reached every repository counted: the repositories its
 * settings selected and whether bot accounts count. Stats follow it, so a settings change takes
 * effect whole, at the end of the next such crawl, never half.
 */
export interface CrawlSelection {
  repoIds: number[];
  includeBots: boolean;
}

export const CrawlSummarySchema = z.strictObject({
  org: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  complete: z.boolean(),
  missing: z.array(z.strictObject({ repo: z.string(), reason: z.string() })),
  requests: z.number().int().min(0),
});
export type CrawlSummary = z.infer<typeof CrawlSummarySchema>;

const ianaTimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as "Europe/Berlin" or "UTC"');

/**
 * Every URL-valued setting is a network peer GitGuild sends tokens to: declare new ones with this
 * schema, so the https rule and the import confirmation (src-main/store/network-peers.ts) cover them.
 */
const httpUrl = networkPeerUrl;

/**
 * The address people reach this host at through its TLS reverse proxy, for OAuth callbacks and
 * web-mode links: an origin only (no path), https except on loopback (tests, a proxy on the same
 * machine). A network peer: links and callbacks point there, so an import may not move it silently.
 */
const publicBaseUrl = z
  .string()
  .refine((u) => {
    if (u === '') return true;
    let url: URL;
    try {
      url = new URL(u);
    } catch {
      return false;
    }
    return (
      (url.protocol === 'https:' ||
        (url.protocol === 'http:' && isLoopbackHostname(url.hostname))) &&
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === '' &&
      url.username === '' &&
      url.password === ''
    );
  }, 'must be empty or an https origin such as "https://gitguild.example.org" (no path)')
  .transform((u) => (u === '' ? '' : new URL(u).origin));
networkPeerRegistry.add(publicBaseUrl, { networkPeer: true });

/** Non-secret settings. Tokens and client secrets never appear here: they live in the SecretStore. */
export const SettingsSchema = z.strictObject({
  timeZone: ianaTimeZone,
  syncIntervalMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  githubOrgs: z.array(
    z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'must be a GitHub org login'),
  ),
  githubApiBaseUrl: httpUrl,
  githubWebBaseUrl: httpUrl,
  discordApiBaseUrl: httpUrl,
  /** A gateway URL to use instead of the one Discord's `GET /gateway/bot` names; '' asks Discord. */
  discordGatewayUrl: optionalWebSocketPeerUrl.default(''),
  discordClientId: z
    .string()
    .regex(/^\d{0,20}$/, 'must be a Discord snowflake')
    .default(''),
  /** The GitHub OAuth App's client ID (public; its secret is `github.clientSecret`). */
  githubClientId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{0,100}$/, 'must be a GitHub OAuth client ID such as "Ov23li…"')
    .default(''),
  /**
   * Discord needs the exact redirect URI registered, so admin sign-in listens on this fixed
   * loopback port (`http://127.0.0.1:<port>/oauth/discord/callback`).
   */
  discordRedirectPort: z.number().int().min(1024).max(65535).default(7421),
  /** Empty: no public URL (desktop). Set: web-mode /link and dashboard sign-in can use it. */
  publicBaseUrl: publicBaseUrl.default(''),
  /** How members link: GitHub's device flow (no public URL needed) or a web link on `publicBaseUrl`. */
  memberLinkMode: z.enum(['device_flow', 'web']).default('device_flow'),
  /** Headless: let admins sign in with Discord at `publicBaseUrl` instead of sharing the API token. */
  dashboardSignIn: z.boolean().default(false),
  crawl: z.strictObject({
    includeArchived: z.boolean(),
    includeForks: z.boolean(),
    includeBots: z.boolean(),
    repoInclude: z.array(z.string()),
    repoExclude: z.array(z.string()),
  }),
  startMinimized: z.boolean(),
  /** Timed crawls and syncs are paused ("Sync now" still works); survives restarts. */
  schedulerPaused: z.boolean().default(false),
  /**
   * The setup wizard's own memory: the step the admin last had open (so leaving and coming back
   * resumes there) and when they finished or dismissed it (it then opens only from Settings).
   * Whether a step is done is read from the real state (secrets, orgs, crawls), not stored here.
   */
  setupWizard: z
    .strictObject({
      step: z
        .string()
        .regex(/^[a-z-]{1,40}$/)
        .nullable(),
      dismissedAt: z.iso.datetime().nullable(),
    })
    .default({ step: null, dismissedAt: null }),
  /** Desktop: start GitGuild (hidden, in the tray) when the user logs in. Off until asked for. */
  launchAtLogin: z.boolean().default(false),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  timeZone: 'UTC',
  syncIntervalMinutes: 60,
  githubOrgs: [],
  githubApiBaseUrl: 'https://api.github.com',
  githubWebBaseUrl: 'https://github.com',
  discordApiBaseUrl: 'https://discord.com/api',
  discordGatewayUrl: '',
  discordClientId: '',
  githubClientId: '',
  discordRedirectPort: 7421,
  publicBaseUrl: '',
  memberLinkMode: 'device_flow',
  dashboardSignIn: false,
  crawl: {
    includeArchived: false,
    includeForks: false,
    includeBots: false,
    repoInclude: [],
    repoExclude: [],
  },
  startMinimized: false,
  schedulerPaused: false,
  setupWizard: { step: null, dismissedAt: null },
  launchAtLogin: false,
};

/** Each field optional, with any `.default()` removed. */
type PatchShape<Shape extends z.core.$ZodLooseShape> = {
  [K in keyof Shape]: z.ZodOptional<Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K]>;
};

/**
 * Zod applies a field's default even inside `.partial()`, so a patch that leaves a defaulted
 * field out would reset it. A patch therefore takes every field optional with its default
 * removed; this covers fields added later too.
 */
export function patchShape<Shape extends z.core.$ZodLooseShape>(shape: Shape): PatchShape<Shape> {
  return Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? field.unwrap() : field).optional(),
    ]),
  ) as PatchShape<Shape>;
}

/** Where the network-peer (URL-valued) settings sit, e.g. `['githubApiBaseUrl']`. */
export const SETTINGS_PEER_PATHS = networkPeerPaths(SettingsSchema);

/** A partial update; `crawl` may itself be partial. Peers it sets must be https (or loopback). */
export const SettingsPatchSchema = z
  .strictObject({
    ...patchShape(SettingsSchema.omit({ crawl: true }).shape),
    crawl: SettingsSchema.shape.crawl.partial().optional(),
  })
  .superRefine((patch, ctx) => {
    for (const issue of peerTransportIssues(SETTINGS_PEER_PATHS, patch))
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: patch });
  });
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

// ---- Config: guilds and role mappings (config v3: the role engine's shapes) ----

const snowflake = z.string().regex(/^\d{1,20}$/, 'must be a Discord snowflake (digits only)');
const githubLogin = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'must be a GitHub login');

/** The org numbers a voice stats channel can show. */
export const VOICE_STATS = [
  'stars',
  'forks',
  'contributors',
  'open_prs',
  'open_issues',
  'commits',
] as const;
export type VoiceStatKey = (typeof VOICE_STATS)[number];

export const VoiceStatsSettingsSchema = z
  .strictObject({
    enabled: z.boolean(),
    /** Name of the category holding the channels (found again by id, then by this name). */
    categoryName: z.string().min(1).max(100),
    /** One locked voice channel per entry, in this order; `{value}` is replaced by the number. */
    stats: z
      .array(
        z.strictObject({
          key: z.enum(VOICE_STATS),
          format: z
            .string()
            .min(1)
            .max(80)
            .refine((f) => f.includes('{value}'), 'must contain {value}'),
        }),
      )
      .max(VOICE_STATS.length),
    /** `full`: 12,345; `compact`: 12.3k. */
    numberStyle: z.enum(['full', 'compact']),
  })
  .refine(
    (v) => new Set(v.stats.map((s) => s.key)).size === v.stats.length,
    'each stat may appear only once',
  );
export type VoiceStatsSettings = z.infer<typeof VoiceStatsSettingsSchema>;

export const DEFAULT_VOICE_STATS: VoiceStatsSettings = {
  enabled: false,
  categoryName: '📊 GitHub Stats',
  stats: [
    { key: 'stars', format: '⭐ Stars: {value}' },
    { key: 'forks', format: '🍴 Forks: {value}' },
    { key: 'contributors', format: '👥 Contributors: {value}' },
    { key: 'open_prs', format: '🔀 Open PRs: {value}' },
    { key: 'open_issues', format: '🐛 Open issues: {value}' },
    { key: 'commits', format: '📝 Commits: {value}' },
  ],
  numberStyle: 'full',
};

/** Safety cap: a run that would make more role changes than this stops and asks to confirm. */
export const DEFAULT_MAX_CHANGES_PER_RUN = 200;
export const DEFAULT_GUILD_SYNC_MINUTES = 15;

/** A Discord server the admin manages with GitGuild. Fields after `enabled` arrived with config v3. */
export const GuildSchema = z.strictObject({
  id: snowflake,
  name: z.string().min(1).max(100),
  enabled: z.boolean(),
  /** The GitHub org whose contributions this guild follows; null until the admin picks one. */
  org: githubLogin.nullable().default(null),
  /** How often the scheduler crawls the org and syncs this guild. */
  syncIntervalMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(DEFAULT_GUILD_SYNC_MINUTES),
  /** Unlinked members lose the roles GitGuild manages; off leaves unlinked members untouched. */
  removeRolesOnUnlink: z.boolean().default(true),
  /** Where applied role changes are posted, if anywhere. */
  auditChannelId: snowflake.nullable().default(null),
  maxChangesPerRun: z.number().int().min(1).max(100_000).default(DEFAULT_MAX_CHANGES_PER_RUN),
  voiceStats: VoiceStatsSettingsSchema.default(DEFAULT_VOICE_STATS),
});
export type Guild = z.infer<typeof GuildSchema>;
/** What callers may pass: fields with defaults can be left out. */
export type GuildInput = z.input<typeof GuildSchema>;

export const MappingWindowSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rolling'), days: z.number().int().min(1).max(3660) }),
  z.strictObject({ kind: z.literal('all_time') }),
]);
export type MappingWindow = z.infer<typeof MappingWindowSchema>;

const teamSlug = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'must be a GitHub team slug such as "core-team"');

/**
 * When a mapping applies to a linked member. Leaves test one fact; `all`/`any` combine up to ten
 * conditions (nesting allowed, three levels at most).
 */
export type MappingCondition =
  | { kind: 'metric'; metric: Metric; window: MappingWindow; threshold: number }
  | { kind: 'rank'; metric: Metric; window: MappingWindow; top: number }
  | { kind: 'team'; team: string }
  | { kind: 'org_member' }
  | { kind: 'linked' }
  | { kind: 'all' | 'any'; of: MappingCondition[] };

function conditionDepth(c: MappingCondition): number {
  return c.kind === 'all' || c.kind === 'any' ? 1 + Math.max(0, ...c.of.map(conditionDepth)) : 0;
}

export const MappingConditionSchema: z.ZodType<MappingCondition, MappingCondition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('metric'),
      metric: z.enum(METRICS),
      window: MappingWindowSchema,
      threshold: z.number().int().min(1, 'must be at least 1'),
    }),
    z.strictObject({
      kind: z.literal('rank'),
      metric: z.enum(METRICS),
      window: MappingWindowSchema,
      top: z.number().int().min(1).max(1000),
    }),
    z.strictObject({ kind: z.literal('team'), team: teamSlug }),
    z.strictObject({ kind: z.literal('org_member') }),
    z.strictObject({ kind: z.literal('linked') }),
    z.strictObject({
      kind: z.enum(['all', 'any']),
      of: z.array(MappingConditionSchema).min(1).max(10),
    }),
  ]),
);

/** Mapping ids: also used in grace state and audit entries. */
export const MappingIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "-" or "_"');

/** One rule: linked members for whom `condition` holds get `roleId`. */
export const MappingSchema = z.strictObject({
  id: MappingIdSchema,
  guildId: snowflake,
  roleId: snowflake,
  label: z.string().max(100).optional(),
  enabled: z.boolean(),
  /** Position in the guild's list; within a tier group, later means a higher tier. */
  order: z.number().int().min(0).max(100_000).default(0),
  /** Tier group: a member holds only the highest tier of a group they reach. */
  group: z.string().min(1).max(50).nullable().default(null),
  condition: MappingConditionSchema.refine(
    (c) => conditionDepth(c) <= 3,
    'conditions may nest at most three levels deep',
  ),
  /** Days a held role survives its condition failing; null: the default for the condition. */
  graceDays: z.number().int().min(0).max(365).nullable().default(null),
});
export type Mapping = z.infer<typeof MappingSchema>;
export type MappingInput = z.input<typeof MappingSchema>;

/** The exported configuration: everything an admin would move to another machine, never secrets. */
export const ConfigDocumentSchema = z.strictObject({
  format: z.literal('gitguild-config'),
  schemaVersion: z.number().int(),
  exportedAt: z.string(),
  settings: SettingsSchema,
  guilds: z.array(GuildSchema),
  mappings: z.array(MappingSchema),
});
export type ConfigDocument = z.infer<typeof ConfigDocumentSchema>;

// ---- Links ----

export const LINK_METHODS = ['device_flow', 'web_oauth', 'admin'] as const;
export type LinkMethod = (typeof LINK_METHODS)[number];

export const LinkSchema = z.strictObject({
  discordUserId: snowflake,
  githubLogin,
  /** Discord user id of whoever made the link: the member themself or an admin. */
  linkedBy: snowflake,
  linkedAt: z.iso.datetime(),
  method: z.enum(LINK_METHODS),
});
export type Link = z.infer<typeof LinkSchema>;

// ---- History (v2): sync runs, audit entries and the sync engine's state ----

const detailValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

export const SYNC_TRIGGERS = [
  'schedule',
  'manual',
  'command',
  'link',
  'unlink',
  'member_join',
] as const;
export type SyncTriggerName = (typeof SYNC_TRIGGERS)[number];

/** Something that keeps a mapping from working, and what the admin can do about it. */
export const SyncProblemSchema = z.strictObject({
  code: z.string().min(1).max(50),
  message: z.string().max(500),
  fix: z.string().max(500),
  roleId: snowflake.optional(),
});
export type SyncProblem = z.infer<typeof SyncProblemSchema>;

const count = z.number().int().min(0);
export const SyncCountsSchema = z.strictObject({
  membersChecked: count,
  membersChanged: count,
  membersFailed: count,
  rolesAdded: count,
  rolesRemoved: count,
  /** Discord requests that changed something (member PATCHes). */
  writes: count,
  /** Discord REST reads the run needed (0 in steady state; a full resync re-reads members). */
  reads: count,
});
export type SyncCounts = z.infer<typeof SyncCountsSchema>;

export const SyncRunSchema = z.strictObject({
  id: z.string().min(1).max(64),
  kind: z.enum(['crawl', 'sync', 'voice_stats']),
  guildId: snowflake.nullable(),
  trigger: z.enum(SYNC_TRIGGERS),
  /** "admin:<discord id>", "member:<discord id>", "scheduler", "api", "system". */
  actor: z.string().min(1).max(100),
  dryRun: z.boolean(),
  /** Members were re-read from Discord first. */
  full: z.boolean(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  durationMs: z.number().int().min(0).nullable(),
  outcome: z.enum(['running', 'ok', 'partial', 'failed', 'needs_confirmation', 'interrupted']),
  counts: SyncCountsSchema,
  /** Per-member failures (and a run-level failure with memberId null). */
  errors: z
    .array(z.strictObject({ memberId: snowflake.nullable(), message: z.string().max(500) }))
    .max(100),
  problems: z.array(SyncProblemSchema).max(100),
});
export type SyncRun = z.infer<typeof SyncRunSchema>;

export const AuditEntrySchema = z.strictObject({
  at: z.iso.datetime(),
  /** Who did it: "admin:<discord id>", "member:<discord id>", "scheduler", "system". */
  actor: z.string().min(1).max(100),
  /** `role.add` / `role.remove` for role changes; anything else for other audited actions. */
  action: z.string().min(1).max(100),
  target: z.string().max(200).optional(),
  detail: z.record(z.string(), detailValue).optional(),
  // Role changes (history v2):
  guildId: snowflake.optional(),
  runId: z.string().max(64).optional(),
  memberId: snowflake.optional(),
  memberName: z.string().max(100).optional(),
  roleId: snowflake.optional(),
  roleName: z.string().max(100).optional(),
  change: z.enum(['add', 'remove']).optional(),
  reason: z.string().max(500).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/**
 * The sync engine's memory between runs. It lives in history.json, not config.json: it is not
 * the admin's configuration (config export must not carry it to another machine), it changes on
 * every run (config.json is backed up daily and should stay quiet), and losing it is safe (grace
 * periods restart, so roles are kept longer, never taken early; channels are found by name).
 */
export const SyncStateSchema = z.strictObject({
  /** guild → member → mapping → since when its condition has failed while the role was held. */
  grace: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.iso.datetime()))),
  /** Write-ahead record of the changes a run is applying, so a crash can be audited afterwards. */
  inFlight: z.record(
    z.string(),
    z.strictObject({
      runId: z.string().max(64),
      actor: z.string().max(100),
      startedAt: z.iso.datetime(),
      changes: z.array(
        z.strictObject({
          memberId: snowflake,
          memberName: z.string().max(100),
          add: z.array(z.strictObject({ roleId: snowflake, name: z.string(), reason: z.string() })),
          remove: z.array(
            z.strictObject({ roleId: snowflake, name: z.string(), reason: z.string() }),
          ),
        }),
      ),
    }),
  ),
  /** GitHub org membership (lower-case org → members and team members), for team conditions. */
  directory: z.record(
    z.string(),
    z.strictObject({
      fetchedAt: z.iso.datetime(),
      members: z.array(z.string()),
      teams: z.record(z.string(), z.array(z.string())),
      /** Teams that could not be read (unknown slug, no access), with the reason. */
      missingTeams: z.record(z.string(), z.string()),
    }),
  ),
  /** Voice stats channels per guild: ids, the text last written and recent renames per channel. */
  voiceStats: z.record(
    z.string(),
    z.strictObject({
      categoryId: snowflake.nullable(),
      channels: z.record(z.string(), snowflake),
      lastText: z.record(z.string(), z.string()),
      renames: z.record(z.string(), z.array(z.iso.datetime())),
    }),
  ),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export const EMPTY_SYNC_STATE: SyncState = {
  grace: {},
  inFlight: {},
  directory: {},
  voiceStats: {},
};

// ---- Store status ----

export const STORE_FILES = ['config', 'links', 'contributions', 'history'] as const;
export type StoreFileKind = (typeof STORE_FILES)[number];

/**
 * `store_corrupt` / `store_too_new`: a file was refused on load. `store_unreadable`: a folder could
 * not be listed (permissions, I/O error), so what it holds was not loaded. `store_not_durable`: a
 * directory fsync failed after a write, so that write may not survive a crash or power cut.
 */
export const STORE_PROBLEM_IDENTIFIERS = [
  'store_corrupt',
  'store_too_new',
  'store_unreadable',
  'store_not_durable',
] as const;
export type StoreProblemIdentifier = (typeof STORE_PROBLEM_IDENTIFIERS)[number];

export interface StoreProblem {
  identifier: StoreProblemIdentifier;
  kind: StoreFileKind;
  /** Absolute path of the refused file or the folder concerned; never shown without a token. */
  file: string;
  message: string;
  /** File name (in `<dataDir>/backups`) of the newest backup that parses and validates, if any. */
  newestGoodBackup: string | null;
  /** What the admin can do: restore that backup, discard (re-crawlable data), or upgrade GitGuild. */
  hint: string;
}
