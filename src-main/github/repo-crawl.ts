// Reads one repository for a crawl as its plan says (repo-plan.ts) and turns what it finds into
// daily counts: issues and pull requests with their reviews through GraphQL, commits by comparing
// the default branch's head with the one counted last time (commit-crawl.ts). The result is what
// the store writes in one atomic step: the counts, which metrics they replace, and the new cursor.
import { METRICS, type DailyCount, type Metric, type RepoCursor } from '../store/types.js';
import { crawlCommits } from './commit-crawl.js';
import { CrawlWindow, DailyCountAccumulator } from './crawl-window.js';
import { crawlIssues } from './issue-crawl.js';
import type { GitHubClient } from './octokit.js';
import { crawlPullRequestsGraphql } from './pull-request-crawl.js';
import { crawlPullRequestsRest } from './pull-request-rest.js';
import type { RepoReadPlan } from './repo-plan.js';
import type { SweptRepo } from './repo-sweep.js';

export interface RepoCrawlInput {
  octokit: GitHubClient;
  repo: SweptRepo;
  plan: RepoReadPlan;
  /** The stored cursor; null when the plan is a full read. */
  cursor: RepoCursor | null;
  /** The crawl window's end: GitHub's time at the start of the crawl less the settle margin. */
  windowEnd: string;
  signal?: AbortSignal;
  /** 'graphql' (default): PRs and reviews in one query per 100 PRs. 'rest': the per-PR baseline. */
  pullRequestApi?: 'graphql' | 'rest';
}

export interface RepoCrawlOutput {
  /** Negative counts take back commits a force push removed. */
  increments: DailyCount[];
  /** Metrics whose stored counts the increments replace (a full read). */
  replace: Metric[];
  cursor: RepoCursor;
}

export async function crawlRepo(input: RepoCrawlInput): Promise<RepoCrawlOutput> {
  const { octokit, repo, plan, cursor, signal } = input;
  const [owner = '', name = ''] = repo.fullName.split('/');
  // The cursor never moves back, even if GitHub's clock or the settle margin did.
  const from = plan.full || cursor === null ? null : cursor.through;
  const end =
    from !== null && Date.parse(from) > Date.parse(input.windowEnd) ? from : input.windowEnd;
  const window = new CrawlWindow(from, end);
  const counts = new DailyCountAccumulator(repo.fullName);
  const lists = { octokit, owner, repo: name, window, counts, signal };

  if (plan.issues !== 'skip') await crawlIssues(lists);
  if (plan.pulls !== 'skip') {
    if (input.pullRequestApi === 'rest') await crawlPullRequestsRest(lists);
    else await crawlPullRequestsGraphql(lists);
  }
  const commits =
    plan.commits === 'skip'
      ? { replace: false }
      : await crawlCommits({
          octokit,
          owner,
          repo: name,
          previousHead: plan.full ? null : (cursor?.headOid ?? null),
          head: repo.headOid,
          counts,
          signal,
        });
  const replace: Metric[] = plan.full ? [...METRICS] : commits.replace ? ['commits'] : [];
  return {
    increments: counts.toDailyCounts(),
    replace,
    cursor: { through: end, headOid: repo.headOid },
  };
}
