// Reads one repository's events inside a crawl window and turns them into daily counts:
// PRs opened and merged, issues opened, commits on the default branch, reviews submitted.
// Issues and commits come from REST; pull requests with their reviews from GraphQL (100 PRs and
// their reviews per request, see pull-request-crawl.ts), or from REST as the measured baseline
// (a PR-list page per 100 PRs plus one review-list request per PR).
//
// Commits: GitHub's `since`/`until` filter by COMMITTER date, while contributions are dated by
// AUTHOR date. We select commits whose committer date is in the window (so each commit belongs
// to exactly one window) and attribute them to the UTC day of their author date. Known gap: a
// fast-forward that lands commits committed before the previous crawl is not seen by `since`.
import type { RestEndpointMethodTypes } from '@octokit/rest';
import type { DailyCount } from '../store/types.js';
import { httpFailure } from './crawl-errors.js';
import type { CrawlWindow } from './crawl-window.js';
import { DailyCountAccumulator } from './crawl-window.js';
import type { GitHubClient } from './octokit.js';
import { crawlPullRequestsGraphql } from './pull-request-crawl.js';
import { readMovingList } from './moving-list.js';
import { isBot, type RepoListing } from './repo-selection.js';

type IssueListItem = RestEndpointMethodTypes['issues']['listForRepo']['response']['data'][number];

interface Actor {
  login: string;
  type?: string | null;
}

export interface RepoCrawlInput {
  octokit: GitHubClient;
  owner: string;
  repo: RepoListing;
  window: CrawlWindow;
  includeBots: boolean;
  signal?: AbortSignal;
  /** 'graphql' (default): PRs and reviews in one query per 100 PRs. 'rest': the per-PR baseline. */
  pullRequestApi?: 'graphql' | 'rest';
  /** REST review lists fetched at once for one repository ('rest' only). */
  reviewConcurrency?: number;
}

export interface RepoCrawlOutput {
  increments: DailyCount[];
  /** The default branch has no commits (GitHub answered 409). */
  empty: boolean;
  /** Open pull requests right now. */
  openPrs: number;
  /** ETag of the first page of the issues list, for {@link issuesUnchanged}. */
  issuesEtag: string | undefined;
}

/** One builder for both the crawl and the probe: the ETag depends on the exact URL, query order included. */
function issuesListParams(owner: string, repo: string) {
  return { owner, repo, state: 'all', sort: 'updated', direction: 'desc', per_page: 100 } as const;
}

/**
 * A conditional request for the first page of the issues list (issues and PRs, newest update
 * first). New issues, comments and reviews do not move a repo's `pushed_at`, but they do change
 * this page; a 304 (free on GitHub's rate limit) proves nothing changed since the ETag was taken.
 */
export async function issuesUnchanged(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  etag: string,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    await octokit.rest.issues.listForRepo({
      ...issuesListParams(owner, repo),
      headers: { 'if-none-match': etag },
      request: { signal },
    });
    return false;
  } catch (error) {
    if (httpFailure(error)?.status === 304) return true;
    throw error;
  }
}

