// One computed StatsSnapshot per org, shared by the bot's ports and the charts API so commands
// in quick succession do not recompute ranks for every contributor. A snapshot is reused while
// its index (dropped after each crawl), the time zone and the last crawl are unchanged, for at
// most a minute (rolling windows move with the clock).
import {
  computeStats,
  type ContributionIndex,
  type ContributorStats,
  type StatsSnapshot,
} from '../stats/index.js';
import type { ContributionsRepository, SettingsRepository } from '../store/repositories.js';
import type { CrawlSummary } from '../store/types.js';
import type { ContributionIndexes } from './contribution-indexes.js';

export interface OrgStats {
  org: string;
  index: ContributionIndex;
  snapshot: StatsSnapshot;
  last: CrawlSummary | undefined;
  /** GitHub logins are case-insensitive; links may differ in case from the crawled login. */
  byLowerLogin: ReadonlyMap<string, ContributorStats>;
}

export interface StatsSnapshotsDeps {
  settings: Pick<SettingsRepository, 'get'>;
  contributions: Pick<ContributionsRepository, 'lastCrawl'>;
  indexes: Pick<ContributionIndexes, 'get'>;
  now?: () => Date;
  maxAgeMs?: number;
}

interface Entry {
  stats: OrgStats;
  computedAt: number;
  timeZone: string;
  crawlKey: string | null;
}

export class StatsSnapshots {
  private readonly byOrg = new Map<string, Entry>();

  constructor(private readonly deps: StatsSnapshotsDeps) {}

  get(org: string): OrgStats {
    const now = (this.deps.now ?? (() => new Date()))();
    const { timeZone } = this.deps.settings.get();
    const index = this.deps.indexes.get(org);
    const last = this.deps.contributions.lastCrawl(org);
    const crawlKey = last ? `${last.finishedAt}:${last.complete}` : null;
    const key = org.toLowerCase();
    const cached = this.byOrg.get(key);
    if (
      cached &&
      cached.stats.index === index &&
      cached.timeZone === timeZone &&
      cached.crawlKey === crawlKey &&
      now.getTime() - cached.computedAt < (this.deps.maxAgeMs ?? 60_000)
    )
      return cached.stats;
    const snapshot = computeStats(index, {
      now,
      timeZone,
      partial: last === undefined || !last.complete,
    });
    const stats: OrgStats = {
      org,
      index,
      snapshot,
      last,
      byLowerLogin: new Map(snapshot.contributors.map((c) => [c.login.toLowerCase(), c])),
    };
    this.byOrg.set(key, { stats, computedAt: now.getTime(), timeZone, crawlKey });
    return stats;
  }
}
