// The stats the bot's ports answer from: the org's shared StatsSnapshots entry (the same snapshot
// the dashboard reads), marked partial from the last crawl, with a case-insensitive login lookup
// (links may spell a login differently from the crawl; GitHub logins are case-insensitive).
import type { ContributionIndex, ContributorStats, StatsSnapshot } from '../stats/index.js';
import type { ContributionsRepository, SettingsRepository } from '../store/repositories.js';
import type { CrawlSummary } from '../store/types.js';
import type { ContributionIndexes } from './contribution-indexes.js';
import type { StatsSnapshots } from './stats-snapshots.js';

export interface OrgStats {
  org: string;
  index: ContributionIndex;
  /** `partial` is set from the last crawl (never crawled or incomplete). */
  snapshot: StatsSnapshot;
  last: CrawlSummary | undefined;
  byLowerLogin: ReadonlyMap<string, ContributorStats>;
}

export interface OrgStatsDeps {
  settings: Pick<SettingsRepository, 'get'>;
  contributions: Pick<ContributionsRepository, 'lastCrawl'>;
  indexes: Pick<ContributionIndexes, 'get'>;
  snapshots: Pick<StatsSnapshots, 'get'>;
}

export class OrgStatsSource {
  private readonly logins = new WeakMap<StatsSnapshot, Map<string, ContributorStats>>();

  constructor(private readonly deps: OrgStatsDeps) {}

  get(org: string): OrgStats {
    const base = this.deps.snapshots.get(org, this.deps.settings.get().timeZone);
    const last = this.deps.contributions.lastCrawl(org);
    const partial = last === undefined || !last.complete;
    let byLowerLogin = this.logins.get(base);
    if (!byLowerLogin) {
      byLowerLogin = new Map(base.contributors.map((c) => [c.login.toLowerCase(), c]));
      this.logins.set(base, byLowerLogin);
    }
    return {
      org,
      index: this.deps.indexes.get(org),
      snapshot: base.partial === partial ? base : { ...base, partial },
      last,
      byLowerLogin,
    };
  }
}
