// Org totals for the stats channels and the dashboard: repository facts from the last crawl plus
// sums over the stored contributions.
import type { ContributionIndex } from './contribution-index.js';

export interface RepoTotalsInput {
  stars: number;
  forks: number;
  /** Null when the crawl has not learnt it yet (see `partial`). */
  openIssues: number | null;
  openPrs: number | null;
}

export interface OrgTotals {
  repos: number;
  stars: number;
  forks: number;
  openIssues: number;
  openPrs: number;
  /** Distinct logins with any counted contribution. */
  contributors: number;
  /** Commits on default branches, all time. */
  commits: number;
  /** Some repos' open issue/PR counts are unknown, so those two totals are lower bounds. */
  partial: boolean;
}

export function orgTotals(repos: readonly RepoTotalsInput[], index: ContributionIndex): OrgTotals {
  let stars = 0;
  let forks = 0;
  let openIssues = 0;
  let openPrs = 0;
  let partial = false;
  for (const r of repos) {
    stars += r.stars;
    forks += r.forks;
    if (r.openIssues === null || r.openPrs === null) partial = true;
    openIssues += r.openIssues ?? 0;
    openPrs += r.openPrs ?? 0;
  }
  let commits = 0;
  const logins = index.logins();
  for (const login of logins) {
    const s = index.series(login, 'commits');
    if (s) commits += s.prefix[s.prefix.length - 1]!;
  }
  return {
    repos: repos.length,
    stars,
    forks,
    openIssues,
    openPrs,
    contributors: logins.length,
    commits,
    partial,
  };
}
