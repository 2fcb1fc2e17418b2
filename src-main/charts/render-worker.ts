// The chart worker thread: renders chart specs and rank cards off the main thread, so drawing a
// chart (chart.js is synchronous) never delays the bot's answers to other interactions or the
// admin API. Messages are plain data; PNG bytes come back as a transferred ArrayBuffer.
import { parentPort } from 'node:worker_threads';
import type { ChartSpec } from '../api/chart-spec.js';
import { renderRankCard, type RankCardInput } from './rank-card.js';
import { renderChartPng } from './render.js';

export type RenderJobBody =
  { kind: 'chart'; spec: ChartSpec } | { kind: 'rank-card'; input: RankCardInput };
export type RenderJob = RenderJobBody & { id: number };

export type RenderResult =
  | { id: number; ok: true; png: Uint8Array; width: number; height: number }
  | { id: number; ok: false; message: string };

/** Sent once the worker has loaded chart.js and the canvas and can take jobs. */
export const WORKER_READY = 'gitguild-chart-worker-ready';

const port = parentPort;
if (port) {
  port.on('message', (job: RenderJob) => {
    const work =
      job.kind === 'chart'
        ? renderChartPng(job.spec)
        : renderRankCard({
            ...job.input,
            avatarPng: job.input.avatarPng ? Buffer.from(job.input.avatarPng) : null,
          });
    work.then(
      ({ png, width, height }) => {
        const bytes = new Uint8Array(png);
        const result: RenderResult = { id: job.id, ok: true, png: bytes, width, height };
        port.postMessage(result, [bytes.buffer]);
      },
      (error: unknown) => {
        const result: RenderResult = {
          id: job.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        };
        port.postMessage(result);
      },
    );
  });
  port.postMessage(WORKER_READY);
}
