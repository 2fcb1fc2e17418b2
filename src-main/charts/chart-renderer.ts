// Where PNGs are drawn: on a worker thread of the main process (the bundled `chart-worker.js`
// beside the host bundle, or `render-worker.ts` through tsx when running from source), so that
// chart.js, which draws synchronously, never holds up the bot's answers or the admin API. Until
// the worker is up, and if it cannot start or dies, PNGs are drawn on the main thread: a
// packaging problem costs latency, never an answer. The PNG is the same either way.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChartSpec } from '../api/chart-spec.js';
import type { Logger } from '../log/logger.js';
import { renderRankCard, type RankCardInput } from './rank-card.js';
import { renderChartPng, type RenderedPng } from './render.js';
import { WORKER_READY, type RenderJobBody, type RenderResult } from './render-worker.js';

export interface ChartRenderer {
  chart(spec: ChartSpec): Promise<RenderedPng>;
  rankCard(input: RankCardInput): Promise<RenderedPng>;
  /** Gets ready to draw (starts the worker) before the first request. */
  warm(): void;
  /** Resolves true once PNGs are drawn off the main thread, false if they never will be. */
  offThread(): Promise<boolean>;
  close(): Promise<void>;
}

export function inProcessRenderer(): ChartRenderer {
  return {
    chart: (spec) => renderChartPng(spec),
    rankCard: (input) => renderRankCard(input),
    warm: () => undefined,
    offThread: async () => false,
    close: async () => undefined,
  };
}

/**
 * The worker's script: the bundle's sibling when bundled; from source (tests, `npm run demo`),
 * a bootstrap that registers tsx's loader in the worker and then imports the TypeScript file.
 */
function workerScript(): { source: URL | string; eval: boolean } | null {
  const bundled = new URL('./chart-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return { source: bundled, eval: false };
  const source = new URL('./render-worker.ts', import.meta.url);
  if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) return null;
  return {
    source: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`,
    eval: true,
  };
}

type Pending = { resolve: (png: RenderedPng) => void; reject: (error: Error) => void };

/**
 * Starts the worker on the first render (or `warm()`), so hosts that never draw never pay for
 * it; that first PNG, and any asked for while the worker loads, are drawn on the main thread.
 */
export function workerRenderer(logger: Logger): ChartRenderer {
  const fallback = inProcessRenderer();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | null = null;
  let started = false;
  let closed = false;
  let ready = false;
  let settle: (offThread: boolean) => void = () => undefined;
  const readiness = new Promise<boolean>((resolve) => (settle = resolve));

  const fail = (error: Error) => {
    if (worker) logger.warn('chart worker failed; drawing charts on the main thread', { error });
    worker = null;
    ready = false;
    settle(false);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const start = (): void => {
    if (started || closed) return;
    started = true;
    const script = workerScript();
    if (!script) {
      logger.warn('chart worker script not found; drawing charts on the main thread');
      settle(false);
      return;
    }
    try {
      const thread = new Worker(script.source, { eval: script.eval });
      worker = thread;
      thread.on('message', (message: RenderResult | typeof WORKER_READY) => {
        if (message === WORKER_READY) {
          ready = true;
          settle(true);
          return;
        }
        const p = pending.get(message.id);
        if (!p) return;
        pending.delete(message.id);
        if (pending.size === 0) thread.unref();
        if (message.ok)
          p.resolve({
            png: Buffer.from(message.png),
            width: message.width,
            height: message.height,
          });
        else p.reject(new Error(message.message));
      });
      thread.on('error', (error) => {
        if (worker === thread) fail(error);
      });
      thread.on('exit', (code) => {
        if (worker === thread) fail(new Error(`chart worker exited with code ${code}`));
      });
      // An idle worker must not keep a stopping host alive; a busy one is ref'd per job.
      thread.unref();
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const submit = async (
    job: RenderJobBody,
    inProcess: () => Promise<RenderedPng>,
  ): Promise<RenderedPng> => {
    start();
    const target = worker;
    if (!target || !ready) return inProcess();
    const id = nextId++;
    try {
      return await new Promise<RenderedPng>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.ref();
        target.postMessage({ ...job, id });
      });
    } catch (error) {
      // A render that failed inside a healthy worker fails the same way here; a dead worker does not.
      if (worker === null) return inProcess();
      throw error;
    }
  };

  return {
    chart: (spec) => submit({ kind: 'chart', spec }, () => fallback.chart(spec)),
    rankCard: (input) => submit({ kind: 'rank-card', input }, () => fallback.rankCard(input)),
    warm: start,
    offThread: () => {
      start();
      return readiness;
    },
    async close() {
      closed = true;
      const current = worker;
      worker = null;
      ready = false;
      settle(false);
      if (current) await current.terminate();
    },
  };
}
