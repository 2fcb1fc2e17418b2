// Pull requests and their reviews for one repository through GitHub's GraphQL API: 100 PRs per
// request with their first 100 reviews each, newest update first, stopping at the crawl window
// like the REST PR list, then re-reading the head for PRs updated meanwhile. A PR with more than
// 100 reviews gets its remaining reviews paged by a second, per-PR query. Counting follows the
// same half-open window as everything else; each PR and review is counted once per crawl.
import type { CrawlWindow, DailyCountAccumulator } from './crawl-window.js';
import { readMovingList } from './moving-list.js';
import type { GitHubClient } from './octokit.js';
import {
  PULL_REQUEST_PAGE_SIZE,
  PULL_REQUEST_REVIEWS_QUERY,
  PULL_REQUESTS_QUERY,
  restLogin,
  type GraphqlActor,
  type GraphqlPullRequest,
  type PullRequestReviewsResponse,
  type PullRequestsResponse,
  type ReviewPage,
} from './pull-request-query.js';

export interface PullRequestCrawlInput {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  window: CrawlWindow;
  counts: DailyCountAccumulator;
  /** The login to count for an actor (REST's spelling), or null when it is not counted (bots, ghosts). */
  countable: (actor: { login: string; type: string } | null) => string | null;
  signal?: AbortSignal;
}

export interface PullRequestCrawlOutput {
  /** Open pull requests right now. */
  openPrs: number;
  /** GraphQL requests made. */
  requests: number;
}

export async function crawlPullRequestsGraphql(
  input: PullRequestCrawlInput,
): Promise<PullRequestCrawlOutput> {
  const { octokit, owner, repo, window, counts, signal } = input;
  const who = (actor: GraphqlActor | null): string | null =>
    input.countable(actor ? restLogin(actor) : null);
  const countReviews = (page: ReviewPage | null): void => {
    for (const review of page?.nodes ?? []) {
      if (!review?.submittedAt || !window.contains(review.submittedAt)) continue;
      const login = who(review.author);
      if (login) counts.add(`review:${review.id}`, login, 'reviews', review.submittedAt);
    }
  };

  let requests = 0;
  let openPrs: number | null = null;
  // By PR number: a PR read twice (the re-read of the head) gets its later reviews paged once.
  const moreReviews = new Map<number, string | null>();
  // A PR updated while we page jumps to the head, which this pass has already read: re-read the
  // head down to the first page's newest update (moving-list.ts). GitHub's cursors are keyset
  // cursors, so nothing shifts down as on REST, but the re-read itself overlaps the first page.
  await readMovingList<GraphqlPullRequest>({
    readPages: async (onPage) => {
      for (let after: string | null = null; ;) {
        const data: PullRequestsResponse = await octokit.graphql<PullRequestsResponse>(
          PULL_REQUESTS_QUERY,
          { owner, name: repo, pageSize: PULL_REQUEST_PAGE_SIZE, after, request: { signal } },
        );
        requests += 1;
        const repository = data.repository;
        if (!repository) throw new Error(`GitHub returned no repository for ${owner}/${repo}`);
        openPrs ??= repository.openPullRequests.totalCount;
        const nodes = (repository.pullRequests.nodes ?? []).filter((pr) => pr !== null);
        const { hasNextPage, endCursor } = repository.pullRequests.pageInfo;
        if (!onPage(nodes) || !hasNextPage) return;
        after = endCursor;
      }
    },
    updatedAt: (pr) => pr.updatedAt,
    mayHoldEvents: (updatedAt) => window.mayHoldEvents(updatedAt),
    visit: (pr) => {
      const author = who(pr.author);
      if (author && window.contains(pr.createdAt))
        counts.add(`pr#${pr.number}`, author, 'prs_opened', pr.createdAt);
      if (author && pr.mergedAt && window.contains(pr.mergedAt))
        counts.add(`pr#${pr.number}`, author, 'prs_merged', pr.mergedAt);
      countReviews(pr.reviews);
      if (pr.reviews?.pageInfo.hasNextPage)
        moreReviews.set(pr.number, pr.reviews.pageInfo.endCursor);
    },
  });

  for (const [number, after] of moreReviews) {
    for (let cursor = after; ;) {
      const data: PullRequestReviewsResponse = await octokit.graphql<PullRequestReviewsResponse>(
        PULL_REQUEST_REVIEWS_QUERY,
        {
          owner,
          name: repo,
          number,
          pageSize: PULL_REQUEST_PAGE_SIZE,
          after: cursor,
          request: { signal },
        },
      );
      requests += 1;
      const reviews = data.repository?.pullRequest?.reviews ?? null;
      countReviews(reviews);
      if (!reviews?.pageInfo.hasNextPage) break;
      cursor = reviews.pageInfo.endCursor;
    }
  }
  return { openPrs: openPrs ?? 0, requests };
}
