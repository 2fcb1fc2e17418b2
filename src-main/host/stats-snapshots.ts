// One stats snapshot per org, reused while it is fresh: computing every window, rank and streak
// for 10k contributors takes a good part of a second, and the dashboard asks for the same
// snapshot once per metric, window and panel. A snapshot is recomputed when the org's index was
// rebuilt (after a crawl), the time zone changed, or it is older than `maxAgeMs` (rolling windows
// move with the clock; a minute late is fine for a dashboard).
import { computeStats, type ContributionIndex, type StatsSnapshot } from '../stats/index.js';

interface Entry {
  index: ContributionIndex;
  timeZone: string;
  computedAt: number;
  snapshot: StatsSnapshot;
}

export class StatsSnapshots {
  private readonly byOrg = new Map<string, Entry>();

  constructor(
    private readonly indexFor: (org: string) => ContributionIndex,
    private readonly options: { maxAgeMs?: number; now?: () => Date } = {},
  ) {}

  get(org: string, timeZone: string): StatsSnapshot {
    const key = org.toLowerCase();
    const index = this.indexFor(org);
    const now = (this.options.now ?? (() => new Date()))();
    const maxAge = this.options.maxAgeMs ?? 60_000;
    const cached = this.byOrg.get(key);
    if (
      cached &&
      cached.index === index &&
      cached.timeZone === timeZone &&
      now.getTime() - cached.computedAt < maxAge &&
      now.getTime() >= cached.computedAt
    ) {
      return cached.snapshot;
    }
    const snapshot = computeStats(index, { now, timeZone });
    this.byOrg.set(key, { index, timeZone, computedAt: now.getTime(), snapshot });
    return snapshot;
  }
}
