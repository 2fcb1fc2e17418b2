// Which repositories and which logins a crawl counts: archived repos, forks and bots are left
// out by default; include/exclude lists accept exact names or `*` wildcards ("docs-*").
import type { Settings } from '../store/types.js';

export type CrawlSettings = Settings['crawl'];

export interface RepoListing {
  name: string;
  fullName: string;
  archived: boolean;
  fork: boolean;
  defaultBranch: string;
  pushedAt: string | null;
  updatedAt: string | null;
  stars: number;
  forks: number;
  /** GitHub's `open_issues_count`, which counts open pull requests too. */
  openIssuesAndPrs: number;
  size: number;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Matches a pattern against the short name or the full "owner/name". */
function matchesAny(repo: RepoListing, patterns: RegExp[]): boolean {
  return patterns.some((p) => p.test(repo.name) || p.test(repo.fullName));
}

export function selectRepos(repos: RepoListing[], settings: CrawlSettings): RepoListing[] {
  const include = settings.repoInclude.map(wildcard);
  const exclude = settings.repoExclude.map(wildcard);
  return repos.filter((repo) => {
    if (include.length > 0 && !matchesAny(repo, include)) return false;
    if (matchesAny(repo, exclude)) return false;
    if (repo.archived && !settings.includeArchived) return false;
    if (repo.fork && !settings.includeForks) return false;
    return true;
  });
}

/** GitHub Apps act as `name[bot]` users of type "Bot". */
export function isBot(user: { login: string; type?: string | null }): boolean {
  return user.type === 'Bot' || user.login.toLowerCase().endsWith('[bot]');
}
