import { describe, expect, it } from 'vitest';
import { computeStats, ContributionIndex, rankCounts } from '../../../src-main/stats/index.js';
import type { DailyCount } from '../../../src-main/store/types.js';

describe('ranking', () => {
  it('gives tied counts the same rank and skips the places they take (1, 2, 2, 4)', () => {
    const ranked = rankCounts([
      { login: 'dan', count: 1 },
      { login: 'bea', count: 5 },
      { login: 'cy', count: 5 },
      { login: 'ana', count: 9 },
    ]);
    expect(ranked.map((e) => [e.login, e.rank])).toEqual([
      ['ana', 1],
      ['bea', 2],
      ['cy', 2],
      ['dan', 4],
    ]);
  });

  it('leaves contributors with zero unranked', () => {
    expect(rankCounts([{ login: 'a', count: 0 }])).toEqual([]);
  });

  it('keeps everyone tied for tenth in the hall of fame and sets ranks per window', () => {
    const counts: DailyCount[] = [];
    for (let i = 0; i < 12; i++)
      counts.push({
        login: `u${String(i).padStart(2, '0')}`,
        repo: 'o/r',
        metric: 'reviews',
        day: '2024-05-10',
        count: i < 9 ? 20 - i : 5,
      });
    counts.push({ login: 'old', repo: 'o/r', metric: 'reviews', day: '2023-01-01', count: 100 });
    const s = computeStats(new ContributionIndex(counts), {
      now: new Date('2024-05-10T12:00:00Z'),
      timeZone: 'UTC',
    });
    const week = s.hallOfFame.reviews['7d'];
    expect(week).toHaveLength(12);
    expect(week.slice(9).map((e) => e.rank)).toEqual([10, 10, 10]);
    expect(s.hallOfFame.reviews.all[0]).toEqual({ login: 'old', count: 100, rank: 1 });
    expect(s.byLogin.get('old')?.metrics.reviews.ranks['7d']).toBeNull();
    expect(s.byLogin.get('u00')?.metrics.reviews.ranks).toMatchObject({ '7d': 1, all: 2 });
  });
});
