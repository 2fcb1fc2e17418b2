// Lists an org's repositories over REST with their facts (stars, forks, open issues), for the
// voice stats channels; the crawl itself finds repositories with the GraphQL sweep
// (repo-sweep.ts). 100 per page, with conditional requests: each page is sent with
// the ETag of the last copy we hold, and a 304 (free on GitHub's rate limit) reuses that copy.
// The copies live in memory for the life of the host; after a restart the first list is a
// plain one.
import { httpFailure } from './crawl-errors.js';
import type { GitHubClient } from './octokit.js';
import type { SelectableRepo } from './repo-selection.js';

export interface RepoListing extends SelectableRepo {
  defaultBranch: string;
  pushedAt: string | null;
  updatedAt: string | null;
  stars: number;
  forks: number;
  /** GitHub's `open_issues_count`, which counts open pull requests too. */
  openIssuesAndPrs: number;
  size: number;
}

interface CachedPage {
  etag: string;
  repos: RepoListing[];
  hasNext: boolean;
}

export class RepoListCache {
  private readonly pages = new Map<string, CachedPage>();
  get(org: string, page: number): CachedPage | undefined {
    return this.pages.get(`${org.toLowerCase()}#${page}`);
  }
  set(org: string, page: number, value: CachedPage): void {
    this.pages.set(`${org.toLowerCase()}#${page}`, value);
  }
}

interface RawRepo {
  name: string;
  full_name: string;
  archived?: boolean;
  fork: boolean;
  default_branch?: string;
  pushed_at?: string | null;
  updated_at?: string | null;
  stargazers_count?: number;
  forks_count?: number;
  open_issues_count?: number;
  size?: number;
}

function toListing(raw: RawRepo): RepoListing {
  return {
    name: raw.name,
    fullName: raw.full_name,
    archived: raw.archived ?? false,
    fork: raw.fork,
    defaultBranch: raw.default_branch ?? 'main',
    pushedAt: raw.pushed_at ?? null,
    updatedAt: raw.updated_at ?? null,
    stars: raw.stargazers_count ?? 0,
    forks: raw.forks_count ?? 0,
    openIssuesAndPrs: raw.open_issues_count ?? 0,
    size: raw.size ?? 0,
  };
}

export interface RepoListResult {
  repos: RepoListing[];
  pages: number;
  notModifiedPages: number;
}

export async function listOrgRepos(
  octokit: GitHubClient,
  org: string,
  cache: RepoListCache,
  signal?: AbortSignal,
): Promise<RepoListResult> {
  const repos: RepoListing[] = [];
  let notModifiedPages = 0;
  let page = 1;
  for (;;) {
    const cached = cache.get(org, page);
    let current: CachedPage;
    try {
      const response = await octokit.rest.repos.listForOrg({
        org,
        type: 'all',
        sort: 'full_name',
        per_page: 100,
        page,
        headers: cached ? { 'if-none-match': cached.etag } : {},
        request: { signal },
      });
      current = {
        etag: response.headers.etag ?? '',
        repos: response.data.map(toListing),
        hasNext: /rel="next"/.test(response.headers.link ?? ''),
      };
      if (current.etag) cache.set(org, page, current);
    } catch (error) {
      if (!(httpFailure(error)?.status === 304 && cached)) throw error;
      current = cached;
      notModifiedPages += 1;
    }
    repos.push(...current.repos);
    if (!current.hasNext) return { repos, pages: page, notModifiedPages };
    page += 1;
  }
}
