import { describe, expect, it } from 'vitest';
import { planRepoRead } from '../../../src-main/github/repo-plan.js';
import type { SweptRepo } from '../../../src-main/github/repo-sweep.js';
import type { StoredRepo } from '../../../src-main/store/repositories.js';

const HEAD = 'a'.repeat(40);
const THROUGH = '2026-03-01T12:00:00.000Z';

function swept(extra: Partial<SweptRepo> = {}): SweptRepo {
  return {
    id: 7,
    name: 'app',
    fullName: 'acme/app',
    archived: false,
    fork: false,
    disabled: false,
    defaultBranch: 'main',
    headOid: HEAD,
    issuesUpdatedAt: '2026-03-01T11:00:00Z',
    pullsUpdatedAt: '2026-03-01T10:00:00Z',
    stars: 0,
    forks: 0,
    openIssues: 0,
    openPrs: 0,
    ...extra,
  };
}

const stored = (extra: Partial<StoredRepo> = {}): StoredRepo => ({
  id: 7,
  name: 'acme/app',
  cursor: { through: THROUGH, headOid: HEAD },
  ...extra,
});

describe('what a crawl reads of one repository', () => {
  it('reads everything a repository has, and nothing it lacks, when it has no cursor yet', () => {
    expect(planRepoRead(swept(), undefined)).toMatchObject({
      issues: 'full',
      pulls: 'full',
      commits: 'walk',
      full: true,
    });
    const empty = swept({ headOid: null, issuesUpdatedAt: null, pullsUpdatedAt: null });
    expect(planRepoRead(empty, undefined)).toMatchObject({
      issues: 'skip',
      pulls: 'skip',
      commits: 'skip',
      full: true,
      unchanged: false,
    });
  });

  it('reads nothing when no marker moved past the cursor', () => {
    expect(planRepoRead(swept(), stored())).toMatchObject({ unchanged: true, full: false });
  });

  it('reads only the list whose newest update is after the cursor', () => {
    expect(
      planRepoRead(swept({ issuesUpdatedAt: '2026-03-01T12:00:01Z' }), stored()),
    ).toMatchObject({ issues: 'since-cursor', pulls: 'skip', commits: 'skip', unchanged: false });
    // A review updates its PR: the PR marker moves, issues stay.
    expect(planRepoRead(swept({ pullsUpdatedAt: '2026-03-01T12:05:00Z' }), stored())).toMatchObject(
      { issues: 'skip', pulls: 'since-cursor', commits: 'skip' },
    );
  });

  it('compares heads when the default branch moved, and walks it when none was counted', () => {
    expect(planRepoRead(swept({ headOid: 'b'.repeat(40) }), stored()).commits).toBe('compare');
    const noHead = stored({ cursor: { through: THROUGH, headOid: null } });
    expect(planRepoRead(swept(), noHead).commits).toBe('walk');
    // The branch emptied: a walk of nothing replaces the commit counts.
    expect(planRepoRead(swept({ headOid: null }), stored()).commits).toBe('walk');
  });

  it('notices a rename even when nothing else changed', () => {
    expect(planRepoRead(swept({ fullName: 'acme/app2', name: 'app2' }), stored())).toMatchObject({
      renamed: true,
      unchanged: false,
      issues: 'skip',
      pulls: 'skip',
      commits: 'skip',
    });
  });
});
