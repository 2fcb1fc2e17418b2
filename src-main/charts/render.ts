// Renders a ChartSpec to PNG in the main process: chart.js drawing on @napi-rs/canvas (Skia,
// prebuilt binaries from the registry, no system libraries). The spec is used as is; only the
// card theme (background, text colours, fonts) is added here, the same way the UI adds its own.
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import type { ChartSpec } from '../api/chart-spec.js';
import { CARD, FONT_FAMILY } from './theme.js';

Chart.register(...registerables);
// chart.js reads fonts and the default text colour from its global defaults; this module is the
// only chart.js user in the main process, so setting them once here is setting them everywhere.
Chart.defaults.font.family = FONT_FAMILY;
Chart.defaults.font.size = 14;
Chart.defaults.color = CARD.muted;
Chart.defaults.borderColor = CARD.grid;

export interface RenderedPng {
  png: Buffer;
  width: number;
  height: number;
}

/** Paints the opaque card behind the chart, so it reads the same on dark and light themes. */
const cardBackground: Plugin = {
  id: 'gitguildCardBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = CARD.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

function themedOptions(spec: ChartSpec): ChartConfiguration['options'] {
  const { plugins, scales, ...rest } = structuredClone(spec.options);
  const axis = (a: (typeof scales)['x']) => ({
    ...a,
    grid: { color: CARD.grid },
    ticks: { ...a.ticks, color: CARD.muted },
    ...(a.title ? { title: { ...a.title, color: CARD.muted } } : {}),
  });
  return {
    ...rest,
    responsive: false,
    animation: false,
    devicePixelRatio: 1,
    layout: { padding: 16 },
    plugins: {
      title: { ...plugins.title, color: CARD.text, font: { size: 22, weight: 'bold' } },
      subtitle: {
        ...plugins.subtitle,
        color: spec.partial ? CARD.warning : CARD.muted,
        font: { size: 15 },
        padding: { bottom: 12 },
      },
      legend: { ...plugins.legend, labels: { color: CARD.text } },
    },
    scales: { x: axis(scales.x), y: axis(scales.y) },
  } as ChartConfiguration['options'];
}

function wrapText(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > maxWidth && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** An empty chart says what is missing instead of drawing bare axes. */
function drawEmptyState(ctx: SKRSContext2D, spec: ChartSpec): void {
  const { width, height } = spec;
  ctx.fillStyle = CARD.background;
  ctx.fillRect(0, 0, width, height);
  ctx.textAlign = 'center';
  ctx.fillStyle = CARD.text;
  ctx.font = `bold 26px ${FONT_FAMILY}`;
  ctx.fillText(spec.options.plugins.title.text, width / 2, height / 2 - 50);
  ctx.fillStyle = CARD.muted;
  ctx.font = `17px ${FONT_FAMILY}`;
  ctx.fillText(spec.options.plugins.subtitle.text, width / 2, height / 2 - 18);
  ctx.fillStyle = CARD.text;
  ctx.font = `20px ${FONT_FAMILY}`;
  wrapText(ctx, spec.description, width - 120).forEach((line, i) =>
    ctx.fillText(line, width / 2, height / 2 + 30 + i * 28),
  );
}

export async function renderChartPng(spec: ChartSpec): Promise<RenderedPng> {
  const canvas = createCanvas(spec.width, spec.height);
  let chart: Chart | null = null;
  if (spec.empty) {
    drawEmptyState(canvas.getContext('2d'), spec);
  } else {
    const config = {
      type: spec.type,
      data: structuredClone(spec.data),
      options: themedOptions(spec),
      plugins: [cardBackground],
    } as ChartConfiguration;
    // chart.js draws synchronously when animation is off; the canvas is Skia's, not the DOM's.
    chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], config);
  }
  try {
    // encode() runs on libuv's thread pool, so the bot's event loop is not blocked by compression.
    const png = await canvas.encode('png');
    return { png, width: spec.width, height: spec.height };
  } finally {
    // destroy() clears the canvas, so it comes after the encode.
    chart?.destroy();
  }
}
