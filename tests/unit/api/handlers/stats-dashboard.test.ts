import { afterEach, describe, expect, it } from 'vitest';
import { invokeMethod } from '../../../../src-main/api/invoke.js';
import type { MethodOutput } from '../../../../src-main/api/contract.js';
import type { DailyCount } from '../../../../src-main/store/types.js';
import { handlerFixture, type HandlerFixture } from '../handler-fixture.js';
import { rejection } from './rejection.js';

const NOW = new Date('2026-03-15T12:00:00Z');
let f: HandlerFixture;
afterEach(() => f.close());

const cursor = { through: NOW.toISOString(), pushedAt: null, updatedAt: null, etags: {} };
const row = (
  login: string,
  day: string,
  count: number,
  metric: DailyCount['metric'] = 'commits',
): DailyCount => ({ login, repo: 'acme/app', metric, day, count });

async function seeded(): Promise<HandlerFixture> {
  const fixture = await handlerFixture({ now: () => NOW });
  await fixture.store.settings.update({ githubOrgs: ['acme'] });
  await fixture.store.contributions.commitRepoCrawl(
    'acme',
    'acme/app',
    [
      row('ada', '2026-03-14', 5),
      row('ada', '2026-03-15', 1),
      row('bob', '2026-03-01', 9),
      row('cyd', '2026-03-13', 6),
      row('dee', '2025-01-01', 1, 'reviews'),
      row('ada', '2026-03-10', 2, 'prs_merged'),
    ],
    cursor,
  );
  return fixture;
}

describe('stats.leaderboard', () => {
  it('lists every contributor with a count in the window, ranked, with averages and streaks', async () => {
    f = await seeded();
    const board = (await invokeMethod(f.handlers, 'stats.leaderboard', {
      metric: 'commits',
      window: '7d',
    })) as MethodOutput<'stats.leaderboard'>;
    expect(board).toMatchObject({
      org: 'acme',
      metric: 'commits',
      window: '7d',
      partial: true,
      lastCrawlAt: null,
      contributors: 4,
    });
    expect(board.entries).toEqual([
      {
        login: 'ada',
        count: 6,
        rank: 1,
        dailyAverage: 6 / 8, // today plus the 7 days before it
        currentStreak: 2,
        longestStreak: 2,
      },
      { login: 'cyd', count: 6, rank: 1, dailyAverage: 6 / 8, currentStreak: 0, longestStreak: 1 },
    ]);
  });

  it('includes the long tail: the 30-day window adds bob, third', async () => {
    f = await seeded();
    const board = (await invokeMethod(f.handlers, 'stats.leaderboard', {
      metric: 'commits',
      window: '30d',
    })) as MethodOutput<'stats.leaderboard'>;
    expect(board.entries.map((e) => [e.login, e.rank])).toEqual([
      ['bob', 1],
      ['ada', 2],
      ['cyd', 2],
    ]);
  });

  it('refuses an org that is not configured, naming the configured ones', async () => {
    f = await seeded();
    const error = await rejection(
      invokeMethod(f.handlers, 'stats.leaderboard', { org: 'nobody-here' }),
    );
    expect(error).toMatchObject({ identifier: 'not_found' });
    expect(String(error.context.hint)).toContain('acme');
  });
});

describe('stats.orgTotals', () => {
  it('sums each metric in the window and counts active and all-time contributors', async () => {
    f = await seeded();
    const totals = (await invokeMethod(f.handlers, 'stats.orgTotals', {
      window: '30d',
    })) as MethodOutput<'stats.orgTotals'>;
    expect(totals).toMatchObject({
      org: 'acme',
      window: '30d',
      contributors: 4,
      activeContributors: 3,
      metrics: { commits: 21, prs_merged: 2, reviews: 0, issues: 0, prs_opened: 0 },
      repos: null,
    });
    const all = (await invokeMethod(f.handlers, 'stats.orgTotals', {
      window: 'all',
    })) as MethodOutput<'stats.orgTotals'>;
    expect(all.activeContributors).toBe(4);
    expect(all.metrics.reviews).toBe(1);
  });
});

describe('stats.trend', () => {
  it('gives the org count per period, oldest first, ending with the current one', async () => {
    f = await seeded();
    const trend = (await invokeMethod(f.handlers, 'stats.trend', {
      metric: 'commits',
      granularity: 'day',
      periods: 3,
    })) as MethodOutput<'stats.trend'>;
    expect(trend.points).toEqual([
      { period: '2026-03-13', count: 6 },
      { period: '2026-03-14', count: 5 },
      { period: '2026-03-15', count: 1 },
    ]);
  });

  it('refuses more periods than a chart can show', async () => {
    f = await seeded();
    const error = await rejection(invokeMethod(f.handlers, 'stats.trend', { periods: 5000 }));
    expect(error).toMatchObject({ identifier: 'invalid_input' });
  });
});

describe('host.about', () => {
  it('names the data directory', async () => {
    f = await handlerFixture();
    expect(await invokeMethod(f.handlers, 'host.about', {})).toEqual({
      dataDir: f.dir,
      mode: 'headless',
    });
  });
});
