// Pull requests and their reviews for one repository through GitHub's GraphQL API: 100 PRs per
// request with their first 100 reviews each, newest update first, stopping at the crawl window
// like the REST PR list. A PR with more than 100 reviews gets its remaining reviews paged by a
// second, per-PR query. Counting follows the same half-open window as everything else.
import type { CrawlWindow, DailyCountAccumulator } from './crawl-window.js';
import type { GitHubClient } from './octokit.js';
import {
  PULL_REQUEST_PAGE_SIZE,
  PULL_REQUEST_REVIEWS_QUERY,
  PULL_REQUESTS_QUERY,
  restLogin,
  type GraphqlActor,
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
      if (login) counts.add(login, 'reviews', review.submittedAt);
    }
  };

  let requests = 0;
  let openPrs = 0;
  const moreReviews: { number: number; after: string | null }[] = [];
  let after: string | null = null;
  for (let page = 0; ; page++) {
    const data: PullRequestsResponse = await octokit.graphql<PullRequestsResponse>(
      PULL_REQUESTS_QUERY,
      { owner, name: repo, pageSize: PULL_REQUEST_PAGE_SIZE, after, request: { signal } },
    );
    requests += 1;
    const repository = data.repository;
    if (!repository) throw new Error(`GitHub returned no repository for ${owner}/${repo}`);
    if (page === 0) openPrs = repository.openPullRequests.totalCount;
    let reachedCursor = false;
    for (const pr of repository.pullRequests.nodes ?? []) {
      if (!pr) continue;
      if (!window.mayHoldEvents(pr.updatedAt)) {
        reachedCursor = true;
        break;
      }
      const author = who(pr.author);
      if (author && window.contains(pr.createdAt)) counts.add(author, 'prs_opened', pr.createdAt);
      if (author && pr.mergedAt && window.contains(pr.mergedAt))
        counts.add(author, 'prs_merged', pr.mergedAt);
      countReviews(pr.reviews);
      if (pr.reviews?.pageInfo.hasNextPage)
        moreReviews.push({ number: pr.number, after: pr.reviews.pageInfo.endCursor });
    }
    const { hasNextPage, endCursor } = repository.pullRequests.pageInfo;
    if (reachedCursor || !hasNextPage) break;
    after = endCursor;
  }

  for (const pr of moreReviews) {
    for (let cursor = pr.after; ;) {
      const data: PullRequestReviewsResponse = await octokit.graphql<PullRequestReviewsResponse>(
        PULL_REQUEST_REVIEWS_QUERY,
        {
          owner,
          name: repo,
          number: pr.number,
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
  return { openPrs, requests };
}
