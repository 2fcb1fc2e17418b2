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
  through: z.string(),
  pushedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  etags: z.record(z.string(), z.string()),
});

/**
 * One repository's aggregates. A series is `[firstDay, c, c, -gap, c, ...]`: `firstDay` counts
 * days since 1970-01-01, each positive entry is the count of the next day and each negative entry
 * skips that many days. Dense series cost ~2 bytes a day, sparse ones ~6 bytes an active day.
 */
export const RepoContributionsFileSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_VERSION.contributions),
  org: z.string(),
  repo: z.string(),
  cursor: RepoCursorSchema.nullable(),
  series: z.record(z.string(), z.partialRecord(z.enum(METRICS), z.array(z.int()))),
});
export type RepoContributionsFile = z.infer<typeof RepoContributionsFileSchema>;

export const OrgCrawlsFileSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_VERSION.contributions),
  org: z.string(),
  summaries: z.array(CrawlSummarySchema),
});
export type OrgCrawlsFile = z.infer<typeof OrgCrawlsFileSchema>;
