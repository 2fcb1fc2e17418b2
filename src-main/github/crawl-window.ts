// The exactness rule of the crawler for issues, pull requests and reviews. Each crawl of a
// repository covers the half-open window (cursor.through, end], where `end` is GitHub's time at
// the start of the crawl (its Date header) less the settle margin: an event is counted iff its
// time falls in the window, and the next cursor is `end`. Windows never overlap and leave no gaps,
// so a repeated crawl after a crash can never count anything twice ACROSS crawls. WITHIN one crawl
// the same item can be read twice (moving-list.ts re-reads the head on purpose), so the
// accumulator counts each event identity once per metric. Commits have no window: they count when
// the default branch reaches them (commit-crawl.ts).
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
 * `commit:<sha>`, `review:<id>`); a second add of the same identity and metric is ignored, and so
 * is a second removal.
 */
export class DailyCountAccumulator {
  private readonly counts = new Map<string, number>();
  private readonly seen = new Set<string>();
  constructor(private readonly repo: string) {}

  /** Counts the event unless its identity already counted for this metric; true when it counted. */
  add(event: string, login: string, metric: Metric, time: string): boolean {
    return this.change('+', event, login, metric, time);
  }

  /** Takes a counted event back (a commit a force push removed); once per identity and metric. */
  remove(event: string, login: string, metric: Metric, time: string): boolean {
    return this.change('-', event, login, metric, time);
  }

  /** Forgets what was counted or removed for `metric` (a walk of the whole branch recounts it). */
  reset(metric: Metric): void {
    const tag = `\u0000${metric}\u0000`;
    for (const key of [...this.counts.keys()]) if (key.includes(tag)) this.counts.delete(key);
    for (const identity of [...this.seen])
      if (identity.slice(1).startsWith(`${metric}\u0000`)) this.seen.delete(identity);
  }

  private change(sign: '+' | '-', event: string, login: string, metric: Metric, time: string) {
    if (event === '')
      throw new Error('an event needs a non-empty identity to be counted exactly once');
    const identity = `${sign}${metric}\u0000${event}`;
    if (this.seen.has(identity)) return false;
    this.seen.add(identity);
    // Normalise through Date so offsets other than Z still land on the right UTC day.
    const key = `${login}\u0000${metric}\u0000${new Date(time).toISOString().slice(0, 10)}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + (sign === '+' ? 1 : -1));
    return true;
  }

  get size(): number {
    return this.counts.size;
  }

  toDailyCounts(): DailyCount[] {
    const out: DailyCount[] = [];
    for (const [key, count] of this.counts) {
      if (count === 0) continue;
      const [login, metric, day] = key.split('\u0000') as [string, Metric, string];
      out.push({ login, repo: this.repo, metric, day, count });
    }
    return out;
  }
}
