import { describe, expect, it } from 'vitest';
import { computeStats, ContributionIndex, streaksOf } from '../../../src-main/stats/index.js';
import type { DailyCount } from '../../../src-main/store/types.js';

const days = (...labels: string[]): DailyCount[] =>
  labels.map((day) => ({ login: 'ana', repo: 'o/r', metric: 'prs_merged', day, count: 1 }));

function streak(now: string, counts: DailyCount[], timeZone = 'UTC') {
  return computeStats(new ContributionIndex(counts), { now: new Date(now), timeZone }).byLogin.get(
    'ana',
  )!.metrics.prs_merged.streak;
}

describe('streaks', () => {
  it('counts a run that ends today', () => {
    expect(streak('2024-05-10T15:00:00Z', days('2024-05-08', '2024-05-09', '2024-05-10'))).toEqual({
      current: 3,
      longest: 3,
    });
  });

  it('keeps a run that ended yesterday alive while today is not over', () => {
    expect(streak('2024-05-10T23:59:00Z', days('2024-05-08', '2024-05-09'))).toEqual({
      current: 2,
      longest: 2,
    });
  });

  it('resets the current streak once a whole day passes with no activity', () => {
    expect(streak('2024-05-11T00:00:01Z', days('2024-05-08', '2024-05-09'))).toEqual({
      current: 0,
      longest: 2,
    });
  });

  it('breaks a run at a gap and remembers the longest one', () => {
    expect(
      streak(
        '2024-05-10T12:00:00Z',
        days('2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-09', '2024-05-10'),
      ),
    ).toEqual({ current: 2, longest: 4 });
  });

  it('uses the local date for "today" just after local midnight east of UTC', () => {
    // 00:30 in Berlin on May 11 is 22:30 UTC on May 10: the May 9 bucket is now two local days back.
    expect(
      streak('2024-05-10T22:30:00Z', days('2024-05-08', '2024-05-09'), 'Europe/Berlin'),
    ).toEqual({ current: 0, longest: 2 });
    expect(streak('2024-05-10T22:30:00Z', days('2024-05-08', '2024-05-09'), 'UTC')).toEqual({
      current: 2,
      longest: 2,
    });
  });

  it('runs straight through a daylight-saving change', () => {
    // Europe/Berlin springs forward on 2024-03-31; day arithmetic is on dates, not 24-hour steps.
    expect(
      streak(
        '2024-04-01T10:00:00Z',
        days('2024-03-30', '2024-03-31', '2024-04-01'),
        'Europe/Berlin',
      ),
    ).toEqual({ current: 3, longest: 3 });
    expect(
      streak(
        '2024-11-04T10:00:00Z',
        days('2024-11-02', '2024-11-03', '2024-11-04'),
        'America/New_York',
      ),
    ).toEqual({ current: 3, longest: 3 });
  });

  it('is zero for no activity at all', () => {
    expect(streaksOf([], 100)).toEqual({ current: 0, longest: 0 });
  });

  it('tracks any-activity streaks across metrics', () => {
    const counts: DailyCount[] = [
      { login: 'ana', repo: 'o/r', metric: 'commits', day: '2024-05-08', count: 1 },
      { login: 'ana', repo: 'o/r', metric: 'reviews', day: '2024-05-09', count: 1 },
      { login: 'ana', repo: 'o/r', metric: 'issues', day: '2024-05-10', count: 1 },
    ];
    const ana = computeStats(new ContributionIndex(counts), {
      now: new Date('2024-05-10T12:00:00Z'),
      timeZone: 'UTC',
    }).byLogin.get('ana')!;
    expect(ana.activity).toMatchObject({
      current: 3,
      longest: 3,
      firstDay: '2024-05-08',
      lastDay: '2024-05-10',
    });
    expect(ana.metrics.commits.streak).toEqual({ current: 0, longest: 1 });
  });
});
