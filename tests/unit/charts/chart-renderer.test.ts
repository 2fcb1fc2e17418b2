import { describe, expect, it } from 'vitest';
import { inProcessRenderer, workerRenderer } from '../../../src-main/charts/chart-renderer.js';
import { topContributorsSpec } from '../../../src-main/charts/specs.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { ContributionIndex, computeStats } from '../../../src-main/stats/index.js';

const index = new ContributionIndex([
  { login: 'ada', repo: 'acme/app', metric: 'commits', day: '2025-05-14', count: 4 },
  { login: 'bo', repo: 'acme/app', metric: 'commits', day: '2025-05-13', count: 2 },
]);
const snapshot = computeStats(index, { now: new Date('2025-05-15T12:00:00Z'), timeZone: 'UTC' });
const spec = topContributorsSpec({ org: 'acme', index, snapshot }, 'commits', '7d');

describe('the chart worker', () => {
  it(
    'draws on a worker thread the same PNG the main thread draws',
    { timeout: 30_000 },
    async () => {
      const sink = memorySink();
      const worker = workerRenderer(createLogger('t', { sinks: [sink] }));
      try {
        expect(await worker.offThread()).toBe(true);
        const [off, on] = await Promise.all([inProcessRenderer().chart(spec), worker.chart(spec)]);
        expect(on.png.equals(off.png)).toBe(true);
        const card = await worker.rankCard({
          displayName: 'Ada',
          login: 'ada',
          avatarPng: null,
          windowLabel: 'all time',
          counts: { prs_opened: 1, prs_merged: 2, issues: 3, commits: 4, reviews: 5 },
          rank: { metric: 'commits', rank: 1 },
          streak: { current: 1, longest: 2 },
          tier: null,
          partial: false,
        });
        expect([card.width, card.height]).toEqual([900, 300]);
        // No fallback happened: the worker did the work.
        expect(sink.records.filter((r) => r.level === 'warn')).toEqual([]);
      } finally {
        await worker.close();
      }
    },
  );

  it('falls back to the main thread once the worker is gone', async () => {
    const sink = memorySink();
    const worker = workerRenderer(createLogger('t', { sinks: [sink] }));
    // Asked before the worker is up: drawn on the main thread rather than waiting.
    const early = await worker.chart(spec);
    expect(early.png.equals((await inProcessRenderer().chart(spec)).png)).toBe(true);
    await worker.close();
    expect(await worker.offThread()).toBe(false);
    const png = await worker.chart(spec);
    expect(png.png.equals((await inProcessRenderer().chart(spec)).png)).toBe(true);
  });
});
