import { describe, expect, it } from 'vitest';
import { StatsSnapshots } from '../../../src-main/host/stats-snapshots.js';
import { ContributionIndex } from '../../../src-main/stats/index.js';
import type { DailyCount } from '../../../src-main/store/types.js';

const counts: DailyCount[] = [
  { login: 'ada', repo: 'acme/app', metric: 'commits', day: '2026-03-14', count: 3 },
];

describe('StatsSnapshots', () => {
  it('reuses a snapshot within the same UTC and local day, and recomputes after a rebuild or a time-zone change', () => {
    let index = new ContributionIndex(counts);
    let now = new Date('2026-03-15T12:00:00Z');
    const snapshots = new StatsSnapshots(
      () => index,
      () => now,
    );
    const first = snapshots.get('acme', 'UTC');
    expect(snapshots.get('ACME', 'UTC')).toBe(first);
    now = new Date('2026-03-15T23:59:00Z');
    expect(snapshots.get('acme', 'UTC')).toBe(first);

    const zoned = snapshots.get('acme', 'Europe/Berlin');
    expect(zoned).not.toBe(first);
    expect(zoned.timeZone).toBe('Europe/Berlin');

    index = new ContributionIndex(counts);
    expect(snapshots.get('acme', 'Europe/Berlin')).not.toBe(zoned);
  });

  it('recomputes when the local date moves on before the UTC date does', () => {
    const index = new ContributionIndex(counts);
    let now = new Date('2026-03-15T22:30:00Z'); // 23:30 in Berlin
    const snapshots = new StatsSnapshots(
      () => index,
      () => now,
    );
    const before = snapshots.get('acme', 'Europe/Berlin');
    now = new Date('2026-03-15T23:10:00Z'); // 00:10 on the 16th in Berlin, still the 15th in UTC
    const after = snapshots.get('acme', 'Europe/Berlin');
    expect(after).not.toBe(before);
    expect(after.now).toBe('2026-03-15T23:10:00.000Z');
  });
});
