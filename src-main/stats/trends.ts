// Activity over time: daily, weekly (ISO weeks, Monday first) and monthly series on local
// dates, for one contributor or the whole org, and a side-by-side series of the top N.
import type { Metric } from '../store/types.js';
import { BucketCalendar, dayLabel } from './calendar.js';
import type { ContributionIndex } from './contribution-index.js';
import type { StatsSnapshot } from './snapshot.js';
import type { WindowId } from './windows.js';

export type Granularity = 'day' | 'week' | 'month';

export interface TrendPoint {
  /** First local day of the period, YYYY-MM-DD. */
  period: string;
  count: number;
}

export interface TrendOptions {
  metric: Metric;
  granularity: Granularity;
  /** Number of periods, ending with the current one. */
  periods: number;
  now: Date;
  timeZone: string;
  /** One contributor; the whole org when absent. */
  login?: string;
}

function periodStart(localIndex: number, granularity: Granularity): number {
  switch (granularity) {
    case 'day':
      return localIndex;
    case 'week':
      return BucketCalendar.weekStart(localIndex);
    case 'month':
      return BucketCalendar.monthStart(localIndex);
  }
}

function previousPeriod(start: number, granularity: Granularity): number {
  if (granularity === 'day') return start - 1;
  if (granularity === 'week') return start - 7;
  return BucketCalendar.monthStart(start - 1);
}

export function activityTrend(index: ContributionIndex, options: TrendOptions): TrendPoint[] {
  if (!Number.isInteger(options.periods) || options.periods < 1 || options.periods > 1000) {
    throw new Error(`periods must be an integer from 1 to 1000, got ${options.periods}`);
  }
  const calendar = new BucketCalendar(options.now, options.timeZone);
  const starts: number[] = [periodStart(calendar.todayLocal, options.granularity)];
  while (starts.length < options.periods)
    starts.unshift(previousPeriod(starts[0]!, options.granularity));
  const totals = new Map<number, number>(starts.map((s) => [s, 0]));
  const first = starts[0]!;
  for (const login of options.login === undefined ? index.logins() : [options.login]) {
    const series = index.series(login, options.metric);
    if (!series) continue;
    // Buckets before the first period cannot contribute; start one day early for the midpoint shift.
    for (let i = 0; i < series.days.length; i++) {
      const bucket = series.days[i]!;
      if (bucket < first - 1) continue;
      const local = calendar.localIndexOf(bucket);
      if (local < first) continue;
      const key = periodStart(local, options.granularity);
      totals.set(key, (totals.get(key) ?? 0) + series.prefix[i + 1]! - series.prefix[i]!);
    }
  }
  return starts.map((s) => ({ period: dayLabel(s), count: totals.get(s) ?? 0 }));
}

export interface TopComparison {
  metric: Metric;
  window: WindowId;
  series: { login: string; total: number; points: TrendPoint[] }[];
}

/** The top `n` contributors of a metric in a window, each with their trend. */
export function compareTopContributors(
  index: ContributionIndex,
  snapshot: StatsSnapshot,
  options: Omit<TrendOptions, 'login' | 'now' | 'timeZone'> & { window: WindowId; n: number },
): TopComparison {
  const top = snapshot.hallOfFame[options.metric][options.window].slice(0, options.n);
  const now = new Date(snapshot.now);
  return {
    metric: options.metric,
    window: options.window,
    series: top.map((e) => ({
      login: e.login,
      total: e.count,
      points: activityTrend(index, {
        ...options,
        now,
        timeZone: snapshot.timeZone,
        login: e.login,
      }),
    })),
  };
}
