import { describe, expect, it } from 'vitest';
import { isBot, selectRepos, type RepoListing } from '../../../src-main/github/repo-selection.js';
import { DEFAULT_SETTINGS } from '../../../src-main/store/types.js';

function repo(name: string, extra: Partial<RepoListing> = {}): RepoListing {
  return {
    name,
    fullName: `org/${name}`,
    archived: false,
    fork: false,
    defaultBranch: 'main',
    pushedAt: null,
    updatedAt: null,
    stars: 0,
    forks: 0,
    openIssuesAndPrs: 0,
    size: 1,
    ...extra,
  };
}

const repos = [
  repo('core'),
  repo('docs-site'),
  repo('old', { archived: true }),
  repo('patched', { fork: true }),
];

describe('repo selection', () => {
  it('leaves archived repos and forks out by default', () => {
    expect(selectRepos(repos, DEFAULT_SETTINGS.crawl).map((r) => r.name)).toEqual([
      'core',
      'docs-site',
    ]);
  });

  it('includes archived repos and forks when the settings say so', () => {
    const settings = { ...DEFAULT_SETTINGS.crawl, includeArchived: true, includeForks: true };
    expect(selectRepos(repos, settings)).toHaveLength(4);
  });

  it('applies include and exclude lists with wildcards on short or full names', () => {
    expect(
      selectRepos(repos, { ...DEFAULT_SETTINGS.crawl, repoInclude: ['docs-*'] }).map((r) => r.name),
    ).toEqual(['docs-site']);
    expect(
      selectRepos(repos, { ...DEFAULT_SETTINGS.crawl, repoExclude: ['org/core'] }).map(
        (r) => r.name,
      ),
    ).toEqual(['docs-site']);
  });
});

describe('bot detection', () => {
  it('recognises [bot] logins and Bot-typed users, and not ordinary people', () => {
    expect(isBot({ login: 'dependabot[bot]' })).toBe(true);
    expect(isBot({ login: 'some-app', type: 'Bot' })).toBe(true);
    expect(isBot({ login: 'robotics-fan', type: 'User' })).toBe(false);
  });
});
