// The exactness rule of the crawler. Each crawl of a repository covers the half-open window
// (cursor.through, crawlStartedAt]: an event is counted iff its time falls in the window, and the
// next cursor is crawlStartedAt. Windows never overlap and leave no gaps, so a repeated crawl
// after a crash can never count anything twice ACROSS crawls. WITHIN one crawl the same item can
// be read twice (a list sorted by update shifts under page-number pagination when an item is
// updated mid-crawl, and moving-list.ts re-reads the head on purpose), so the accumulator counts
// each event identity once per metric.
import type { DailyCount, Metric } from '../store/types.js';

export class CrawlWindow {
  private readonly fromMs: number;
  private readonly toMs: number;
  constructor(
    /** Exclusive lower bound (ISO), or null for the first crawl. */
    readonly from: string | null,
    /** Inclusive upper bound (ISO). */
    readonly to: string,
  ) {
    this.fromMs = from === null ? Number.NEGATIVE_INFINITY : Date.parse(from);
    this.toMs = Date.parse(to);
  }

  contains(time: string | null | undefined): boolean {
    if (!time) return false;
    const t = Date.parse(time);
    return t > this.fromMs && t <= this.toMs;
  }

  /** True when something last updated at `time` may still hold events inside the window. */
  mayHoldEvents(updatedAt: string | null | undefined): boolean {
    if (!updatedAt) return true;
    // `>=`: an item updated exactly at the lower bound costs one extra look, never a miss.
    return Date.parse(updatedAt) >= this.fromMs;
  }
}

/**
 * Sums events into per-day counts for one repository (day = the UTC date of the event), counting
 * each event once: `event` is a stable identity within the repository (`issue#12`, `pr#7`,
 * `commit:<sha>`, `review:<id>`); a second add of the same identity and metric is ignored.
 */
export class DailyCountAccumulator {
  private readonly counts = new Map<string, number>();
  private readonly seen = new Set<string>();
  constructor(private readonly repo: string) {}

  /** Counts the event unless this identity was already counted for this metric; returns whether it counted. */
  add(event: string, login: string, metric: Metric, time: string): boolean {
    if (event === '')
      throw new Error('an event needs a non-empty identity to be counted exactly once');
    const identity = `${metric}\u0000${event}`;
    if (this.seen.has(identity)) return false;
    this.seen.add(identity);
    // Normalise through Date so offsets other than Z still land on the right UTC day.
    const key = `${login}\u0000${metric}\u0000${new Date(time).toISOString().slice(0, 10)}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return true;
  }

  get size(): number {
    return this.counts.size;
  }

  toDailyCounts(): DailyCount[] {
    const out: DailyCount[] = [];
    for (const [key, count] of this.counts) {
      const [login, metric, day] = key.split('\u0000') as [string, Metric, string];
      out.push({ login, repo: this.repo, metric, day, count });
    }
    return out;
  }
}
