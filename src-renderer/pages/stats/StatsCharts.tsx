// The dashboard's charts, drawn by ChartFromSpec. The specs are built here from the dashboard's
// own stats methods for now (interim-chart-specs.ts); once src-main/charts serves the bot's specs
// through the AdminApi, this component asks for those instead and passes them on unchanged.
import type { GitGuildClient } from '../../api/api-client';
import { LazyChart } from '../../components/LazyChart';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useLoad } from '../../components/use-load';
import { describeTop, describeTrend, topContributorsSpec, trendSpec } from './interim-chart-specs';
import type { LeaderboardEntry } from './leaderboard-view';
import type { StatsMetric } from './stats-view';

export function StatsCharts({
  client,
  org,
  metric,
  metricLabel,
  entries,
  refreshKey,
}: {
  client: GitGuildClient;
  org: string | undefined;
  metric: StatsMetric;
  metricLabel: string;
  entries: readonly LeaderboardEntry[];
  refreshKey: number;
}) {
  const trend = useLoad(
    () =>
      client.api['stats.trend']({
        ...(org ? { org } : {}),
        metric,
        granularity: 'week',
        periods: 26,
      }),
    [client, org, metric, refreshKey],
  );
  return (
    <section className="charts" aria-label="Charts" data-testid="stats-charts">
      <figure className="chart-card">
        <figcaption>Top 10: {metricLabel}</figcaption>
        {entries.length === 0 ? (
          <EmptyState title="Nobody in this window" testId="chart-top-empty" headingLevel={3} />
        ) : (
          <LazyChart
            spec={topContributorsSpec(entries, metricLabel)}
            description={describeTop(entries, metricLabel)}
            testId="chart-top"
          />
        )}
      </figure>
      <figure className="chart-card">
        <figcaption>{metricLabel} per week, last 26 weeks</figcaption>
        {trend.state === 'loading' && (
          <LoadingState label="Loading trend…" testId="chart-trend-loading" />
        )}
        {trend.state === 'failed' && (
          <ErrorState error={trend.error} testId="chart-trend-error" onRetry={trend.reload} />
        )}
        {trend.state === 'loaded' && (
          <LazyChart
            spec={trendSpec(trend.value.points, metricLabel)}
            description={describeTrend(trend.value.points, metricLabel)}
            testId="chart-trend"
          />
        )}
      </figure>
    </section>
  );
}
