import { describe, expect, it } from 'vitest';
import { StatsSnapshots } from '../../../src-main/host/stats-snapshots.js';
import { ContributionIndex } from '../../../src-main/stats/index.js';

const counts = [{ login: 'ada', repo: 'acme/app', metric: 'commits', day: '2026-03-14', count: 3 }];

describe('StatsSnapshots', () => {
  it('reuses a fresh snapshot and recomputes after a rebuild, a time-zone change or a minute', () => {
    let index = new ContributionIndex(counts as never);
    let now = new Date('2026-03-15T12:00:00Z');
    const snapshots = new StatsSnapshots(() => index, { now: () => now, maxAgeMs: 60_000 });
    const first = snapshots.get('acme', 'UTC');
    expect(snapshots.get('ACME', 'UTC')).toBe(first);

    now = new Date('2026-03-15T12:00:59Z');
    expect(snapshots.get('acme', 'UTC')).toBe(first);
    const zoned = snapshots.get('acme', 'Europe/Berlin');
    expect(zoned).not.toBe(first);
    expect(zoned.timeZone).toBe('Europe/Berlin');

    index = new ContributionIndex(counts as never);
    const rebuilt = snapshots.get('acme', 'Europe/Berlin');
    expect(rebuilt).not.toBe(zoned);

    now = new Date('2026-03-15T12:02:00Z');
    const later = snapshots.get('acme', 'Europe/Berlin');
    expect(later).not.toBe(rebuilt);
    expect(later.now).toBe('2026-03-15T12:02:00.000Z');
  });
});
