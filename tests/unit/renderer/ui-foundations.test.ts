import { describe, expect, it } from 'vitest';
import { hashOf, isBareHash, routeFromHash } from '../../../src-renderer/app/routes';
import { parseThemePreference, resolveTheme } from '../../../src-renderer/app/theme';
import {
  nextSort,
  searchEntries,
  sortEntries,
  type LeaderboardEntry,
} from '../../../src-renderer/pages/stats/leaderboard-view';
import {
  needsSetup,
  resumeStep,
  stepStates,
  type SetupFacts,
} from '../../../src-renderer/pages/setup/setup-steps';

describe('routes', () => {
  it('reads pages, a guild and a mapping from the fragment, and falls back to Stats', () => {
    expect(routeFromHash('#/settings')).toEqual({ page: 'settings' });
    expect(routeFromHash('#/guilds/123')).toEqual({ page: 'guild', guildId: '123' });
    expect(routeFromHash('#/guilds/123/mappings/new')).toEqual({
      page: 'mapping',
      guildId: '123',
      mappingId: 'new',
    });
    expect(routeFromHash('#/guilds/abc')).toEqual({ page: 'stats' });
    expect(routeFromHash('#/guild')).toEqual({ page: 'stats' });
    expect(routeFromHash('#/nonsense')).toEqual({ page: 'stats' });
    expect(hashOf({ page: 'mapping', guildId: '1', mappingId: 'm-1' })).toBe(
      '#/guilds/1/mappings/m-1',
    );
    expect(isBareHash('')).toBe(true);
    expect(isBareHash('#token=abc')).toBe(true);
    expect(isBareHash('#/stats')).toBe(false);
  });
});

describe('theme', () => {
  it('follows the system until a theme is chosen, and ignores unknown stored values', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(parseThemePreference('dark')).toBe('dark');
    expect(parseThemePreference('purple')).toBe('system');
    expect(parseThemePreference(null)).toBe('system');
  });
});

const entry = (login: string, rank: number, count: number, streak = 0): LeaderboardEntry => ({
  login,
  rank,
  count,
  dailyAverage: count / 30,
  currentStreak: streak,
  longestStreak: streak,
});

describe('leaderboard sorting and search', () => {
  const entries = [entry('ada', 1, 9, 1), entry('Bob', 2, 5, 4), entry('cyd', 2, 5, 2)];

  it('sorts by any column, flips on the second press, and keeps ties in rank then login order', () => {
    const byCount = nextSort({ key: 'rank', direction: 'ascending' }, 'count');
    expect(byCount).toEqual({ key: 'count', direction: 'descending' });
    expect(sortEntries(entries, byCount).map((e) => e.login)).toEqual(['ada', 'Bob', 'cyd']);
    const flipped = nextSort(byCount, 'count');
    expect(sortEntries(entries, flipped).map((e) => e.login)).toEqual(['Bob', 'cyd', 'ada']);
    const streak = nextSort(flipped, 'currentStreak');
    expect(sortEntries(entries, streak).map((e) => e.login)).toEqual(['Bob', 'cyd', 'ada']);
  });

  it('searches logins case-insensitively and keeps the org-wide ranks', () => {
    expect(searchEntries(entries, ' BO ')).toEqual([entries[1]]);
    expect(searchEntries(entries, '')).toBe(entries);
  });
});

function facts(over: Partial<SetupFacts> = {}): SetupFacts {
  return {
    secrets: {
      keychain: { available: true, backend: 'memory' },
      writable: true,
      present: {
        'discord.botToken': false,
        'discord.clientSecret': false,
        'github.token': false,
        'github.clientSecret': false,
        'admin.discordRefreshToken': false,
        'admin.githubRefreshToken': false,
        'headless.apiToken': true,
      } as SetupFacts['secrets']['present'],
    },
    settings: {
      githubOrgs: [],
      setupWizard: { step: null, dismissedAt: null },
    } as unknown as SetupFacts['settings'],
    crawl: { running: null, orgs: [], lastError: null },
    bot: { state: 'not_configured', guilds: 0 },
    auth: null,
    ...over,
  };
}

describe('setup steps', () => {
  it('opens on a first run at the first step not done, and not once dismissed', () => {
    const fresh = facts();
    expect(needsSetup(fresh)).toBe(true);
    expect(resumeStep(fresh, stepStates(fresh))).toBe('bot');
    const dismissed = facts({
      settings: {
        githubOrgs: [],
        setupWizard: { step: null, dismissedAt: '2026-01-01T00:00:00.000Z' },
      } as unknown as SetupFacts['settings'],
    });
    expect(needsSetup(dismissed)).toBe(false);
  });

  it('resumes at the stored step and reads each step from the live state', () => {
    const f = facts({
      settings: {
        githubOrgs: ['acme'],
        setupWizard: { step: 'github', dismissedAt: null },
      } as unknown as SetupFacts['settings'],
      bot: { state: 'error', guilds: 0, detail: 'Discord refused the token.' },
      crawl: { running: null, orgs: [], lastError: 'GitHub rejected the token (401).' },
    });
    f.secrets.present['discord.botToken'] = true;
    f.secrets.present['github.token'] = true;
    const states = stepStates(f);
    expect(resumeStep(f, states)).toBe('github');
    const byId = Object.fromEntries(states.map((s) => [s.id, s]));
    expect(byId['bot']).toMatchObject({
      status: 'attention',
      summary: 'Discord refused the token.',
    });
    expect(byId['github']!.status).toBe('attention');
    expect(byId['org']!.status).toBe('done');
    expect(byId['crawl']).toMatchObject({ status: 'attention' });
    expect(byId['crawl']!.fix).toContain('GitHub token');
    expect(byId['invite']!.status).toBe('todo');
    expect(byId['discord-oauth']!.status).toBe('optional');
  });

  it('invite: done once the online bot is in a server; Discord sign-in done when signed in', () => {
    const online = facts({ bot: { state: 'ready', guilds: 0 } });
    const byId = (f: SetupFacts) => Object.fromEntries(stepStates(f).map((s) => [s.id, s]));
    expect(byId(online)['invite']).toMatchObject({ status: 'todo' });
    expect(byId(online)['invite']!.fix).toContain('invite link');
    const inServer = facts({ bot: { state: 'ready', guilds: 2 } });
    expect(byId(inServer)['invite']).toMatchObject({ status: 'done' });
    expect(byId(inServer)['invite']!.summary).toContain('2 servers');
    const signedIn = facts({
      auth: {
        discord: {
          signedIn: true,
          configured: true,
          user: { id: '1', username: 'ada', globalName: 'Ada' },
        },
      } as unknown as SetupFacts['auth'],
    });
    expect(byId(signedIn)['discord-oauth']).toMatchObject({
      status: 'done',
      summary: 'Signed in with Discord as Ada.',
    });
    expect(
      stepStates(facts())
        .filter((s) => s.status === 'optional')
        .map((s) => s.id),
    ).toEqual(['discord-oauth']);
  });
});
