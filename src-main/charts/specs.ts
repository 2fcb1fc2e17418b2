// Chart specs built from stats: the same pure functions feed the bot's PNGs and the admin UI.
// Input is the org's ContributionIndex and a StatsSnapshot computed from it (src-main/stats), so
// the numbers are exactly what /getstats, /halloffame and the Stats page show.
import type { ChartDataset, ChartKind, ChartSpec, ChartSpecRequest } from '../api/chart-spec.js';
import { activityTrend, type ContributionIndex, type StatsSnapshot } from '../stats/index.js';
import type { WindowId } from '../stats/windows.js';
import { METRICS, type Metric } from '../store/types.js';
import { METRIC_COLORS, METRIC_LABELS, METRIC_NOUNS } from './theme.js';

export interface ChartInput {
  org: string;
  index: ContributionIndex;
  snapshot: StatsSnapshot;
}

export const WINDOW_LABELS: Record<WindowId, string> = {
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
  '30d': 'last 30 days',
  '90d': 'last 90 days',
  month: 'this month',
  all: 'all time',
};

const SIZE = { width: 960, height: 540 };
const TREND_PERIODS = { daily: 30, weekly: 12, monthly: 12 } as const;
const GRANULARITY = { daily: 'day', weekly: 'week', monthly: 'month' } as const;

interface SpecParts {
  kind: ChartKind;
  type: 'bar' | 'line';
  title: string;
  subtitle: string;
  labels: string[];
  datasets: ChartDataset[];
  horizontal?: boolean;
  stacked?: boolean;
  xTitle?: string;
  yTitle?: string;
  description: string;
  emptyDescription: string;
}

function spec(input: ChartInput, parts: SpecParts): ChartSpec {
  const empty = parts.datasets.every((d) => d.data.every((v) => v === 0));
  const partialNote = input.snapshot.partial ? ' Partial data: the last crawl was incomplete.' : '';
  const countAxis = { beginAtZero: true, ticks: { precision: 0 } };
  const titled = (text: string | undefined) => (text ? { title: { display: true, text } } : {});
  return {
    kind: parts.kind,
    type: parts.type,
    data: { labels: parts.labels, datasets: parts.datasets },
    options: {
      ...(parts.horizontal ? { indexAxis: 'y' as const } : {}),
      plugins: {
        title: { display: true, text: parts.title },
        subtitle: {
          display: true,
          text: input.snapshot.partial ? `${parts.subtitle} · partial data` : parts.subtitle,
        },
        legend: { display: parts.datasets.length > 1, position: 'bottom' },
      },
      scales: parts.horizontal
        ? {
            x: { ...countAxis, ...titled(parts.xTitle) },
            y: { ticks: { autoSkip: false }, ...titled(parts.yTitle) },
          }
        : {
            x: {
              ...(parts.stacked ? { stacked: true } : {}),
              ticks: { autoSkip: true },
              ...titled(parts.xTitle),
            },
            y: {
              ...countAxis,
              ...(parts.stacked ? { stacked: true } : {}),
              ...titled(parts.yTitle),
            },
          },
    },
    description: (empty ? parts.emptyDescription : parts.description) + partialNote,
    partial: input.snapshot.partial,
    empty,
    ...SIZE,
  };
}

export function topContributorsSpec(
  input: ChartInput,
  metric: Metric,
  window: WindowId,
): ChartSpec {
  const top = input.snapshot.hallOfFame[metric][window].slice(0, 10);
  const label = METRIC_LABELS[metric];
  const leader = top[0];
  return spec(input, {
    kind: 'top-contributors',
    type: 'bar',
    horizontal: true,
    title: `Top contributors: ${label}`,
    subtitle: `${input.org} · ${WINDOW_LABELS[window]}`,
    labels: top.map((e) => `#${e.rank} ${e.login}`),
    datasets: [
      {
        label,
        data: top.map((e) => e.count),
        backgroundColor: METRIC_COLORS[metric],
        borderColor: METRIC_COLORS[metric],
        borderWidth: 0,
        borderRadius: 4,
      },
    ],
    xTitle: label,
    description: leader
      ? `Bar chart of the top ${top.length} contributors by ${METRIC_NOUNS[metric]} in ${input.org}, ${WINDOW_LABELS[window]}. First: ${leader.login} with ${leader.count.toLocaleString('en-US')}.`
      : '',
    emptyDescription: `No ${METRIC_NOUNS[metric]} in ${input.org} ${WINDOW_LABELS[window] === 'all time' ? 'yet' : `in the ${WINDOW_LABELS[window]}`}.`,
  });
}

