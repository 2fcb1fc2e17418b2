// AdminApi methods of the role engine: guilds, mappings, presets, sync (preview, run, status,
// history), audit, the scheduler and voice stats. Spread into `adminApi` in contract.ts.
import { z } from 'zod';
import { PRESET_IDS } from '../../roles/presets.js';
import {
  AuditEntrySchema,
  GuildSchema,
  MappingConditionSchema,
  MappingIdSchema,
  MappingSchema,
  patchShape,
  SyncProblemSchema,
  SyncRunSchema,
  VOICE_STATS,
} from '../../store/types.js';

const Snowflake = z.string().regex(/^\d{1,20}$/, 'must be a Discord snowflake (digits only)');
const GuildRef = z.strictObject({ guildId: Snowflake });
const NoInput = z.strictObject({}).optional();

export const GuildViewSchema = GuildSchema.extend({
  /** False for a guild the bot is in that GitGuild does not manage yet. */
  configured: z.boolean(),
  botPresent: z.boolean(),
  memberCount: z.number().int().nullable(),
  /** Roles for the mapping editor, highest first; `assignable`: below GitGuild and not managed. */
  roles: z.array(
    z.strictObject({
      id: Snowflake,
      name: z.string(),
      color: z.number().int(),
      position: z.number().int(),
      managed: z.boolean(),
      assignable: z.boolean(),
    }),
  ),
  /** Text channels, for picking the audit channel. */
  textChannels: z.array(z.strictObject({ id: Snowflake, name: z.string() })),
});
export type GuildView = z.infer<typeof GuildViewSchema>;

// Patches leave out what they do not change: fields lose their defaults (zod would otherwise
// fill a left-out field with its default and reset it).
const GuildPatchSchema = z.strictObject({
  ...patchShape(GuildSchema.omit({ id: true }).shape),
  id: Snowflake,
});

/** A mapping as the editor sends it: the id is assigned on create. */
const MappingDraftSchema = z.strictObject({
  roleId: Snowflake,
  label: z.string().max(100).optional(),
  enabled: z.boolean().default(true),
  group: z.string().min(1).max(50).nullable().default(null),
  condition: MappingConditionSchema,
  graceDays: z.number().int().min(0).max(365).nullable().default(null),
  order: z.number().int().min(0).max(100_000).optional(),
});

const RoleChangeSchema = z.strictObject({
  roleId: Snowflake,
  roleName: z.string(),
  mappingId: z.string().nullable(),
  reason: z.string(),
});

export const PlanViewSchema = z.strictObject({
  guildId: Snowflake,
  generatedAt: z.string(),
  membersChecked: z.number().int(),
  membersChanging: z.number().int(),
  totalAdds: z.number().int(),
  totalRemoves: z.number().int(),
  capExceeded: z.boolean(),
  cap: z.number().int(),
  /** The first changed members (up to 500); `changesOmitted` counts the rest. */
  changes: z.array(
    z.strictObject({
      userId: Snowflake,
      username: z.string(),
      githubLogin: z.string().nullable(),
      add: z.array(RoleChangeSchema),
      remove: z.array(RoleChangeSchema),
    }),
  ),
  changesOmitted: z.number().int(),
  roles: z.array(
    z.strictObject({
      roleId: Snowflake,
      name: z.string(),
      added: z.number().int(),
      removed: z.number().int(),
    }),
  ),
  problems: z.array(SyncProblemSchema),
  heldInGrace: z.strictObject({
    count: z.number().int(),
    first: z.array(
      z.strictObject({
        userId: Snowflake,
        roleId: Snowflake,
        mappingId: z.string(),
        removeAfter: z.string(),
      }),
    ),
  }),
  linkedNotInGuild: z.array(z.strictObject({ discordUserId: z.string(), githubLogin: z.string() })),
  topUnlinked: z.array(z.strictObject({ login: z.string(), contributions: z.number() })),
  /** How long applying would take at Discord's pace as last observed; null before any run. */
  estimatedApplyMs: z.number().int().nullable(),
});
export type PlanView = z.infer<typeof PlanViewSchema>;

export const RunProgressSchema = z.strictObject({
  guildId: Snowflake,
  runId: z.string(),
  startedAt: z.string(),
  phase: z.enum(['reading', 'planning', 'applying', 'recording']),
  done: z.number().int(),
  total: z.number().int(),
  writes: z.number().int(),
  failed: z.number().int(),
  etaMs: z.number().int().nullable(),
});

export const SchedulerJobSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['guild-sync', 'org-crawl', 'token-refresh', 'voice-stats']),
  label: z.string(),
  intervalMinutes: z.number(),
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastError: z.string().nullable(),
  running: z.boolean(),
  failures: z.number().int(),
});
export const SchedulerStatusSchema = z.strictObject({
  paused: z.boolean(),
  running: z.boolean(),
  nextRunAt: z.string().nullable(),
  jobs: z.array(SchedulerJobSchema),
});
export type SchedulerStatus = z.infer<typeof SchedulerStatusSchema>;

const CsvSchema = z.strictObject({ filename: z.string(), csv: z.string() });

