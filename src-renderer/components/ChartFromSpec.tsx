// SLOT FOR THE BOT'S CHART SPECS. Draws one chart spec, a plain chart.js configuration
// ({ type, data, options }), with react-chartjs-2. src-main/charts builds these specs for the
// bot's PNGs; once the AdminApi serves them, pass them here unchanged, so the UI and Discord
// show the same chart. Series colours come from the spec; text and grid colours follow the UI
// theme, so a spec made for Discord's dark background still reads in the light theme.
// Loaded lazily (see LazyChart.tsx): chart.js stays out of the first page load.
import {
  Chart as ChartJS,
  registerables,
  type ChartConfiguration,
  type ChartOptions,
} from 'chart.js';
import { useMemo } from 'react';
import { Chart } from 'react-chartjs-2';
import { useTheme } from '../app/use-theme';

// Every controller, scale and plugin: a spec may ask for any chart type.
ChartJS.register(...registerables);

export type ChartSpec = ChartConfiguration;

interface Palette {
  text: string;
  grid: string;
}

function paletteOf(root: HTMLElement): Palette {
  const css = getComputedStyle(root);
  return {
    text: css.getPropertyValue('--text').trim() || '#1d2330',
    grid: css.getPropertyValue('--line').trim() || '#e3e6eb',
  };
}

/** The spec's options with text and grid colours from the theme, and motion only when welcome. */
export function themedOptions(
  options: ChartOptions | undefined,
  palette: Palette,
  reducedMotion: boolean,
): ChartOptions {
  const base = structuredClone(options ?? {}) as ChartOptions & {
    scales?: Record<string, Record<string, unknown>>;
  };
  const scales = Object.fromEntries(
    Object.entries(base.scales ?? {}).map(([id, scale]) => [
      id,
      {
        ...scale,
        ticks: { ...(scale['ticks'] as object), color: palette.text },
        grid: { ...(scale['grid'] as object), color: palette.grid },
        title: { ...(scale['title'] as object), color: palette.text },
      },
    ]),
  );
  return {
    ...base,
    ...(base.scales ? { scales } : {}),
    responsive: true,
    maintainAspectRatio: false,
    animation: reducedMotion ? false : base.animation,
    color: palette.text,
    borderColor: palette.grid,
    plugins: {
      ...base.plugins,
      legend: {
        ...base.plugins?.legend,
        labels: { ...base.plugins?.legend?.labels, color: palette.text },
      },
      title: { ...base.plugins?.title, color: palette.text },
    },
  } as ChartOptions;
}

export default function ChartFromSpec({
  spec,
  description,
  testId,
}: {
  spec: ChartSpec;
  /** What the chart shows, for screen readers; the same text the bot puts in its embed. */
  description: string;
  testId: string;
}) {
  const { theme } = useTheme();
  const options = useMemo(() => {
    const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    return themedOptions(
      spec.options as ChartOptions,
      paletteOf(document.documentElement),
      reducedMotion,
    );
    // The palette is read from CSS, which changes with the theme.
  }, [spec, theme]);
  return (
    <div className="chart-canvas" data-testid={testId} data-chart-type={spec.type}>
      <Chart
        key={theme}
        type={spec.type}
        data={spec.data}
        options={options}
        role="img"
        aria-label={description}
      />
    </div>
  );
}
