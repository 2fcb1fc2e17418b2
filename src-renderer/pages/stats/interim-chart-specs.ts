// INTERIM: chart specs built in the renderer from the dashboard's own stats methods, in the same
// shape src-main/charts produces (a chart.js configuration), until the bot's specs are served by
// the AdminApi. Then StatsCharts asks the host for the spec and this file goes away, so the UI and
// the bot's PNGs draw from one source.
import type { ChartSpec } from '../../components/ChartFromSpec';
import type { LeaderboardEntry } from './leaderboard-view';

const ACCENT = '#5865f2';

export function topContributorsSpec(
  entries: readonly LeaderboardEntry[],
  metricLabel: string,
  n = 10,
): ChartSpec {
  const top = entries.slice(0, n);
  return {
    type: 'bar',
    data: {
      labels: top.map((e) => e.login),
      datasets: [{ label: metricLabel, data: top.map((e) => e.count), backgroundColor: ACCENT }],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: {} },
    },
  };
}

export function trendSpec(
  points: readonly { period: string; count: number }[],
  metricLabel: string,
): ChartSpec {
  return {
    type: 'line',
    data: {
      labels: points.map((p) => p.period),
      datasets: [
        {
          label: metricLabel,
          data: points.map((p) => p.count),
          borderColor: ACCENT,
          backgroundColor: 'rgba(88, 101, 242, 0.18)',
          fill: true,
          tension: 0.25,
          pointRadius: 2,
        },
      ],
    },
    options: {
      plugins: { legend: { display: false } },
      scales: { x: {}, y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  };
}

/** The text alternative: what the chart shows, in one sentence. */
export function describeTop(entries: readonly LeaderboardEntry[], metricLabel: string): string {
  if (entries.length === 0) return `No ${metricLabel.toLowerCase()} in this window.`;
  const top = entries.slice(0, 3).map((e) => `${e.login} ${e.count}`);
  return `Top contributors by ${metricLabel.toLowerCase()}: ${top.join(', ')}.`;
}

export function describeTrend(
  points: readonly { period: string; count: number }[],
  metricLabel: string,
): string {
  const total = points.reduce((sum, p) => sum + p.count, 0);
  const first = points[0]?.period ?? '';
  return `${metricLabel} per week since ${first}: ${total} in total, ${points.at(-1)?.count ?? 0} this week.`;
}
