// What a crawl reads of one repository, decided from the sweep's markers and the stored cursor
// alone, without a request. Issues are read only when the newest issue update is after the
// cursor, pull requests (and with them reviews) only when the newest PR update is, commits only
// when the head moved. "After the cursor" also covers items the settle margin held back last
// time: their update is after the cursor, so the next crawl reads them even if nothing else moved.
import type { StoredRepo } from '../store/repositories.js';
import type { SweptRepo } from './repo-sweep.js';

/** `full`: everything, as a first crawl; `since-cursor`: back to the cursor; `skip`: nothing. */
export type ListRead = 'skip' | 'full' | 'since-cursor';

export interface RepoReadPlan {
  issues: ListRead;
  pulls: ListRead;
  /** `walk`: every commit the head reaches; `compare`: since the counted head. */
  commits: 'skip' | 'walk' | 'compare';
  /** No cursor yet: every count is read afresh and replaces what is stored. */
  full: boolean;
  /** Stored under another name (renamed, or transferred within the org). */
  renamed: boolean;
  /** Nothing to read and nothing to write. */
  unchanged: boolean;
}

export function planRepoRead(repo: SweptRepo, stored: StoredRepo | undefined): RepoReadPlan {
  const cursor = stored?.cursor ?? null;
  const renamed = stored !== undefined && stored.name !== repo.fullName;
  if (cursor === null) {
    return {
      issues: repo.issuesUpdatedAt === null ? 'skip' : 'full',
      pulls: repo.pullsUpdatedAt === null ? 'skip' : 'full',
      commits: repo.headOid === null ? 'skip' : 'walk',
      full: true,
      renamed,
      unchanged: false,
    };
  }
  const through = Date.parse(cursor.through);
  const movedSince = (marker: string | null): boolean =>
    marker !== null && Date.parse(marker) > through;
  const issues = movedSince(repo.issuesUpdatedAt) ? 'since-cursor' : 'skip';
  const pulls = movedSince(repo.pullsUpdatedAt) ? 'since-cursor' : 'skip';
  const commits =
    repo.headOid === cursor.headOid
      ? 'skip'
      : cursor.headOid === null || repo.headOid === null
        ? 'walk'
        : 'compare';
  const unchanged = issues === 'skip' && pulls === 'skip' && commits === 'skip' && !renamed;
  return { issues, pulls, commits, full: false, renamed, unchanged };
}
