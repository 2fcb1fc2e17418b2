import { describe, expect, it } from 'vitest';
import {
  contributorLogin,
  selectRepos,
  type SelectableRepo,
} from '../../../src-main/github/repo-selection.js';
import { DEFAULT_SETTINGS } from '../../../src-main/store/types.js';

function repo(name: string, extra: Partial<SelectableRepo> = {}): SelectableRepo {
  return { name, fullName: `org/${name}`, archived: false, fork: false, ...extra };
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

describe('the login a contribution is stored under', () => {
  it('adds REST\'s "[bot]" suffix to a bot, whether REST typed it or GraphQL named it', () => {
    expect(contributorLogin({ __typename: 'Bot', login: 'dependabot' })).toBe('dependabot[bot]');
    expect(contributorLogin({ login: 'some-app', type: 'Bot' })).toBe('some-app[bot]');
  });

  it('leaves a bot login that already carries the suffix alone', () => {
    expect(contributorLogin({ __typename: 'Bot', login: 'renovate[bot]' })).toBe('renovate[bot]');
    expect(contributorLogin({ login: 'renovate[bot]', type: 'Bot' })).toBe('renovate[bot]');
  });

  it('keeps people as they are, including logins that merely end in "bot"', () => {
    expect(contributorLogin({ __typename: 'User', login: 'robot' })).toBe('robot');
    expect(contributorLogin({ login: 'robotics-fan', type: 'User' })).toBe('robotics-fan');
  });

  it('has no login for a commit email linked to no account or a deleted user', () => {
    expect(contributorLogin(null)).toBeNull();
    expect(contributorLogin({})).toBeNull();
  });
});
