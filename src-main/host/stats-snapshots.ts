// One stats snapshot per org, reused while it is exact: computing every window, rank and streak
// for 10k contributors takes a good part of a second, blocks the host's event loop, and the
// dashboard asks for the same snapshot once per metric, window and panel. Every window is made of
// whole days (see stats/windows.ts: rolling windows by UTC day, the month and streaks by local
// day), so a snapshot stays exact until the org's index is rebuilt (after a crawl), the time zone
// changes, or the UTC or the local date moves on.
import { computeStats, type ContributionIndex, type StatsSnapshot } from '../stats/index.js';

interface Entry {
  index: ContributionIndex;
  timeZone: string;
  days: string;
  snapshot: StatsSnapshot;
}

/** The UTC date and the local date in `timeZone`: the snapshot depends on nothing finer. */
function dayKey(now: Date, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return `${now.toISOString().slice(0, 10)}|${local}`;
}

export class StatsSnapshots {
  private readonly byOrg = new Map<string, Entry>();

  constructor(
    private readonly indexFor: (org: string) => ContributionIndex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(org: string, timeZone: string): StatsSnapshot {
    const key = org.toLowerCase();
    const index = this.indexFor(org);
    const now = this.now();
    const days = dayKey(now, timeZone);
    const cached = this.byOrg.get(key);
    if (cached && cached.index === index && cached.timeZone === timeZone && cached.days === days) {
      return cached.snapshot;
    }
    const snapshot = computeStats(index, { now, timeZone });
    this.byOrg.set(key, { index, timeZone, days, snapshot });
    return snapshot;
  }
}
