// The store's public shapes: what the rest of the app may know about persisted state.
// Only src-main/store touches lowdb; everyone else goes through these repositories.
import { z } from 'zod';
import { networkPeerPaths, networkPeerUrl, peerTransportIssues } from './network-peers.js';

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

/** Where the crawl of one repository stopped: events up to `through` (ISO time) are counted. */
export interface RepoCursor {
  through: string;
  pushedAt: string | null;
  updatedAt: string | null;
  etags: Record<string, string>;
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
  discordClientId: z
    .string()
    .regex(/^\d{0,20}$/, 'must be a Discord snowflake')
    .default(''),
  crawl: z.strictObject({
    includeArchived: z.boolean(),
    includeForks: z.boolean(),
    includeBots: z.boolean(),
    repoInclude: z.array(z.string()),
    repoExclude: z.array(z.string()),
  }),
  startMinimized: z.boolean(),
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
  discordClientId: '',
  crawl: {
    includeArchived: false,
    includeForks: false,
    includeBots: false,
    repoInclude: [],
    repoExclude: [],
  },
  startMinimized: false,
  launchAtLogin: false,
};

/** Where the network-peer (URL-valued) settings sit, e.g. `['githubApiBaseUrl']`. */
export const SETTINGS_PEER_PATHS = networkPeerPaths(SettingsSchema);

/** A partial update; `crawl` may itself be partial. Peers it sets must be https (or loopback). */
export const SettingsPatchSchema = SettingsSchema.omit({ crawl: true })
  .partial()
  .extend({ crawl: SettingsSchema.shape.crawl.partial().optional() })
  .strict()
  .superRefine((patch, ctx) => {
    for (const issue of peerTransportIssues(SETTINGS_PEER_PATHS, patch))
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: patch });
  });
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

// ---- Config: guilds and role mappings (the role engine refines mappings in a later issue) ----

const snowflake = z.string().regex(/^\d{1,20}$/, 'must be a Discord snowflake (digits only)');
const githubLogin = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'must be a GitHub login');

/** A Discord server the admin manages with GitGuild. */
export const GuildSchema = z.strictObject({
  id: snowflake,
  name: z.string().min(1).max(100),
  enabled: z.boolean(),
});
export type Guild = z.infer<typeof GuildSchema>;

export const MappingWindowSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rolling'), days: z.number().int().min(1).max(3660) }),
  z.strictObject({ kind: z.literal('all_time') }),
]);
export type MappingWindow = z.infer<typeof MappingWindowSchema>;

/** One rule: members whose `metric` over `window` reaches `threshold` get `roleId`. */
export const MappingSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "-" or "_"'),
  guildId: snowflake,
  roleId: snowflake,
  metric: z.enum(METRICS),
  window: MappingWindowSchema,
  threshold: z.number().int().min(1, 'must be at least 1'),
  label: z.string().max(100).optional(),
  enabled: z.boolean(),
});
export type Mapping = z.infer<typeof MappingSchema>;

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

// ---- History: sync runs and audit entries ----

const detailValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

export const SyncRunSchema = z.strictObject({
  id: z.string().min(1).max(64),
  kind: z.enum(['crawl', 'sync', 'dry_run', 'voice_stats']),
  guildId: snowflake.nullable(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  outcome: z.enum(['running', 'ok', 'partial', 'failed']),
  changes: z.number().int().min(0),
  problems: z.array(z.string().max(500)).max(100),
});
export type SyncRun = z.infer<typeof SyncRunSchema>;

export const AuditEntrySchema = z.strictObject({
  at: z.iso.datetime(),
  /** Who did it: "admin:<discord id>", "member:<discord id>", "scheduler", "system". */
  actor: z.string().min(1).max(100),
  action: z.string().min(1).max(100),
  target: z.string().max(200).optional(),
  detail: z.record(z.string(), detailValue).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

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
