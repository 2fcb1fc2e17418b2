// Chart specs: what src-main/charts builds from stats and both sides draw. A spec is a plain,
// JSON-serialisable chart.js configuration (`type`, `data`, `options`) plus a few labels, so the
// main process renders it to PNG for Discord and the renderer hands the same object to
// react-chartjs-2 (`import type { ChartSpec } from '…/src-main/api/chart-spec'`). Colours are in
// the spec so both look alike; fonts and text colours come from the drawing side's theme.
import { z } from 'zod';
import { METRICS } from '../store/types.js';
import { WINDOWS } from '../stats/windows.js';

export const CHART_KINDS = [
  'top-contributors',
  'activity-comparison',
  'activity-trends',
  'time-series',
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

const color = z.string().regex(/^#[0-9a-f]{6}([0-9a-f]{2})?$/i, 'must be a #rrggbb colour');

export const ChartDatasetSchema = z.strictObject({
  label: z.string(),
  data: z.array(z.number()),
  backgroundColor: z.union([color, z.array(color)]),
  borderColor: z.union([color, z.array(color)]),
  borderWidth: z.number().optional(),
  borderRadius: z.number().optional(),
  fill: z.boolean().optional(),
  tension: z.number().optional(),
  pointRadius: z.number().optional(),
});
export type ChartDataset = z.infer<typeof ChartDatasetSchema>;

const AxisSchema = z.strictObject({
  stacked: z.boolean().optional(),
  beginAtZero: z.boolean().optional(),
  title: z.strictObject({ display: z.boolean(), text: z.string() }).optional(),
  ticks: z
    .strictObject({ precision: z.number().int().optional(), autoSkip: z.boolean().optional() })
    .optional(),
});

export const ChartSpecSchema = z.strictObject({
  kind: z.enum(CHART_KINDS),
  /** chart.js: pass `type`, `data` and `options` to `new Chart()` or `<Chart>` unchanged. */
  type: z.enum(['bar', 'line']),
  data: z.strictObject({
    labels: z.array(z.string()),
    datasets: z.array(ChartDatasetSchema),
  }),
  options: z.strictObject({
    indexAxis: z.enum(['x', 'y']).optional(),
    plugins: z.strictObject({
      title: z.strictObject({ display: z.boolean(), text: z.string() }),
      subtitle: z.strictObject({ display: z.boolean(), text: z.string() }),
      legend: z.strictObject({
        display: z.boolean(),
        position: z.enum(['top', 'bottom', 'left', 'right']),
      }),
    }),
    scales: z.strictObject({ x: AxisSchema, y: AxisSchema }),
  }),
  /** What the chart shows, in words: alt text for the PNG and the UI. */
  description: z.string(),
  /** True when the last crawl was incomplete: the numbers may be low. */
  partial: z.boolean(),
  /** True when every value is zero; both sides show `description` as an empty state. */
  empty: z.boolean(),
  /** Suggested drawing size in CSS pixels (the PNG is rendered at this size). */
  width: z.number().int(),
  height: z.number().int(),
});
export type ChartSpec = z.infer<typeof ChartSpecSchema>;

/** Which chart to build: the same requests the bot's ChartsPort accepts (rank cards excepted). */
export const ChartSpecRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('top-contributors'),
    metric: z.enum(METRICS),
    window: z.enum(WINDOWS),
  }),
  z.strictObject({ kind: z.literal('activity-comparison'), window: z.enum(WINDOWS) }),
  z.strictObject({
    kind: z.literal('activity-trends'),
    granularity: z.enum(['daily', 'weekly', 'monthly']),
  }),
  z.strictObject({
    kind: z.literal('time-series'),
    metrics: z.array(z.enum(METRICS)).min(1).max(METRICS.length),
    days: z.number().int().min(7).max(365),
  }),
]);
export type ChartSpecRequest = z.infer<typeof ChartSpecRequestSchema>;