export async function crawlRepo(input: RepoCrawlInput): Promise<RepoCrawlOutput> {
  const { octokit, owner, repo, window, signal } = input;
  const counts = new DailyCountAccumulator(repo.fullName);
  // Commit authors can be null or `{}` when the email matches no GitHub account: not countable.
  const counted = (
    actor: { login?: string; type?: string | null } | null | undefined,
  ): actor is Actor =>
    !!actor?.login && (input.includeBots || !isBot({ login: actor.login, type: actor.type }));
  const base = { owner, repo: repo.name, per_page: 100, request: { signal } } as const;

  // Issues first: a REST error here (451, 404) names the repo's problem with its real status.
  // This endpoint also returns PRs, marked by `pull_request`, newest update first; items updated
  // while we page are caught by a re-read of the head (moving-list.ts). The first page's ETag is
  // kept: a later 304 on that exact URL proves no issue or PR changed.
  let issuesEtag: string | undefined;
  await readMovingList<IssueListItem>({
    readPages: async (onPage) => {
      await octokit.paginate(
        octokit.rest.issues.listForRepo,
        { ...issuesListParams(owner, repo.name), request: { signal } },
        (response, done) => {
          issuesEtag ??= response.headers.etag;
          if (!onPage(response.data)) done();
          return [];
        },
      );
    },
    updatedAt: (issue) => issue.updated_at,
    mayHoldEvents: (updatedAt) => window.mayHoldEvents(updatedAt),
    visit: (issue) => {
      if (issue.pull_request || !counted(issue.user)) return;
      if (window.contains(issue.created_at))
        counts.add(`issue#${issue.number}`, issue.user.login, 'issues', issue.created_at);
    },
  });

  // Commits on the default branch, selected by committer date (see the header comment).
  let empty = false;
  await octokit.paginate(
    octokit.rest.repos.listCommits,
    {
      ...base,
      sha: repo.defaultBranch,
      until: window.to,
      ...(window.from ? { since: window.from } : {}),
    },
    (response) => {
      // Octokit's paginator turns a 409 (empty repository) into a header-less empty page.
      if (response.data.length === 0 && Object.keys(response.headers).length === 0) empty = true;
      for (const commit of response.data) {
        const committedAt = commit.commit.committer?.date;
        if (!window.contains(committedAt) || !counted(commit.author)) continue;
        counts.add(
          `commit:${commit.sha}`,
          commit.author.login,
          'commits',
          commit.commit.author?.date ?? committedAt!,
        );
      }
      return [];
    },
  );

  const openPrs =
    input.pullRequestApi === 'rest'
      ? await crawlPullRequestsRest(input, counts, counted)
      : (
          await crawlPullRequestsGraphql({
            octokit,
            owner,
            repo: repo.name,
            window,
            counts,
            signal,
            countable: (actor) => (counted(actor) ? actor.login : null),
          })
        ).openPrs;
  return { increments: counts.toDailyCounts(), empty, openPrs, issuesEtag };
}

/** The REST baseline: the PR list back to the cursor, then every touched PR's review list. Returns the open PR count. */
async function crawlPullRequestsRest(
  input: RepoCrawlInput,
  counts: DailyCountAccumulator,
  counted: (actor: { login?: string; type?: string | null } | null | undefined) => actor is Actor,
): Promise<number> {
  const { octokit, owner, repo, window, signal } = input;
  const base = { owner, repo: repo.name, per_page: 100, request: { signal } } as const;
  // Pull requests, newest update first; stop paginating once a page reaches the cursor. This
  // baseline keeps the single pass (no re-read of the head, unlike the issue list and the GraphQL
  // pass): a PR updated while we page can be missed here. A PR read twice at a page boundary is
  // counted once (event identities) and its reviews are listed once (a set of numbers).
  const touchedPrs = new Set<number>();
  await octokit.paginate(
    octokit.rest.pulls.list,
    { ...base, state: 'all', sort: 'updated', direction: 'desc' },
    (response, done) => {
      for (const pr of response.data) {
        if (!window.mayHoldEvents(pr.updated_at)) {
          done();
          break;
        }
        touchedPrs.add(pr.number);
        if (!counted(pr.user)) continue;
        if (window.contains(pr.created_at))
          counts.add(`pr#${pr.number}`, pr.user.login, 'prs_opened', pr.created_at);
        if (pr.merged_at && window.contains(pr.merged_at))
          counts.add(`pr#${pr.number}`, pr.user.login, 'prs_merged', pr.merged_at);
      }
      return [];
    },
  );

  // Reviews of every PR updated inside the window (a submitted review updates its PR).
  const queue = [...touchedPrs];
  const worker = async (): Promise<void> => {
    for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
      await octokit.paginate(
        octokit.rest.pulls.listReviews,
        { ...base, pull_number: n },
        (response) => {
          for (const review of response.data) {
            if (
              !review.submitted_at ||
              !window.contains(review.submitted_at) ||
              !counted(review.user)
            )
              continue;
            counts.add(`review:${review.id}`, review.user.login, 'reviews', review.submitted_at);
          }
          return [];
        },
      );
    }
  };
  await Promise.all(Array.from({ length: input.reviewConcurrency ?? 4 }, worker));
  return countOpenPrs(octokit, owner, repo.name, signal);
}

/** One request: with per_page=1 the `last` page number in the Link header is the count. */
async function countOpenPrs(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  signal?: AbortSignal,
): Promise<number> {
  const response = await octokit.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    per_page: 1,
    request: { signal },
  });
  const last = /[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(response.headers.link ?? '');
  return last ? Number(last[1]) : response.data.length;
}
