import { describe, expect, it } from 'vitest';
import {
  defaultCondition,
  describeCondition,
} from '../../../src-renderer/pages/mappings/condition';

describe('mapping conditions in words', () => {
  it('says each kind the way the editor and the mapping list show it', () => {
    expect(
      describeCondition({
        kind: 'metric',
        metric: 'prs_merged',
        window: { kind: 'all_time' },
        threshold: 16,
      }),
    ).toBe('merged PRs ≥ 16 (all time)');
    expect(
      describeCondition({
        kind: 'rank',
        metric: 'reviews',
        window: { kind: 'rolling', days: 30 },
        top: 3,
      }),
    ).toBe('top 3 by reviews (last 30 days)');
    expect(
      describeCondition({
        kind: 'all',
        of: [
          { kind: 'org_member' },
          { kind: 'any', of: [{ kind: 'team', team: 'core' }, { kind: 'linked' }] },
        ],
      }),
    ).toBe('member of the organisation and (in team core or linked to GitHub)');
  });

  it('switching kinds keeps the metric and window, and wraps the old condition in a group', () => {
    const metric = {
      kind: 'metric',
      metric: 'commits',
      window: { kind: 'rolling', days: 90 },
      threshold: 50,
    } as const;
    expect(defaultCondition('rank', metric)).toEqual({
      kind: 'rank',
      metric: 'commits',
      window: { kind: 'rolling', days: 90 },
      top: 3,
    });
    expect(defaultCondition('all', metric)).toEqual({ kind: 'all', of: [metric] });
    expect(defaultCondition('org_member', metric)).toEqual({ kind: 'org_member' });
  });
});