export const syncMethods = {
  'guilds.list': { input: NoInput, output: z.strictObject({ guilds: z.array(GuildViewSchema) }) },
  /** Creates the guild's configuration on first use (the bot must be in it). */
  'guilds.update': { input: GuildPatchSchema, output: GuildViewSchema },
  'mappings.list': {
    input: GuildRef,
    output: z.strictObject({ mappings: z.array(MappingSchema) }),
  },
  'mappings.create': {
    input: MappingDraftSchema.extend({ guildId: Snowflake }),
    output: MappingSchema,
  },
  'mappings.update': {
    input: z.strictObject({ ...patchShape(MappingDraftSchema.shape), id: MappingIdSchema }),
    output: MappingSchema,
  },
  'mappings.delete': {
    input: z.strictObject({ id: MappingIdSchema }),
    output: z.strictObject({ deleted: z.boolean() }),
  },
  /** `ids`: every mapping of the guild, in the new order (within a tier group: lowest first). */
  'mappings.reorder': {
    input: z.strictObject({ guildId: Snowflake, ids: z.array(MappingIdSchema).max(500) }),
    output: z.strictObject({ mappings: z.array(MappingSchema) }),
  },
  'mappings.presets': {
    input: NoInput,
    output: z.strictObject({
      presets: z.array(
        z.strictObject({
          id: z.enum(PRESET_IDS),
          title: z.string(),
          description: z.string(),
          roles: z.array(
            z.strictObject({
              name: z.string(),
              color: z.number().int(),
              group: z.string().nullable(),
              condition: MappingConditionSchema,
            }),
          ),
        }),
      ),
    }),
  },
  /** Adds the preset's mappings (again: updates them); creates missing roles below GitGuild. */
  'mappings.applyPreset': {
    input: z.strictObject({
      guildId: Snowflake,
      preset: z.enum(PRESET_IDS),
      createMissingRoles: z.boolean().default(true),
    }),
    output: z.strictObject({
      mappings: z.array(MappingSchema),
      createdRoles: z.array(z.strictObject({ id: Snowflake, name: z.string() })),
      /** Roles the preset names that do not exist (when not creating them): no mapping made. */
      missingRoles: z.array(z.string()),
    }),
  },
  /** The plan for the saved mappings, or for `mappings` (unsaved drafts) in the editor. */
  'sync.preview': {
    input: z.strictObject({
      guildId: Snowflake,
      mappings: z
        .array(MappingDraftSchema.extend({ id: MappingIdSchema.optional() }))
        .max(200)
        .optional(),
    }),
    output: PlanViewSchema,
  },
  'sync.run': {
    input: z.strictObject({
      guildId: Snowflake,
      dryRun: z.boolean().default(false),
      full: z.boolean().default(false),
      confirm: z.boolean().default(false),
    }),
    output: z.strictObject({
      status: z.enum(['started', 'dry_run', 'needs_confirmation', 'already_running', 'failed']),
      runId: z.string().nullable(),
      plan: PlanViewSchema.nullable(),
      reason: z.string().optional(),
    }),
  },
  'sync.status': {
    input: z.strictObject({ guildId: Snowflake.optional() }).optional(),
    output: z.strictObject({
      running: z.array(RunProgressSchema),
      guilds: z.array(
        z.strictObject({
          guildId: Snowflake,
          lastRun: SyncRunSchema.nullable(),
          lastApplied: SyncRunSchema.nullable(),
        }),
      ),
    }),
  },
  'sync.history': {
    input: z
      .strictObject({
        guildId: Snowflake.optional(),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).default(0),
      })
      .default({ limit: 50, offset: 0 }),
    output: z.strictObject({ runs: z.array(SyncRunSchema) }),
  },
  'sync.exportHistoryCsv': {
    input: z.strictObject({ guildId: Snowflake.optional() }).optional(),
    output: CsvSchema,
  },
  'audit.list': {
    input: z
      .strictObject({
        guildId: Snowflake.optional(),
        runId: z.string().max(64).optional(),
        memberId: Snowflake.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .default({ limit: 100, offset: 0 }),
    output: z.strictObject({ entries: z.array(AuditEntrySchema) }),
  },
  'audit.exportCsv': {
    input: z
      .strictObject({ guildId: Snowflake.optional(), runId: z.string().max(64).optional() })
      .optional(),
    output: CsvSchema,
  },
  'scheduler.status': { input: NoInput, output: SchedulerStatusSchema },
  'scheduler.pause': { input: NoInput, output: SchedulerStatusSchema },
  'scheduler.resume': { input: NoInput, output: SchedulerStatusSchema },
  'voiceStats.setup': {
    input: GuildRef,
    output: z.strictObject({
      categoryId: Snowflake,
      channels: z.array(
        z.strictObject({
          key: z.enum(VOICE_STATS),
          channelId: Snowflake,
          name: z.string(),
          /** False when the channel was already there. */
          created: z.boolean(),
        }),
      ),
    }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const SyncFinishedEventSchema = z.strictObject({
  type: z.literal('sync-finished'),
  guildId: Snowflake,
  run: SyncRunSchema,
});
