import { describe, expect, it } from 'vitest';
import {
  activityTrend,
  compareTopContributors,
  computeStats,
  ContributionIndex,
  orgTotals,
} from '../../../src-main/stats/index.js';
import type { DailyCount } from '../../../src-main/store/types.js';

const counts: DailyCount[] = [
  { login: 'ana', repo: 'o/a', metric: 'commits', day: '2024-04-29', count: 2 }, // Monday
  { login: 'ana', repo: 'o/a', metric: 'commits', day: '2024-05-05', count: 1 }, // Sunday
  { login: 'bo', repo: 'o/b', metric: 'commits', day: '2024-05-06', count: 4 }, // Monday
  { login: 'bo', repo: 'o/b', metric: 'reviews', day: '2024-05-07', count: 7 },
];
const now = new Date('2024-05-07T12:00:00Z');

describe('trends', () => {
  it('buckets the org by ISO week, Monday first, ending with the current week', () => {
    const weeks = activityTrend(new ContributionIndex(counts), {
      metric: 'commits',
      granularity: 'week',
      periods: 3,
      now,
      timeZone: 'UTC',
    });
    expect(weeks).toEqual([
      { period: '2024-04-22', count: 0 },
      { period: '2024-04-29', count: 3 },
      { period: '2024-05-06', count: 4 },
    ]);
  });

  it('gives daily and monthly series for one contributor', () => {
    const index = new ContributionIndex(counts);
    expect(
      activityTrend(index, {
        metric: 'commits',
        granularity: 'day',
        periods: 3,
        now,
        timeZone: 'UTC',
        login: 'bo',
      }),
    ).toEqual([
      { period: '2024-05-05', count: 0 },
      { period: '2024-05-06', count: 4 },
      { period: '2024-05-07', count: 0 },
    ]);
    expect(
      activityTrend(index, {
        metric: 'commits',
        granularity: 'month',
        periods: 2,
        now,
        timeZone: 'UTC',
        login: 'ana',
      }),
    ).toEqual([
      { period: '2024-04-01', count: 2 },
      { period: '2024-05-01', count: 1 },
    ]);
  });

  it('compares the top N of a window side by side', () => {
    const index = new ContributionIndex(counts);
    const snapshot = computeStats(index, { now, timeZone: 'UTC' });
    const top = compareTopContributors(index, snapshot, {
      metric: 'commits',
      window: 'all',
      n: 1,
      granularity: 'week',
      periods: 2,
    });
    expect(top.series).toHaveLength(1);
    expect(top.series[0]).toMatchObject({ login: 'bo', total: 4 });
  });

  it('rejects a nonsense number of periods', () => {
    expect(() =>
      activityTrend(new ContributionIndex(), {
        metric: 'commits',
        granularity: 'day',
        periods: 0,
        now,
        timeZone: 'UTC',
      }),
    ).toThrow(/periods/);
  });
});

describe('org totals', () => {
  it('sums repo facts and stored commits, and says when open counts are unknown', () => {
    const totals = orgTotals(
      [
        { stars: 10, forks: 2, openIssues: 3, openPrs: 1 },
        { stars: 5, forks: 0, openIssues: null, openPrs: null },
      ],
      new ContributionIndex(counts),
    );
    expect(totals).toEqual({
      repos: 2,
      stars: 15,
      forks: 2,
      openIssues: 3,
      openPrs: 1,
      contributors: 2,
      commits: 7,
      partial: true,
    });
  });
});

describe('contribution index', () => {
  it('merges later increments into existing series', () => {
    const index = new ContributionIndex(counts);
    index.add([{ login: 'ana', repo: 'o/c', metric: 'commits', day: '2024-05-07', count: 5 }]);
    const s = computeStats(index, { now, timeZone: 'UTC' });
    expect(s.byLogin.get('ana')?.metrics.commits.counts.all).toBe(8);
  });
});
