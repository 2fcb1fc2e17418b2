// The dashboard's charts: the bot's own chart specs (`charts.spec`, built by src-main/charts, the
// same chart.js configurations the bot renders to PNG), drawn unchanged by ChartFromSpec. Each
// chart loads on its own, with its own loading, empty ("every value is zero") and error state.
import type { GitGuildClient } from '../../api/api-client';
import type { MethodInput, MethodOutput } from '../../../src-main/api/contract';
import type { ChartSpec as DrawableSpec } from '../../components/ChartFromSpec';
import { LazyChart } from '../../components/LazyChart';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useLoad } from '../../components/use-load';
import type { StatsMetric, StatsWindow } from './stats-view';

type ChartRequest = MethodInput<'charts.spec'>['chart'];
type HostChartSpec = MethodOutput<'charts.spec'>;

/** The charts shown, in order: the bot's four chart commands. */
function requests(metric: StatsMetric, window: StatsWindow): { id: string; chart: ChartRequest }[] {
  return [
    { id: 'chart-top', chart: { kind: 'top-contributors', metric, window } },
    { id: 'chart-comparison', chart: { kind: 'activity-comparison', window } },
    { id: 'chart-trend', chart: { kind: 'activity-trends', granularity: 'weekly' } },
    {
      id: 'chart-series',
      chart: { kind: 'time-series', metrics: ['commits', 'prs_opened', 'reviews'], days: 90 },
    },
  ];
}

export function StatsCharts({
  client,
  org,
  metric,
  window,
  refreshKey,
}: {
  client: GitGuildClient;
  org: string | undefined;
  metric: StatsMetric;
  window: StatsWindow;
  refreshKey: number;
}) {
  return (
    <section className="charts" aria-label="Charts" data-testid="stats-charts">
      {requests(metric, window).map(({ id, chart }) => (
        <HostChart
          key={id}
          client={client}
          org={org}
          chart={chart}
          testId={id}
          refreshKey={refreshKey}
        />
      ))}
    </section>
  );
}

function HostChart({
  client,
  org,
  chart,
  testId,
  refreshKey,
}: {
  client: GitGuildClient;
  org: string | undefined;
  chart: ChartRequest;
  testId: string;
  refreshKey: number;
}) {
  const key = JSON.stringify(chart);
  const spec = useLoad(
    () => client.api['charts.spec']({ ...(org ? { org } : {}), chart }),
    [client, org, key, refreshKey],
  );
  const value = spec.state === 'loaded' ? spec.value : null;
  return (
    <figure className="chart-card" data-kind={chart.kind}>
      <figcaption>
        {value ? value.options.plugins.title.text : 'Chart'}
        {value?.options.plugins.subtitle.display && (
          <span className="chart-subtitle"> · {value.options.plugins.subtitle.text}</span>
        )}
      </figcaption>
      {spec.state === 'loading' && (
        <LoadingState label="Loading chart…" testId={`${testId}-loading`} />
      )}
      {spec.state === 'failed' && (
        <ErrorState error={spec.error} testId={`${testId}-error`} onRetry={spec.reload} />
      )}
      {value &&
        (value.empty ? (
          <EmptyState title="Nothing to draw yet" testId={`${testId}-empty`} headingLevel={3}>
            <p>{value.description}</p>
          </EmptyState>
        ) : (
          <LazyChart spec={drawable(value)} description={value.description} testId={testId} />
        ))}
    </figure>
  );
}

/**
 * The host's spec as chart.js takes it. The title is the card's caption (the PNG draws it on the
 * canvas because Discord has no caption), so it is not drawn twice.
 */
export function drawable(spec: HostChartSpec): DrawableSpec {
  const plugins = {
    ...spec.options.plugins,
    title: { ...spec.options.plugins.title, display: false },
    subtitle: { ...spec.options.plugins.subtitle, display: false },
  };
  return {
    type: spec.type,
    data: spec.data,
    options: { ...spec.options, plugins },
  } as DrawableSpec;
}
