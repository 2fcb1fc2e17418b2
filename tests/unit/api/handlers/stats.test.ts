import { afterEach, describe, expect, it } from 'vitest';
import { invokeMethod } from '../../../../src-main/api/invoke.js';
import type { DailyCount } from '../../../../src-main/store/types.js';
import { handlerFixture, type HandlerFixture } from '../handler-fixture.js';
import { rejection } from './rejection.js';

const NOW = new Date('2026-03-15T12:00:00Z');
let f: HandlerFixture;
afterEach(() => f.close());

const cursor = { through: NOW.toISOString(), headOid: null };
const row = (
  login: string,
  day: string,
  count: number,
  metric: DailyCount['metric'] = 'commits',
): DailyCount => ({ login, repo: 'acme/app', metric, day, count });

async function seeded(): Promise<HandlerFixture> {
  const fixture = await handlerFixture({ now: () => NOW });
  await fixture.store.settings.update({ githubOrgs: ['acme', 'other-org'] });
  await fixture.store.contributions.commitRepoCrawl(
    'acme',
    { id: 1, name: 'acme/app' },
    [
      row('ada', '2026-03-14', 5),
      row('bob', '2026-03-01', 9),
      row('cyd', '2026-03-14', 5),
      row('ada', '2025-01-01', 1, 'reviews'),
    ],
    cursor,
  );
  return fixture;
}

describe('stats.hallOfFame', () => {
  it('ranks the default org for the window, ties sharing a rank, and is partial when never fully crawled', async () => {
    f = await seeded();
    const hall = await invokeMethod(f.handlers, 'stats.hallOfFame', { window: '7d' });
    expect(hall).toMatchObject({
      org: 'acme',
      window: '7d',
      now: NOW.toISOString(),
      timeZone: 'UTC',
      partial: true,
      missing: [],
      lastCrawlAt: null,
    });
    expect((hall as { metrics: Record<string, unknown> }).metrics).toEqual({
      commits: [
        { login: 'ada', count: 5, rank: 1 },
        { login: 'cyd', count: 5, rank: 1 },
      ],
      prs_opened: [],
      prs_merged: [],
      issues: [],
      reviews: [],
    });
  });

  it('defaults the window to 30 days and counts all time when asked', async () => {
    f = await seeded();
    const thirty = (await invokeMethod(f.handlers, 'stats.hallOfFame', {})) as {
      window: string;
      metrics: Record<string, { login: string }[]>;
    };
    expect(thirty.window).toBe('30d');
    expect(thirty.metrics['commits']!.map((e) => e.login)).toEqual(['bob', 'ada', 'cyd']);
    const all = (await invokeMethod(f.handlers, 'stats.hallOfFame', { window: 'all' })) as {
      metrics: Record<string, unknown[]>;
    };
    expect(all.metrics['reviews']).toEqual([{ login: 'ada', count: 1, rank: 1 }]);
  });

  it("carries the last crawl's missing repos and completeness", async () => {
    f = await seeded();
    const missing = [{ repo: 'acme/takedown', reason: 'unavailable for legal reasons (451)' }];
    await f.store.contributions.recordCrawl({
      org: 'acme',
      startedAt: '2026-03-15T11:00:00Z',
      finishedAt: '2026-03-15T11:01:00Z',
      complete: false,
      missing,
      requests: 12,
    });
    expect(await invokeMethod(f.handlers, 'stats.hallOfFame', { window: '24h' })).toMatchObject({
      partial: true,
      missing,
      lastCrawlAt: '2026-03-15T11:01:00Z',
    });
    await f.store.contributions.recordCrawl({
      org: 'acme',
      startedAt: '2026-03-15T11:30:00Z',
      finishedAt: '2026-03-15T11:31:00Z',
      complete: true,
      missing: [],
      requests: 3,
    });
    expect(await invokeMethod(f.handlers, 'stats.hallOfFame', { window: '24h' })).toMatchObject({
      partial: false,
      missing: [],
    });
  });

  it('matches a configured org case-insensitively and refuses an unknown one as not_found', async () => {
    f = await seeded();
    expect(await invokeMethod(f.handlers, 'stats.hallOfFame', { org: 'ACME' })).toMatchObject({
      org: 'acme',
    });
    expect(await invokeMethod(f.handlers, 'stats.hallOfFame', { org: 'other-org' })).toMatchObject({
      org: 'other-org',
      metrics: { commits: [] },
    });
    const error = await rejection(invokeMethod(f.handlers, 'stats.hallOfFame', { org: 'nobody' }));
    expect(error.identifier).toBe('not_found');
    expect(error.context.hint).toContain('acme, other-org');
  });

  it('answers not_found with a hint when no org is configured', async () => {
    f = await handlerFixture();
    const error = await rejection(invokeMethod(f.handlers, 'stats.hallOfFame', {}));
    expect(error.identifier).toBe('not_found');
    expect(error.context.hint).toMatch(/Settings/);
  });
});
