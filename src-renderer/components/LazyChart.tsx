// ChartFromSpec behind React.lazy: chart.js and react-chartjs-2 load in their own chunk when the
// first chart is shown, so the rest of the UI becomes interactive without them.
import { lazy, Suspense } from 'react';
import type { ChartSpec } from './ChartFromSpec';
import { LoadingState } from './states';

const ChartFromSpec = lazy(() => import('./ChartFromSpec'));

export function LazyChart(props: { spec: ChartSpec; description: string; testId: string }) {
  return (
    <Suspense fallback={<LoadingState label="Loading chart…" testId={`${props.testId}-loading`} />}>
      <ChartFromSpec {...props} />
    </Suspense>
  );
}
