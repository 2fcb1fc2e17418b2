// Pull requests and their reviews for one repository through GitHub's GraphQL API: 100 PRs per
// request with their first 100 reviews each, read for the crawl window like the issues
// (window-list.ts). A PR with more than 100 reviews gets its remaining reviews paged by a second,
// per-PR query. Each PR and review is counted once per crawl, for its author.
import type { CrawlWindow, DailyCountAccumulator } from './crawl-window.js';
import type { GitHubClient } from './octokit.js';
import {
  PULL_REQUEST_PAGE_SIZE,
  PULL_REQUEST_REVIEWS_QUERY,
  PULL_REQUESTS_QUERY,
  type GraphqlPullRequest,
  type PullRequestReviewsResponse,
  type PullRequestsResponse,
  type ReviewPage,
} from './pull-request-query.js';
import { contributorLogin } from './repo-selection.js';
import { readWindowList, type ListOrder } from './window-list.js';

export interface PullRequestCrawlInput {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  window: CrawlWindow;
  counts: DailyCountAccumulator;
  signal?: AbortSignal;
}

/** Counts PRs opened and merged and reviews submitted in the window; returns the requests made. */
export async function crawlPullRequestsGraphql(input: PullRequestCrawlInput): Promise<number> {
  const { octokit, owner, repo, window, counts, signal } = input;
  const countReviews = (page: ReviewPage | null): void => {
    for (const review of page?.nodes ?? []) {
      if (!review?.submittedAt || !window.contains(review.submittedAt)) continue;
      const login = contributorLogin(review.author);
      if (login) counts.add(`review:${review.id}`, login, 'reviews', review.submittedAt);
    }
  };

  let requests = 0;
  // By PR number: a PR read twice (the re-read of the head) gets its later reviews paged once.
  const moreReviews = new Map<number, string | null>();
  const fetchPage = async (order: ListOrder, after: string | null) => {
    const data = await octokit.graphql<PullRequestsResponse>(PULL_REQUESTS_QUERY, {
      owner,
      name: repo,
      pageSize: PULL_REQUEST_PAGE_SIZE,
      after,
      orderField: order.field,
      direction: order.direction,
      request: { signal },
    });
    requests += 1;
    const pulls = data.repository?.pullRequests;
    if (!pulls) throw new Error(`GitHub returned no repository for ${owner}/${repo}`);
    return {
      nodes: (pulls.nodes ?? []).filter((pr) => pr !== null),
      hasNextPage: pulls.pageInfo.hasNextPage,
      endCursor: pulls.pageInfo.endCursor,
    };
  };
  await readWindowList<GraphqlPullRequest>({
    window,
    fetchPage,
    visit: (pr) => {
      const author = contributorLogin(pr.author);
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
  return requests;
}
