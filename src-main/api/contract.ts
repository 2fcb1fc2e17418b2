// The AdminApi: every UI action, declared once with its input and output schemas. Electron IPC
// and the headless HTTP server both bind these same handlers; the renderer imports only types.
import { z } from 'zod';
import { SettingsPatchSchema, SettingsSchema } from '../store/types.js';

export const BotStateSchema = z.enum(['not_configured', 'connecting', 'ready', 'disconnected', 'error']);
export const SchedulerStateSchema = z.enum(['idle', 'running', 'stopped', 'error']);
export const KeychainStateSchema = z.strictObject({
  available: z.boolean(),
  backend: z.enum(['keytar', 'env', 'memory', 'none']),
  /** Why it is unavailable and how to fix it; empty when available. */
  problem: z.string().optional(),
});

export const HealthSchema = z.strictObject({
  app: z.strictObject({ name: z.literal('GitGuild'), version: z.string() }),
  versions: z.strictObject({ node: z.string(), electron: z.string().nullable(), discordJs: z.string() }),
  mode: z.enum(['desktop', 'headless']),
  bot: z.strictObject({ state: BotStateSchema, guilds: z.number().int(), detail: z.string().optional() }),
  scheduler: z.strictObject({ state: SchedulerStateSchema, lastRunAt: z.string().nullable(), nextRunAt: z.string().nullable() }),
  keychain: KeychainStateSchema,
  store: z.strictObject({ ok: z.boolean(), problem: z.string().optional() }),
  uptimeSeconds: z.number(),
});
export type Health = z.infer<typeof HealthSchema>;

const NoInput = z.strictObject({}).optional();

/** The method map. Add a method here and every transport, the preload and the client get it. */
export const adminApi = {
  health: { input: NoInput, output: HealthSchema },
  'settings.get': { input: NoInput, output: SettingsSchema },
  'settings.update': { input: SettingsPatchSchema, output: SettingsSchema },
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
export const AdminEventSchema = z.discriminatedUnion('type', [ProgressEventSchema, StatusEventSchema]);
export type AdminEvent = z.infer<typeof AdminEventSchema>;
