// What conditions are evaluated against: contribution counts and ranks per metric and window
// (from the stats index, computed once per window and reused for every member), and GitHub org
// and team membership (read by the scheduler, possibly not yet known).
import { sumBetween, type ContributionIndex } from '../stats/contribution-index.js';
import { utcDayIndex } from '../stats/calendar.js';
import { rankCounts } from '../stats/ranking.js';
import type { MappingWindow, Metric } from '../store/types.js';

const windowKey = (metric: Metric, window: MappingWindow): string =>
  window.kind === 'all_time' ? `${metric}:all` : `${metric}:${window.days}`;

interface WindowTable {
  counts: Map<string, number>;
  ranks: Map<string, number>;
}

/** Counts and competition ranks by lower-case login, built lazily per metric and window. */
export class ContributionFacts {
  private readonly tables = new Map<string, WindowTable>();
  private readonly logins: string[];

  constructor(
    private readonly index: ContributionIndex,
    private readonly now: Date,
  ) {
    this.logins = index.logins();
  }

  count(login: string, metric: Metric, window: MappingWindow): number {
    return this.table(metric, window).counts.get(login.toLowerCase()) ?? 0;
  }

  /** Competition rank (ties share it) among contributors with a non-zero count; null for zero. */
  rank(login: string, metric: Metric, window: MappingWindow): number | null {
    return this.table(metric, window).ranks.get(login.toLowerCase()) ?? null;
  }

  /** Every contributor login as crawled, for invite lists. */
  contributors(): readonly string[] {
    return this.logins;
  }

  private table(metric: Metric, window: MappingWindow): WindowTable {
    const key = windowKey(metric, window);
    let table = this.tables.get(key);
    if (table) return table;
    // Rolling windows follow the stats rule: every UTC day that overlaps the last N×24 hours.
    const from =
      window.kind === 'all_time'
        ? Number.NEGATIVE_INFINITY
        : utcDayIndex(new Date(this.now.getTime() - window.days * 86_400_000));
    const entries: { login: string; count: number }[] = [];
    for (const login of this.logins) {
      const series = this.index.series(login, metric);
      const count = series ? sumBetween(series, from, Number.POSITIVE_INFINITY) : 0;
      if (count > 0) entries.push({ login: login.toLowerCase(), count });
    }
    table = {
      counts: new Map(entries.map((e) => [e.login, e.count])),
      ranks: new Map(rankCounts(entries).map((e) => [e.login, e.rank])),
    };
    this.tables.set(key, table);
    return table;
  }
}

/** An org's members and the members of the teams mappings name, as last read from GitHub. */
export interface DirectoryFacts {
  fetchedAt: string;
  /** Lower-case logins. */
  members: ReadonlySet<string>;
  teams: ReadonlyMap<string, ReadonlySet<string>>;
  /** Teams GitHub would not list, with why (unknown slug, no access). */
  missingTeams: ReadonlyMap<string, string>;
}

export function directoryFacts(stored: {
  fetchedAt: string;
  members: readonly string[];
  teams: Record<string, readonly string[]>;
  missingTeams: Record<string, string>;
}): DirectoryFacts {
  const lower = (list: readonly string[]) => new Set(list.map((l) => l.toLowerCase()));
  return {
    fetchedAt: stored.fetchedAt,
    members: lower(stored.members),
    teams: new Map(
      Object.entries(stored.teams).map(([slug, list]) => [slug.toLowerCase(), lower(list)]),
    ),
    missingTeams: new Map(
      Object.entries(stored.missingTeams).map(([slug, why]) => [slug.toLowerCase(), why]),
    ),
  };
}
