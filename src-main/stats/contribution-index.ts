// An index of daily counts by contributor and metric, built once: sorted day arrays with prefix
// sums, so any window is two binary searches instead of a scan over every stored row. New
// increments can be merged in without rebuilding the rest.
import type { DailyCount, Metric } from '../store/types.js';
import { dayIndex } from './calendar.js';

/** One contributor's counts of one metric, summed over repos, by UTC day. */
export interface DaySeries {
  /** Sorted UTC day indexes with a non-zero count. */
  days: Int32Array;
  /** prefix[i] = sum of counts of days[0..i-1]; length days.length + 1. */
  prefix: Float64Array;
}

export class ContributionIndex {
  private readonly raw = new Map<string, Map<Metric, Map<number, number>>>();
  private readonly built = new Map<string, Map<Metric, DaySeries>>();

  constructor(counts: Iterable<DailyCount> = []) {
    this.add(counts);
  }

  add(counts: Iterable<DailyCount>): void {
    for (const c of counts) {
      if (c.count === 0) continue;
      let metrics = this.raw.get(c.login);
      if (!metrics) this.raw.set(c.login, (metrics = new Map()));
      let days = metrics.get(c.metric);
      if (!days) metrics.set(c.metric, (days = new Map()));
      const d = dayIndex(c.day);
      days.set(d, (days.get(d) ?? 0) + c.count);
      // Only this contributor's series need rebuilding.
      this.built.delete(c.login);
    }
  }

  logins(): string[] {
    return [...this.raw.keys()];
  }

  series(login: string, metric: Metric): DaySeries | undefined {
    let byMetric = this.built.get(login);
    if (!byMetric) {
      byMetric = new Map();
      for (const [m, days] of this.raw.get(login) ?? []) byMetric.set(m, buildSeries(days));
      this.built.set(login, byMetric);
    }
    return byMetric.get(metric);
  }
}

function buildSeries(days: Map<number, number>): DaySeries {
  const sorted = Int32Array.from(days.keys()).sort();
  const prefix = new Float64Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) prefix[i + 1] = prefix[i]! + days.get(sorted[i]!)!;
  return { days: sorted, prefix };
}

/** First position whose day is >= `day`. */
export function lowerBound(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sum of the series over UTC days in [from, to] (inclusive; infinities allowed). */
export function sumBetween(series: DaySeries, from: number, to: number): number {
  const a = from === Number.NEGATIVE_INFINITY ? 0 : lowerBound(series.days, from);
  const b = to === Number.POSITIVE_INFINITY ? series.days.length : lowerBound(series.days, to + 1);
  return b > a ? series.prefix[b]! - series.prefix[a]! : 0;
}
