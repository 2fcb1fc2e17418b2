import { describe, expect, it } from 'vitest';
import { computeStats, ContributionIndex } from '../../../src-main/stats/index.js';
import type { DailyCount, Metric } from '../../../src-main/store/types.js';

function c(
  login: string,
  day: string,
  count = 1,
  metric: Metric = 'commits',
  repo = 'o/r',
): DailyCount {
  return { login, repo, metric, day, count };
}

function statsAt(now: string, counts: DailyCount[], timeZone = 'UTC', month?: string) {
  return computeStats(new ContributionIndex(counts), { now: new Date(now), timeZone, month });
}

describe('stats windows', () => {
  it('keeps yesterday in the 24h window right after midnight UTC, unlike the old calendar-day "24h"', () => {
    const s = statsAt('2024-05-10T00:30:00Z', [c('ana', '2024-05-09', 3)]);
    expect(s.byLogin.get('ana')?.metrics.commits.counts['24h']).toBe(3);
  });

  it('drops a day from the 24h window once it ends more than 24 hours ago', () => {
    const s = statsAt('2024-05-10T00:30:00Z', [
      c('ana', '2024-05-08', 3),
      c('ana', '2024-05-10', 1),
    ]);
    expect(s.byLogin.get('ana')?.metrics.commits.counts['24h']).toBe(1);
  });

  it('counts 7d as the buckets overlapping the last 168 hours', () => {
    const counts = ['2024-05-02', '2024-05-03', '2024-05-09', '2024-05-10'].map((d) => c('ana', d));
    const s = statsAt('2024-05-10T12:00:00Z', counts);
    expect(s.windows['7d']).toEqual({ from: '2024-05-03', to: '2024-05-10', days: 8 });
    expect(s.byLogin.get('ana')?.metrics.commits.counts['7d']).toBe(3);
  });

  it('sums a contributor over repositories and keeps metrics apart', () => {
    const s = statsAt('2024-05-10T12:00:00Z', [
      c('ana', '2024-05-10', 2, 'commits', 'o/a'),
      c('ana', '2024-05-10', 5, 'commits', 'o/b'),
      c('ana', '2024-05-10', 1, 'reviews'),
    ]);
    const ana = s.byLogin.get('ana')!;
    expect(ana.metrics.commits.counts.all).toBe(7);
    expect(ana.metrics.reviews.counts.all).toBe(1);
    expect(ana.metrics.issues.counts.all).toBe(0);
  });

  it('counts the calendar month of the configured time zone so far', () => {
    const counts = [
      c('ana', '2024-04-30', 4),
      c('ana', '2024-05-01', 2),
      c('ana', '2024-05-15', 1),
    ];
    const s = statsAt('2024-05-15T12:00:00Z', counts, 'Europe/Berlin');
    expect(s.byLogin.get('ana')?.metrics.commits.counts.month).toBe(3);
    expect(s.windows.month).toEqual({ from: '2024-05-01', to: '2024-05-15', days: 15 });
  });

  it('counts a requested past month in full', () => {
    const counts = [
      c('ana', '2024-03-31', 1),
      c('ana', '2024-04-01', 2),
      c('ana', '2024-04-30', 3),
      c('ana', '2024-05-01', 9),
    ];
    const s = statsAt('2024-05-15T12:00:00Z', counts, 'UTC', '2024-04');
    expect(s.byLogin.get('ana')?.metrics.commits.counts.month).toBe(5);
    expect(s.windows.month.days).toBe(30);
  });

  it('still counts a bucket dated after local today (evening west of UTC) in this month and today', () => {
    // 2024-05-31 20:00 in Los Angeles is 2024-06-01 03:00 UTC: the June 1 UTC bucket holds May 31 local work.
    const s = statsAt('2024-06-01T03:00:00Z', [c('ana', '2024-06-01', 2)], 'America/Los_Angeles');
    const ana = s.byLogin.get('ana')!;
    expect(ana.metrics.commits.counts.month).toBe(2);
    expect(ana.metrics.commits.streak.current).toBe(1);
  });

  it('attributes UTC days to the next local date in zones more than 12 hours ahead', () => {
    // Auckland is UTC+12 in May: noon UTC on April 30 is midnight May 1 local.
    const s = statsAt('2024-05-02T00:00:00Z', [c('ana', '2024-04-30', 1)], 'Pacific/Auckland');
    expect(s.byLogin.get('ana')?.metrics.commits.counts.month).toBe(1);
  });

  it('divides by the window length for daily averages, and by days since first activity for all time', () => {
    const s = statsAt('2024-05-10T12:00:00Z', [c('ana', '2024-05-01', 10)]);
    const commits = s.byLogin.get('ana')!.metrics.commits;
    expect(commits.averages['7d']).toBe(0);
    expect(commits.averages['30d']).toBeCloseTo(10 / 31);
    expect(commits.averages.all).toBe(1);
  });

  it('rejects a malformed month', () => {
    expect(() => statsAt('2024-05-10T12:00:00Z', [], 'UTC', '2024-13')).toThrow(/2024-05/);
  });
});
