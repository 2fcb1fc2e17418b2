// The AdminApi: every UI action, declared once with its input and output schemas. Electron IPC
// and the headless HTTP server both bind these same handlers; the renderer imports only types.
import { z } from 'zod';
import { WINDOWS } from '../stats/windows.js';
import {
  ConfigDocumentSchema,
  CrawlSummarySchema,
  METRICS,
  SettingsPatchSchema,
  SettingsSchema,
  STORE_PROBLEM_IDENTIFIERS,
} from '../store/types.js';
import { SECRET_ACCOUNTS } from '../secrets/types.js';
import { BotHealthSchema, botMethods } from './methods/bot.js';
import { chartsMethods } from './methods/charts.js';
import { hostInfoMethods } from './methods/host-info.js';
import { membersMethods } from './methods/members.js';
import { statsMethods } from './methods/stats.js';
import { SchedulerJobSchema, SyncFinishedEventSchema, syncMethods } from './methods/sync.js';
import { AuthChangedEventSchema, authMethods, LinkChangedEventSchema } from './methods/auth.js';

export { BotStateSchema, BotErrorReasonSchema, BotHealthSchema } from './methods/bot.js';
export const SchedulerStateSchema = z.enum(['idle', 'running', 'stopped', 'error']);
export const KeychainStateSchema = z.strictObject({
  available: z.boolean(),
  backend: z.enum(['keytar', 'env', 'memory', 'none']),
  /** Why it is unavailable and how to fix it; empty when available. */
  problem: z.string().optional(),
});

export const HealthSchema = z.strictObject({
  app: z.strictObject({ name: z.literal('GitGuild'), version: z.string() }),
  versions: z.strictObject({
    node: z.string(),
    electron: z.string().nullable(),
    discordJs: z.string(),
  }),
  mode: z.enum(['desktop', 'headless']),
  bot: BotHealthSchema,
  scheduler: z.strictObject({
    state: SchedulerStateSchema,
    lastRunAt: z.string().nullable(),
    nextRunAt: z.string().nullable(),
    /** Timed runs are paused (sync branch; optional so older hosts and fixtures still parse). */
    paused: z.boolean().optional(),
    /** Every timed job with its next run, for the status bar and the tray. */
    jobs: z.array(SchedulerJobSchema).optional(),
  }),
  keychain: KeychainStateSchema,
  store: z.strictObject({ ok: z.boolean(), problem: z.string().optional() }),
  uptimeSeconds: z.number(),
});
export type Health = z.infer<typeof HealthSchema>;

const NoInput = z.strictObject({}).optional();

const OrgLoginSchema = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'must be a GitHub org login');
export const MetricSchema = z.enum(METRICS);
export const WindowSchema = z.enum(WINDOWS);

export const CrawlProgressSchema = z.strictObject({
  org: z.string(),
  reposDone: z.number().int(),
  reposTotal: z.number().int(),
  requests: z.number().int(),
  rateLimitRemaining: z.number().int().nullable(),
});
export const CrawlStatusSchema = z.strictObject({
  running: CrawlProgressSchema.nullable(),
  /** The last finished crawl of every configured org (absent orgs were never crawled). */
  orgs: z.array(CrawlSummarySchema),
  /** The last crawl failure as a message the admin can act on; null after a success. */
  lastError: z.string().nullable(),
});

export const RankedEntrySchema = z.strictObject({
  login: z.string(),
  count: z.number().int(),
  rank: z.number().int(),
});
export const HallOfFameSchema = z.strictObject({
  org: z.string(),
  window: WindowSchema,
  now: z.string(),
  timeZone: z.string(),
  /** True when the last crawl of the org was incomplete: the numbers may be low. */
  partial: z.boolean(),
  missing: z.array(z.strictObject({ repo: z.string(), reason: z.string() })),
  lastCrawlAt: z.string().nullable(),
  metrics: z.record(MetricSchema, z.array(RankedEntrySchema)),
});

export const BackupListSchema = z.strictObject({
  problems: z.array(
    z.strictObject({
      identifier: z.enum(STORE_PROBLEM_IDENTIFIERS),
      kind: z.enum(['config', 'links', 'contributions', 'history']),
      file: z.string(),
      message: z.string(),
      newestGoodBackup: z.string().nullable(),
      hint: z.string(),
    }),
  ),
  backups: z.strictObject({ config: z.array(z.string()), links: z.array(z.string()) }),
});

export const ConfigImportInputSchema = z
  .strictObject({
    document: z.unknown(),
    /** Apply the document's network peers (the admin has seen and trusts them). */
    confirmNetworkPeers: z.boolean().optional(),
    /** Import everything else and keep the current network peers. */
    keepNetworkPeers: z.boolean().optional(),
  })
  .refine((input) => !(input.confirmNetworkPeers && input.keepNetworkPeers), {
    message: 'choose either confirmNetworkPeers or keepNetworkPeers, not both',
    path: ['keepNetworkPeers'],
  });

