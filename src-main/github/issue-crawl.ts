// A repository's issues (not pull requests: GraphQL keeps them apart, unlike REST's issue list)
// for one crawl window, 100 per request; each issue counts once, for its author, on the day it
// was opened.
import type { CrawlWindow, DailyCountAccumulator } from './crawl-window.js';
import type { GitHubClient } from './octokit.js';
import type { GraphqlActor, PageInfo } from './pull-request-query.js';
import { contributorLogin } from './repo-selection.js';
import { readWindowList, type ListOrder } from './window-list.js';

export const ISSUE_PAGE_SIZE = 100;

export const ISSUES_QUERY = /* GraphQL */ `
  query GitGuildIssues(
    $owner: String!
    $name: String!
    $pageSize: Int!
    $after: String
    $orderField: IssueOrderField!
    $direction: OrderDirection!
  ) {
    rateLimit {
      cost
      remaining
      resetAt
    }
    repository(owner: $owner, name: $name) {
      issues(
        first: $pageSize
        after: $after
        orderBy: { field: $orderField, direction: $direction }
      ) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          number
          createdAt
          updatedAt
          author {
            __typename
            login
          }
        }
      }
    }
  }
`;

export interface GraphqlIssue {
  number: number;
  createdAt: string;
  updatedAt: string;
  author: GraphqlActor | null;
}

export interface IssuesResponse {
  repository: {
    issues: { pageInfo: PageInfo; nodes: (GraphqlIssue | null)[] | null };
  } | null;
}

export interface IssueCrawlInput {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  window: CrawlWindow;
  counts: DailyCountAccumulator;
  signal?: AbortSignal;
}

/** Counts the issues opened inside the window; returns the GraphQL requests made. */
export async function crawlIssues(input: IssueCrawlInput): Promise<number> {
  const { octokit, owner, repo, window, counts, signal } = input;
  let requests = 0;
  const fetchPage = async (order: ListOrder, after: string | null) => {
    const data = await octokit.graphql<IssuesResponse>(ISSUES_QUERY, {
      owner,
      name: repo,
      pageSize: ISSUE_PAGE_SIZE,
      after,
      orderField: order.field,
      direction: order.direction,
      request: { signal },
    });
    requests += 1;
    const issues = data.repository?.issues;
    if (!issues) throw new Error(`GitHub returned no repository for ${owner}/${repo}`);
    return {
      nodes: (issues.nodes ?? []).filter((issue) => issue !== null),
      hasNextPage: issues.pageInfo.hasNextPage,
      endCursor: issues.pageInfo.endCursor,
    };
  };
  await readWindowList<GraphqlIssue>({
    window,
    fetchPage,
    visit: (issue) => {
      const login = contributorLogin(issue.author);
      if (login && window.contains(issue.createdAt))
        counts.add(`issue#${issue.number}`, login, 'issues', issue.createdAt);
    },
  });
  return requests;
}
