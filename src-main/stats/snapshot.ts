// One stats snapshot: for every contributor and metric, counts per window, daily averages,
// ranks, streaks; plus the hall of fame. Pure: the same index, `now` and time zone give the
// same snapshot.
import { METRICS, type Metric } from '../store/types.js';
import { BucketCalendar, bucketRangeForLocal, dayLabel } from './calendar.js';
import type { ContributionIndex } from './contribution-index.js';
import { sumBetween, type DaySeries } from './contribution-index.js';
import { rankCounts, topTen, type RankedEntry } from './ranking.js';
import { streaksOf, unionDays, type Streaks } from './streaks.js';
import { resolveWindows, WINDOWS, type WindowId, type WindowRange } from './windows.js';

export interface MetricStats {
  counts: Record<WindowId, number>;
  /** Count per day of the window (all time: per day since the contributor's first active day). */
  averages: Record<WindowId, number>;
  /** Competition rank among contributors with a non-zero count; null when the count is zero. */
  ranks: Record<WindowId, number | null>;
  streak: Streaks;
}

export interface ContributorStats {
  login: string;
  metrics: Record<Metric, MetricStats>;
  /** Streaks over any activity at all. */
  activity: Streaks & { firstDay: string | null; lastDay: string | null };
}

export interface StatsSnapshot {
  now: string;
  timeZone: string;
  /** Day ranges of each window, as YYYY-MM-DD, for labels ("since 3 May"). */
  windows: Record<WindowId, { from: string | null; to: string | null; days: number }>;
  contributors: ContributorStats[];
  byLogin: ReadonlyMap<string, ContributorStats>;
  hallOfFame: Record<Metric, Record<WindowId, RankedEntry[]>>;
  /** Set by the caller when the last crawl was incomplete; shown as "partial" in UI and commands. */
  partial: boolean;
}

export interface ComputeStatsOptions {
  now: Date;
  timeZone: string;
  /** Calendar month for the 'month' window, "YYYY-MM"; defaults to the current local month. */
  month?: string;
  partial?: boolean;
}

function utcRange(calendar: BucketCalendar, range: WindowRange): { from: number; to: number } {
  return range.basis === 'local'
    ? bucketRangeForLocal(calendar, range.from, range.to)
    : { from: range.from, to: range.to };
}

export function computeStats(
  index: ContributionIndex,
  options: ComputeStatsOptions,
): StatsSnapshot {
  const calendar = new BucketCalendar(options.now, options.timeZone);
  const ranges = resolveWindows(calendar, options.month);
  const utcRanges = Object.fromEntries(
    WINDOWS.map((w) => [w, utcRange(calendar, ranges[w])]),
  ) as Record<WindowId, { from: number; to: number }>;
  const contributors: ContributorStats[] = [];

  for (const login of index.logins().sort()) {
    const seriesByMetric = new Map<Metric, DaySeries>();
    for (const metric of METRICS) {
      const s = index.series(login, metric);
      if (s) seriesByMetric.set(metric, s);
    }
    const localOf = (s: DaySeries): number[] =>
      unionDays([Array.from(s.days, (d) => calendar.localIndexOf(d))]);
    const activeDays = unionDays([...seriesByMetric.values()].map(localOf));
    const firstActive = activeDays[0];
    const metrics = {} as Record<Metric, MetricStats>;
    for (const metric of METRICS) {
      const s = seriesByMetric.get(metric);
      const counts = {} as Record<WindowId, number>;
      const averages = {} as Record<WindowId, number>;
      const ranks = {} as Record<WindowId, number | null>;
      for (const w of WINDOWS) {
        const r = utcRanges[w];
        counts[w] = s ? sumBetween(s, r.from, r.to) : 0;
        const days =
          w === 'all'
            ? firstActive === undefined
              ? 0
              : calendar.todayLocal - firstActive + 1
            : ranges[w].days;
        averages[w] = days > 0 ? counts[w] / days : 0;
        ranks[w] = null;
      }
      metrics[metric] = {
        counts,
        averages,
        ranks,
        streak: s ? streaksOf(localOf(s), calendar.todayLocal) : { current: 0, longest: 0 },
      };
    }
    const activity = streaksOf(activeDays, calendar.todayLocal);
    contributors.push({
      login,
      metrics,
      activity: {
        ...activity,
        firstDay: firstActive === undefined ? null : dayLabel(firstActive),
        lastDay: activeDays.length ? dayLabel(activeDays[activeDays.length - 1]!) : null,
      },
    });
  }

  const byLogin = new Map(contributors.map((c) => [c.login, c]));
  const hallOfFame = {} as Record<Metric, Record<WindowId, RankedEntry[]>>;
  for (const metric of METRICS) {
    hallOfFame[metric] = {} as Record<WindowId, RankedEntry[]>;
    for (const w of WINDOWS) {
      const ranked = rankCounts(
        contributors.map((c) => ({ login: c.login, count: c.metrics[metric].counts[w] })),
      );
      for (const entry of ranked) byLogin.get(entry.login)!.metrics[metric].ranks[w] = entry.rank;
      hallOfFame[metric][w] = topTen(ranked);
    }
  }

  const windows = {} as StatsSnapshot['windows'];
  for (const w of WINDOWS) {
    const r = ranges[w];
    const from = Number.isFinite(r.from) ? dayLabel(r.from) : null;
    const to = Number.isFinite(r.to)
      ? dayLabel(r.to)
      : r.basis === 'local'
        ? dayLabel(calendar.todayLocal)
        : w === 'all'
          ? null
          : dayLabel(calendar.todayUtc);
    windows[w] = { from, to, days: r.days };
  }
  return {
    now: options.now.toISOString(),
    timeZone: options.timeZone,
    windows,
    contributors,
    byLogin,
    hallOfFame,
    partial: options.partial ?? false,
  };
}
