// The on-disk shape of each store file at its current schema version.
import { z } from 'zod';
import { CURRENT_VERSION } from './migrations/index.js';
import {
  AuditEntrySchema,
  CrawlSummarySchema,
  GuildSchema,
  LinkSchema,
  MappingSchema,
  METRICS,
  SettingsSchema,
  SyncRunSchema,
  SyncStateSchema,
} from './types.js';

export const ConfigFileSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_VERSION.config),
  settings: SettingsSchema,
  guilds: z.array(GuildSchema),
  mappings: z.array(MappingSchema),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

export const LinksFileSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_VERSION.links),
  links: z.array(LinkSchema),
});
export type LinksFile = z.infer<typeof LinksFileSchema>;

export const HistoryFileSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_VERSION.history),
  syncRuns: z.array(SyncRunSchema),
  audit: z.array(AuditEntrySchema),
  state: SyncStateSchema,
});
export type HistoryFile = z.infer<typeof HistoryFileSchema>;

export const RepoCursorSchema = z.strictObject({
  through: z.iso.datetime(),
  headOid: z
    .string()
    .regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'must be a git object id')
    .nullable(),
});

const repoId = z.number().int().positive();

/**
 * One repository's aggregates, in `repos/<repoId>.json`. A series is `[firstDay, c, c, -gap, c,
 * ...]`: `firstDay` counts days since 1970-01-01, each positive entry is the count of the next day
 * and each negative entry skips that many days. Dense series cost ~2 bytes a day, sparse ones ~6
 * bytes an active day. Bot accounts are stored too; whether they count is the org's selection.
 * `repoId` is null only in a file from schema 1 (keyed by name), kept until the first crawl of
 * schema 2 has counted its repository again.
 */
export const RepoContributionsFileSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_VERSION.contributions),
  org: z.string(),
  repoId: repoId.nullable(),
  repo: z.string(),
  cursor: RepoCursorSchema.nullable(),
  series: z.record(z.string(), z.partialRecord(z.enum(METRICS), z.array(z.int()))),
});
export type RepoContributionsFile = z.infer<typeof RepoContributionsFileSchema>;

export const CrawlSelectionSchema = z.strictObject({
  repoIds: z.array(repoId),
  includeBots: z.boolean(),
});

export const OrgCrawlsFileSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_VERSION.contributions),
  org: z.string(),
  summaries: z.array(CrawlSummarySchema),
  /** What the stats count (see CrawlSelection); null until a crawl of schema 2 reached every repo. */
  selection: CrawlSelectionSchema.nullable(),
});
export type OrgCrawlsFile = z.infer<typeof OrgCrawlsFileSchema>;
