// What the role engine and the voice stats need from GitHub beyond the crawl: an org's members
// and the members of the teams mappings name (GET /orgs/{org}/members, /teams/{slug}/members),
// and repository facts for the stats channels (stars, forks, open issues and open PRs). Pages
// are requested with the ETag of the last copy, so an unchanged org costs only free 304s.
import { GitGuildError } from '../errors.js';
import { httpFailure } from '../github/crawl-errors.js';
import { createOctokit, type GitHubClient } from '../github/octokit.js';
import { listOrgRepos, RepoListCache } from '../github/repo-list.js';
import { selectRepos } from '../github/repo-selection.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';
import type { SettingsRepository } from '../store/repositories.js';

export interface OrgDirectory {
  members: string[];
  teams: Record<string, string[]>;
  missingTeams: Record<string, string>;
}

export interface OrgRepoFacts {
  repos: number;
  stars: number;
  forks: number;
  openIssues: number;
  openPrs: number;
}

interface Cached<T> {
  etag: string;
  value: T;
}

export class GitHubOrgReader {
  private readonly repoLists = new RepoListCache();
  /** `GET` path → last answer and its ETag, for conditional requests. */
  private readonly cache = new Map<string, Cached<unknown>>();

  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      secrets: SecretStore;
      logger: Logger;
      userAgent: string;
    },
  ) {}

  async directory(org: string, teams: readonly string[]): Promise<OrgDirectory> {
    const octokit = await this.octokit();
    const members = await this.allPages(octokit, `/orgs/${encodeURIComponent(org)}/members`);
    const found: Record<string, string[]> = {};
    const missingTeams: Record<string, string> = {};
    for (const slug of [...new Set(teams.map((t) => t.toLowerCase()))]) {
      try {
        found[slug] = await this.allPages(
          octokit,
          `/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}/members`,
        );
      } catch (error) {
        const status = httpFailure(error)?.status;
        if (status !== 404 && status !== 403) throw error;
        missingTeams[slug] =
          status === 404
            ? 'GitHub does not know this team, or the token may not see it'
            : 'the token may not read this team (it needs read:org)';
      }
    }
    return { members, teams: found, missingTeams };
  }

  async repoFacts(org: string): Promise<OrgRepoFacts> {
    const octokit = await this.octokit();
    const settings = this.deps.settings.get();
    const repos = selectRepos(
      (await listOrgRepos(octokit, org, this.repoLists)).repos,
      settings.crawl,
    );
    let openPrs = 0;
    let openIssuesAndPrs = 0;
    for (const repo of repos) {
      openIssuesAndPrs += repo.openIssuesAndPrs;
      // Nothing open at all means no open PRs either: skip the request.
      if (repo.openIssuesAndPrs > 0) openPrs += await this.openPullCount(octokit, repo.fullName);
    }
    return {
      repos: repos.length,
      stars: repos.reduce((n, r) => n + r.stars, 0),
      forks: repos.reduce((n, r) => n + r.forks, 0),
      openIssues: Math.max(0, openIssuesAndPrs - openPrs),
      openPrs,
    };
  }

  /** Open PRs of a repo from one request: with one item per page, the last page number is the count. */
  private async openPullCount(octokit: GitHubClient, fullName: string): Promise<number> {
    return this.conditional(octokit, `/repos/${fullName}/pulls?state=open&per_page=1`, (r) => {
      const last = /[?&]page=(\d+)>;\s*rel="last"/.exec(r.headers.link ?? '');
      return last ? Number(last[1]) : (r.data as unknown[]).length;
    });
  }

  private async allPages(octokit: GitHubClient, path: string): Promise<string[]> {
    const logins: string[] = [];
    for (let page = 1; ; page += 1) {
      const { items, hasNext } = await this.conditional(
        octokit,
        `${path}?per_page=100&page=${page}`,
        (r) => ({
          items: (r.data as { login: string }[]).map((u) => u.login),
          hasNext: /rel="next"/.test(r.headers.link ?? ''),
        }),
      );
      logins.push(...items);
      if (!hasNext) return logins;
    }
  }

  private async conditional<T>(
    octokit: GitHubClient,
    path: string,
    read: (response: { data: unknown; headers: { link?: string; etag?: string } }) => T,
  ): Promise<T> {
    const cached = this.cache.get(path) as Cached<T> | undefined;
    try {
      const response = await octokit.request(`GET ${path}`, {
        headers: cached ? { 'if-none-match': cached.etag } : {},
      });
      const value = read(response);
      if (response.headers.etag) this.cache.set(path, { etag: response.headers.etag, value });
      return value;
    } catch (error) {
      if (cached && httpFailure(error)?.status === 304) return cached.value;
      throw error;
    }
  }

  private async octokit(): Promise<GitHubClient> {
    const { secrets, settings, logger, userAgent } = this.deps;
    if (!secrets.status().available)
      throw new GitGuildError('keychain_unavailable', 'The GitHub token cannot be read.', {
        hint: secrets.status().problem ?? 'Check the keychain status in Settings.',
      });
    const token = await secrets.get('github.token');
    if (!token)
      throw new GitGuildError('unauthorized', 'No GitHub token is configured.', {
        hint: 'Set a GitHub token in Settings (or sign in with GitHub).',
      });
    return createOctokit({
      baseUrl: settings.get().githubApiBaseUrl,
      token,
      logger,
      userAgent,
    }).octokit;
  }
}
