// The GraphQL queries for pull requests, and the response types they produce. One request reads
// 100 pull requests (oldest first for a full read, newest update first for an incremental one)
// with their first 100 reviews each: what REST needs a PR-list page plus 100 review-list requests
// for. A fidelity test validates every query the crawler sends against GitHub's published schema.

/** Pull requests per page, and reviews per pull request in the same page (GitHub's maximum). */
export const PULL_REQUEST_PAGE_SIZE = 100;

const ACTOR = 'author { __typename login }';
// `id`: the review's identity, so a review read twice in one crawl is counted once.
const REVIEW_PAGE = `pageInfo { hasNextPage endCursor } nodes { id ${ACTOR} submittedAt }`;

export const PULL_REQUESTS_QUERY = /* GraphQL */ `
  query GitGuildPullRequests(
    $owner: String!
    $name: String!
    $pageSize: Int!
    $after: String
    $orderField: IssueOrderField!
    $direction: OrderDirection!
  ) {
    rateLimit { cost remaining resetAt }
    repository(owner: $owner, name: $name) {
      pullRequests(first: $pageSize, after: $after, orderBy: { field: $orderField, direction: $direction }) {
        pageInfo { hasNextPage endCursor }
        nodes {
          number
          createdAt
          updatedAt
          mergedAt
          ${ACTOR}
          reviews(first: $pageSize) { ${REVIEW_PAGE} }
        }
      }
    }
  }
`;

/** The rest of one pull request's reviews, for the rare PR with more than a page of them. */
export const PULL_REQUEST_REVIEWS_QUERY = /* GraphQL */ `
  query GitGuildPullRequestReviews($owner: String!, $name: String!, $number: Int!, $pageSize: Int!, $after: String) {
    rateLimit { cost remaining resetAt }
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        reviews(first: $pageSize, after: $after) { ${REVIEW_PAGE} }
      }
    }
  }
`;

export interface GraphqlActor {
  __typename: string;
  login: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface GraphqlReview {
  /** GraphQL node ID (GitHub's `ID!`). */
  id: string;
  author: GraphqlActor | null;
  submittedAt: string | null;
}

export interface ReviewPage {
  pageInfo: PageInfo;
  nodes: (GraphqlReview | null)[] | null;
}

export interface GraphqlPullRequest {
  number: number;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  author: GraphqlActor | null;
  reviews: ReviewPage | null;
}

interface RateLimitFacts {
  cost: number;
  remaining: number;
  resetAt: string;
}

export interface PullRequestsResponse {
  rateLimit: RateLimitFacts | null;
  repository: {
    pullRequests: { pageInfo: PageInfo; nodes: (GraphqlPullRequest | null)[] | null };
  } | null;
}

export interface PullRequestReviewsResponse {
  rateLimit: RateLimitFacts | null;
  repository: { pullRequest: { reviews: ReviewPage | null } | null } | null;
}