export const ConfigImportResultSchema = z.strictObject({
  imported: z.boolean(),
  networkPeers: z.strictObject({
    status: z.enum(['unchanged', 'needs_confirmation', 'applied', 'kept']),
    changes: z.array(
      z.strictObject({ setting: z.string(), current: z.string(), proposed: z.string() }),
    ),
  }),
  changes: z.strictObject({
    settings: z.array(z.string()),
    guilds: z.strictObject({ current: z.number().int(), proposed: z.number().int() }),
    mappings: z.strictObject({ current: z.number().int(), proposed: z.number().int() }),
  }),
  message: z.string(),
});

/** Accounts the admin may set from the UI; admin refresh tokens are written only by OAuth. */
export const SettableSecretSchema = z.enum([
  'discord.botToken',
  'discord.clientSecret',
  'github.token',
  'github.clientSecret',
]);
export const SecretsStatusSchema = z.strictObject({
  keychain: KeychainStateSchema,
  writable: z.boolean(),
  /** Which secrets are present. Values never leave the SecretStore. */
  present: z.record(z.enum(SECRET_ACCOUNTS), z.boolean()),
});

/** The method map. Add a method here and every transport, the preload and the client get it. */
export const adminApi = {
  health: { input: NoInput, output: HealthSchema },
  'settings.get': { input: NoInput, output: SettingsSchema },
  'settings.update': { input: SettingsPatchSchema, output: SettingsSchema },
  'crawl.run': {
    input: z.strictObject({ org: OrgLoginSchema.optional() }).optional(),
    output: z.strictObject({ started: z.boolean(), reason: z.string().optional() }),
  },
  'crawl.status': { input: NoInput, output: CrawlStatusSchema },
  'stats.hallOfFame': {
    input: z.strictObject({ org: OrgLoginSchema.optional(), window: WindowSchema.default('30d') }),
    output: HallOfFameSchema,
  },
  'config.export': { input: NoInput, output: ConfigDocumentSchema },
  /**
   * The document is validated by the store, which names the bad field; nothing changes on error.
   * A document that changes a network peer (a URL setting such as githubApiBaseUrl) imports
   * nothing and answers `networkPeers.status: needs_confirmation` with the changes, until the
   * call is repeated with `confirmNetworkPeers` (apply them) or `keepNetworkPeers` (leave them out).
   */
  'config.import': {
    input: ConfigImportInputSchema,
    output: ConfigImportResultSchema,
  },
  'store.backups': { input: NoInput, output: BackupListSchema },
  'store.restore': {
    input: z.strictObject({
      kind: z.enum(['config', 'links']),
      name: z
        .string()
        .regex(
          /^(config|links)-\d{4}-\d{2}-\d{2}\.json$/,
          'must be a backup file name such as config-2026-01-31.json',
        ),
    }),
    output: BackupListSchema,
  },
  /** Sets a damaged contributions or history file aside (kept as *.corrupt-*); a crawl rebuilds contributions. */
  'store.discard': {
    input: z.strictObject({ kind: z.enum(['contributions', 'history']) }),
    output: BackupListSchema,
  },
  'secrets.status': { input: NoInput, output: SecretsStatusSchema },
  /** Write-only: the value goes to the SecretStore and is never returned or logged. */
  'secrets.set': {
    input: z.strictObject({
      account: SettableSecretSchema,
      value: z.string().min(8, 'is too short to be a token').max(4096),
    }),
    output: SecretsStatusSchema,
  },
  'secrets.delete': {
    input: z.strictObject({ account: SettableSecretSchema }),
    output: SecretsStatusSchema,
  },
  ...botMethods,
  ...chartsMethods,
  ...statsMethods,
  ...hostInfoMethods,
  ...syncMethods,
  ...authMethods,
  ...membersMethods,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type AdminApi = typeof adminApi;
export type MethodName = keyof AdminApi;
export type MethodInput<M extends MethodName> = z.input<AdminApi[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<AdminApi[M]['output']>;

/** What a transport exposes to the renderer: one named async function per method. */
export type AdminApiClient = {
  [M in MethodName]: (input?: MethodInput<M>) => Promise<MethodOutput<M>>;
};

export const ProgressEventSchema = z.strictObject({
  type: z.literal('progress'),
  job: z.enum(['crawl', 'sync', 'voice-stats']),
  done: z.number().int(),
  total: z.number().int(),
  detail: z.string().optional(),
});
export const StatusEventSchema = z.strictObject({
  type: z.literal('status'),
  health: HealthSchema,
});
export const CrawlFinishedEventSchema = z.strictObject({
  type: z.literal('crawl-finished'),
  summary: CrawlSummarySchema.nullable(),
  error: z.string().nullable(),
});
export const AdminEventSchema = z.discriminatedUnion('type', [
  ProgressEventSchema,
  StatusEventSchema,
  CrawlFinishedEventSchema,
  SyncFinishedEventSchema,
  AuthChangedEventSchema,
  LinkChangedEventSchema,
]);
export type AdminEvent = z.infer<typeof AdminEventSchema>;
