// Repository interfaces: small typed methods over the store's files. The lowdb implementations
// live beside this file; a server deployment could swap in another backend behind the same shapes.
import type { CrawlSummary, DailyCount, RepoCursor, Settings, SettingsPatch } from './types.js';

export interface SettingsRepository {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
}

export interface ContributionsRepository {
  /**
   * Adds `increments` to the stored daily counts of one repository and moves its cursor, in one
   * atomic write: after a crash either both happened or neither did.
   */
  commitRepoCrawl(org: string, repo: string, increments: DailyCount[], cursor: RepoCursor): Promise<void>;
  getCursor(org: string, repo: string): RepoCursor | undefined;
  /** Every stored daily count of an org (optionally since a day, inclusive). */
  dailyCounts(org: string, options?: { sinceDay?: string }): DailyCount[];
  recordCrawl(summary: CrawlSummary): Promise<void>;
  lastCrawl(org: string): CrawlSummary | undefined;
}