/** The top ten by all metrics together, each metric a bar in the group. */
export function activityComparisonSpec(input: ChartInput, window: WindowId): ChartSpec {
  const totals = input.snapshot.contributors
    .map((c) => ({
      login: c.login,
      total: METRICS.reduce((sum, m) => sum + c.metrics[m].counts[window], 0),
      counts: METRICS.map((m) => c.metrics[m].counts[window]),
    }))
    .filter((c) => c.total > 0)
    .sort((a, b) => b.total - a.total || (a.login < b.login ? -1 : 1))
    .slice(0, 10);
  return spec(input, {
    kind: 'activity-comparison',
    type: 'bar',
    title: 'Activity comparison: top 10',
    subtitle: `${input.org} · ${WINDOW_LABELS[window]}`,
    labels: totals.map((t) => t.login),
    datasets: METRICS.map((m, i) => ({
      label: METRIC_LABELS[m],
      data: totals.map((t) => t.counts[i] ?? 0),
      backgroundColor: METRIC_COLORS[m],
      borderColor: METRIC_COLORS[m],
      borderWidth: 0,
      borderRadius: 2,
    })),
    yTitle: 'Contributions',
    description: `Grouped bar chart: the ${totals.length} most active contributors in ${input.org}, ${WINDOW_LABELS[window]}, with one bar per metric.`,
    emptyDescription: `No contributions in ${input.org} ${window === 'all' ? 'yet' : `in the ${WINDOW_LABELS[window]}`}.`,
  });
}

function periodLabel(period: string, granularity: 'daily' | 'weekly' | 'monthly'): string {
  const date = new Date(`${period}T12:00:00Z`);
  if (granularity === 'monthly')
    return date.toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

function trendDatasets(
  input: ChartInput,
  metrics: readonly Metric[],
  granularity: 'day' | 'week' | 'month',
  periods: number,
): { periods: string[]; datasets: ChartDataset[] } {
  const now = new Date(input.snapshot.now);
  const series = metrics.map((metric) =>
    activityTrend(input.index, {
      metric,
      granularity,
      periods,
      now,
      timeZone: input.snapshot.timeZone,
    }),
  );
  return {
    periods: series[0]?.map((p) => p.period) ?? [],
    datasets: metrics.map((metric, i) => ({
      label: METRIC_LABELS[metric],
      data: series[i]?.map((p) => p.count) ?? [],
      backgroundColor: METRIC_COLORS[metric],
      borderColor: METRIC_COLORS[metric],
      borderWidth: 2,
      fill: false,
      tension: 0,
      pointRadius: periods > 60 ? 0 : 2,
    })),
  };
}

export function activityTrendsSpec(
  input: ChartInput,
  granularity: 'daily' | 'weekly' | 'monthly',
): ChartSpec {
  const periods = TREND_PERIODS[granularity];
  const { periods: starts, datasets } = trendDatasets(
    input,
    METRICS,
    GRANULARITY[granularity],
    periods,
  );
  const unit = { daily: 'days', weekly: 'weeks', monthly: 'months' }[granularity];
  return spec(input, {
    kind: 'activity-trends',
    type: 'line',
    title: `Activity trends (${granularity})`,
    subtitle: `${input.org} · last ${periods} ${unit}`,
    labels: starts.map((p) => periodLabel(p, granularity)),
    datasets,
    yTitle: 'Contributions',
    description: `Line chart of ${input.org}'s contributions per ${GRANULARITY[granularity]} over the last ${periods} ${unit}, one line per metric.`,
    emptyDescription: `No contributions in ${input.org} in the last ${periods} ${unit}.`,
  });
}

export function timeSeriesSpec(input: ChartInput, metrics: Metric[], days: number): ChartSpec {
  const chosen = METRICS.filter((m) => metrics.includes(m));
  const { periods: starts, datasets } = trendDatasets(input, chosen, 'day', days);
  const names = chosen.map((m) => METRIC_NOUNS[m]).join(', ');
  return spec(input, {
    kind: 'time-series',
    type: 'line',
    title: `Daily ${names}`,
    subtitle: `${input.org} · last ${days} days`,
    labels: starts.map((p) => periodLabel(p, 'daily')),
    datasets,
    yTitle: 'Per day',
    description: `Line chart of ${input.org}'s daily ${names} over the last ${days} days.`,
    emptyDescription: `No ${names} in ${input.org} in the last ${days} days.`,
  });
}

export function buildChartSpec(input: ChartInput, request: ChartSpecRequest): ChartSpec {
  switch (request.kind) {
    case 'top-contributors':
      return topContributorsSpec(input, request.metric, request.window);
    case 'activity-comparison':
      return activityComparisonSpec(input, request.window);
    case 'activity-trends':
      return activityTrendsSpec(input, request.granularity);
    case 'time-series':
      return timeSeriesSpec(input, request.metrics, request.days);
  }
}
