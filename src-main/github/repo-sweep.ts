// One GraphQL query lists 100 of an org's repositories with what tells whether each has anything
// new since its cursor: its id (stable through renames and transfers), its default branch's head
// (a new commit moves it), and the newest `updatedAt` of its issues and of its pull requests (a
// new issue, PR or review moves those: a review updates its PR). A quiet org of 200 repositories
// costs two requests; only repositories whose markers moved are read. The first response's Date
// header is GitHub's time, which ends the crawl window, whatever the host's clock says.
import type { GitHubClient } from './octokit.js';
import { serverTimeMs } from './patient-requests.js';
import type { PageInfo } from './pull-request-query.js';

export const REPO_SWEEP_PAGE_SIZE = 100;

// Ordered by creation time, which never changes: a repository renamed or pushed to during the
// sweep keeps its place, so no page boundary can skip or repeat it.
export const REPO_SWEEP_QUERY = /* GraphQL */ `
  query GitGuildRepositorySweep($org: String!, $pageSize: Int!, $after: String) {
    rateLimit {
      cost
      remaining
      resetAt
    }
    organization(login: $org) {
      repositories(
        first: $pageSize
        after: $after
        orderBy: { field: CREATED_AT, direction: ASC }
      ) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          databaseId
          name
          nameWithOwner
          isArchived
          isFork
          isDisabled
          stargazerCount
          forkCount
          defaultBranchRef {
            name
            target {
              oid
            }
          }
          openIssues: issues(states: [OPEN]) {
            totalCount
          }
          openPullRequests: pullRequests(states: [OPEN]) {
            totalCount
          }
          latestIssue: issues(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) {
            nodes {
              updatedAt
            }
          }
          latestPullRequest: pullRequests(
            first: 1
            orderBy: { field: UPDATED_AT, direction: DESC }
          ) {
            nodes {
              updatedAt
            }
          }
        }
      }
    }
  }
`;

interface LatestPage {
  nodes: ({ updatedAt: string } | null)[] | null;
}

export interface SweepNode {
  databaseId: number | null;
  name: string;
  nameWithOwner: string;
  isArchived: boolean;
  isFork: boolean;
  isDisabled: boolean;
  stargazerCount: number;
  forkCount: number;
  defaultBranchRef: { name: string; target: { oid: string } | null } | null;
  openIssues: { totalCount: number };
  openPullRequests: { totalCount: number };
  latestIssue: LatestPage;
  latestPullRequest: LatestPage;
}

interface SweepPage {
  pageInfo: PageInfo;
  nodes: (SweepNode | null)[] | null;
}

export interface RepoSweepResponse {
  organization: { repositories: SweepPage } | null;
}

/** A repository as the sweep saw it. */
export interface SweptRepo {
  id: number;
  name: string;
  /** "owner/name" */
  fullName: string;
  archived: boolean;
  fork: boolean;
  /** Disabled by GitHub (access blocked, as for a DMCA takedown): nothing in it can be read. */
  disabled: boolean;
  defaultBranch: string | null;
  /** The default branch's head commit; null for an empty repository. */
  headOid: string | null;
  /** Newest `updatedAt` of its issues (not PRs), and of its pull requests; null when none. */
  issuesUpdatedAt: string | null;
  pullsUpdatedAt: string | null;
  stars: number;
  forks: number;
  openIssues: number;
  openPrs: number;
}

export interface Sweep {
  repos: SweptRepo[];
  /** GitHub's time when it answered the first page (ISO), from its Date header. */
  githubTime: string;
  /** False when GitHub sent no Date header and the host's clock stood in. */
  githubClock: boolean;
  requests: number;
}

function toSwept(node: SweepNode): SweptRepo | null {
  if (node.databaseId === null) return null;
  return {
    id: node.databaseId,
    name: node.name,
    fullName: node.nameWithOwner,
    archived: node.isArchived,
    fork: node.isFork,
    disabled: node.isDisabled,
    defaultBranch: node.defaultBranchRef?.name ?? null,
    headOid: node.defaultBranchRef?.target?.oid ?? null,
    issuesUpdatedAt: node.latestIssue.nodes?.[0]?.updatedAt ?? null,
    pullsUpdatedAt: node.latestPullRequest.nodes?.[0]?.updatedAt ?? null,
    stars: node.stargazerCount,
    forks: node.forkCount,
    openIssues: node.openIssues.totalCount,
    openPrs: node.openPullRequests.totalCount,
  };
}

/** The GraphQL endpoint for Octokit's base URL (GitHub Enterprise: /api/v3 → /api/graphql). */
function graphqlUrl(octokit: GitHubClient): string {
  const base = octokit.request.endpoint.DEFAULTS.baseUrl;
  return /\/api\/v3\/?$/.test(base) ? base.replace(/\/api\/v3\/?$/, '/api/graphql') : '/graphql';
}

/**
 * A GraphQL query through `octokit.request`, which, unlike `octokit.graphql`, returns the
 * response headers. Errors are thrown with GitHub's typed `errors`, as `octokit.graphql` would.
 */
async function queryWithHeaders<T>(
  octokit: GitHubClient,
  query: string,
  variables: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<{ data: T; headers: Record<string, string | undefined> }> {
  const response = await octokit.request(`POST ${graphqlUrl(octokit)}`, {
    query,
    variables,
    request: { signal },
  });
  const body = response.data as { data?: T; errors?: { type?: string; message: string }[] };
  const headers = response.headers as Record<string, string | undefined>;
  if (body.errors && body.errors.length > 0)
    throw Object.assign(new Error(body.errors.map((e) => e.message).join('; ')), {
      errors: body.errors,
      headers,
      data: body.data,
    });
  return { data: body.data as T, headers };
}

/** Lists every repository of `org` with its change markers, 100 per request. */
export async function sweepOrg(
  octokit: GitHubClient,
  org: string,
  signal?: AbortSignal,
): Promise<Sweep> {
  const byId = new Map<number, SweptRepo>();
  let githubTime: string | null = null;
  let githubClock = false;
  let requests = 0;
  for (let after: string | null = null; ;) {
    const reply: { data: RepoSweepResponse; headers: Record<string, string | undefined> } =
      await queryWithHeaders<RepoSweepResponse>(
        octokit,
        REPO_SWEEP_QUERY,
        { org, pageSize: REPO_SWEEP_PAGE_SIZE, after },
        signal,
      );
    const { data, headers } = reply;
    requests += 1;
    if (githubTime === null) {
      githubTime = new Date(serverTimeMs(headers)).toISOString();
      githubClock = headers.date !== undefined;
    }
    const page: SweepPage | undefined = data.organization?.repositories;
    if (!page)
      throw Object.assign(new Error(`GitHub returned no organization "${org}"`), {
        errors: [{ type: 'NOT_FOUND', message: `no organization ${org}` }],
      });
    for (const node of page.nodes ?? []) {
      const repo = node ? toSwept(node) : null;
      if (repo) byId.set(repo.id, repo);
    }
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return {
    repos: [...byId.values()],
    githubTime: githubTime ?? new Date().toISOString(),
    githubClock,
    requests,
  };
}
