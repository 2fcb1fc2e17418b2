import { describe, expect, it } from 'vitest';
import {
  hasCrawled,
  METRIC_OPTIONS,
  missingSummary,
  relativeTime,
  tiedRanks,
  WINDOW_OPTIONS,
  type HallOfFame,
} from '../../../src-renderer/pages/stats/stats-view';

const now = new Date('2026-01-31T12:00:00Z');

describe('the stats page helpers', () => {
  it('offers every window in order and every metric', () => {
    expect(WINDOW_OPTIONS.map((w) => w.id)).toEqual(['24h', '7d', '30d', '90d', 'month', 'all']);
    expect(METRIC_OPTIONS.map((m) => m.id).sort()).toEqual([
      'commits',
      'issues',
      'prs_merged',
      'prs_opened',
      'reviews',
    ]);
  });

  it('marks only the ranks that more than one contributor shares', () => {
    const ties = tiedRanks([
      { rank: 1 },
      { rank: 2 },
      { rank: 2 },
      { rank: 4 },
      { rank: 5 },
      { rank: 5 },
    ]);
    expect([...ties].sort()).toEqual([2, 5]);
  });

  it('phrases how long ago the last crawl was', () => {
    expect(relativeTime('2026-01-31T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('2026-01-31T11:57:00Z', now)).toBe('3 minutes ago');
    expect(relativeTime('2026-01-31T11:00:00Z', now)).toBe('1 hour ago');
    expect(relativeTime('2026-01-29T12:00:00Z', now)).toBe('2 days ago');
    expect(relativeTime('not a date', now)).toBe('');
  });

  it('tells a never-crawled org from a crawled one, whatever `partial` says', () => {
    const base: HallOfFame = {
      org: 'acme',
      window: '30d',
      now: now.toISOString(),
      timeZone: 'UTC',
      partial: true,
      missing: [],
      lastCrawlAt: null,
      metrics: { prs_opened: [], prs_merged: [], issues: [], commits: [], reviews: [] },
    };
    expect(hasCrawled(base)).toBe(false);
    expect(hasCrawled({ ...base, lastCrawlAt: '2026-01-31T10:00:00Z' })).toBe(true);
  });

  it('counts the missing repositories in the partial-data banner', () => {
    expect(missingSummary([{ repo: 'acme/a', reason: '451' }])).toContain('1 repository');
    expect(
      missingSummary([
        { repo: 'a', reason: 'x' },
        { repo: 'b', reason: 'y' },
      ]),
    ).toContain('2 repositories');
    expect(missingSummary([])).toContain('did not finish');
  });
});
