// Which repositories and which logins a crawl counts: archived repos, forks and bots are left
// out by default; include/exclude lists accept exact names or `*` wildcards ("docs-*").
import type { Settings } from '../store/types.js';

export type CrawlSettings = Settings['crawl'];

/** What selection looks at; a swept repository (repo-sweep.ts) has it. */
export interface SelectableRepo {
  name: string;
  /** "owner/name" */
  fullName: string;
  archived: boolean;
  fork: boolean;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Matches a pattern against the short name or the full "owner/name". */
function matchesAny(repo: SelectableRepo, patterns: RegExp[]): boolean {
  return patterns.some((p) => p.test(repo.name) || p.test(repo.fullName));
}

export function selectRepos<T extends SelectableRepo>(repos: T[], settings: CrawlSettings): T[] {
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

/**
 * The login a contribution is stored under, or null when there is none to count (a commit email
 * linked to no account, a deleted user). Bots are stored under REST's spelling, `name[bot]`, which
 * GraphQL drops (`dependabot`, `__typename: Bot`): the store tells bots apart by that suffix.
 */
export function contributorLogin(
  actor: { login?: string | null; type?: string | null; __typename?: string } | null | undefined,
): string | null {
  const login = actor?.login;
  if (!login) return null;
  const bot = actor.type === 'Bot' || actor.__typename === 'Bot';
  return bot && !login.endsWith('[bot]') ? `${login}[bot]` : login;
}
