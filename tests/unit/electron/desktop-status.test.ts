import { describe, expect, it } from 'vitest';
import type { Health } from '../../../src-main/api/contract.js';
import {
  DesktopStatus,
  botConditionOf,
  scheduleTimes,
  schedulerConditionOf,
} from '../../../src-main/electron/desktop-status.js';
import { trayStateOf, trayTooltip } from '../../../src-main/electron/tray-state.js';
import type { SyncRun } from '../../../src-main/store/types.js';

const health: Health = {
  app: { name: 'GitGuild', version: '0.1.0' },
  versions: { node: '20.20.0', electron: '40.10.2', discordJs: '14.28.1' },
  mode: 'desktop',
  bot: { state: 'ready', guilds: 1 },
  scheduler: { state: 'idle', lastRunAt: null, nextRunAt: null },
  keychain: { available: true, backend: 'keytar' },
  store: { ok: true },
  uptimeSeconds: 1,
};

function status(grace = 60_000) {
  let now = 1_000_000;
  const s = new DesktopStatus({ now: () => now, botOfflineGraceMs: grace });
  s.onHealth(health);
  return { s, advance: (ms: number) => (now += ms) };
}

const GUILD = '4200000000000000042';
function run(patch: Partial<SyncRun> & Pick<SyncRun, 'id' | 'outcome'>): SyncRun {
  return {
    kind: 'sync',
    guildId: GUILD,
    trigger: 'schedule',
    actor: 'scheduler',
    dryRun: false,
    full: false,
    startedAt: '2026-03-10T14:00:00.000Z',
    finishedAt: '2026-03-10T14:00:20.000Z',
    durationMs: 20_000,
    counts: {
      membersChecked: 5,
      membersChanged: 0,
      membersFailed: 0,
      rolesAdded: 0,
      rolesRemoved: 0,
      writes: 0,
      reads: 0,
    },
    errors: [],
    problems: [],
    ...patch,
  };
}

const job = (
  patch: Partial<NonNullable<Health['scheduler']['jobs']>[number]> & { id: string },
): NonNullable<Health['scheduler']['jobs']>[number] => ({
  kind: 'guild-sync',
  label: 'Sync Acme',
  intervalMinutes: 15,
  nextRunAt: null,
  lastRunAt: null,
  lastError: null,
  running: false,
  failures: 0,
  ...patch,
});

describe('the desktop status', () => {
  it("reads every one of the host's bot states", () => {
    const states: Health['bot']['state'][] = [
      'ready',
      'connecting',
      'resuming',
      'disconnected',
      'error',
      'stopped',
      'not_configured',
    ];
    expect(states.map(botConditionOf)).toEqual([
      'online',
      'connecting',
      'connecting',
      'offline',
      'failed',
      'stopped',
      'not-configured',
    ]);
  });

  it("reads the scheduler's pause from health, whatever its run state", () => {
    const base = health.scheduler;
    expect(schedulerConditionOf(base)).toBe('idle');
    expect(schedulerConditionOf({ ...base, paused: true })).toBe('paused');
    expect(schedulerConditionOf({ ...base, state: 'running', paused: true })).toBe('running');
    expect(schedulerConditionOf({ ...base, state: 'stopped', paused: true })).toBe('stopped');
    expect(schedulerConditionOf({ ...base, state: 'error' })).toBe('idle');
    const { s } = status();
    s.onHealth({ ...health, scheduler: { ...base, state: 'running', paused: true } });
    expect(s.trayInput().scheduler).toMatchObject({ condition: 'running', paused: true });
  });

  it("takes the tooltip's times from the guild sync jobs, not token refresh or voice stats", () => {
    const scheduler: Health['scheduler'] = {
      state: 'idle',
      lastRunAt: '2026-03-10T14:20:00.000Z',
      nextRunAt: '2026-03-10T14:25:00.000Z',
      paused: false,
      jobs: [
        job({
          id: 'refresh',
          kind: 'token-refresh',
          label: 'OAuth token refresh',
          lastRunAt: '2026-03-10T14:20:00.000Z',
          nextRunAt: '2026-03-10T14:25:00.000Z',
        }),
        job({
          id: 'guild-sync:1',
          lastRunAt: '2026-03-10T14:00:00.000Z',
          nextRunAt: '2026-03-10T15:00:00.000Z',
        }),
        job({
          id: 'guild-sync:2',
          lastRunAt: '2026-03-10T13:50:00.000Z',
          nextRunAt: '2026-03-10T14:50:00.000Z',
        }),
      ],
    };
    expect(scheduleTimes(scheduler, null)).toEqual({
      subject: 'sync',
      lastRunAt: '2026-03-10T14:00:00.000Z',
      nextRunAt: '2026-03-10T14:50:00.000Z',
    });
    // A run from the tray or the UI is newer than the job's last timed run.
    expect(scheduleTimes(scheduler, '2026-03-10T14:10:00.000Z').lastRunAt).toBe(
      '2026-03-10T14:10:00.000Z',
    );
    // No guild synced yet: the crawl is what runs.
    const crawlOnly = {
      ...scheduler,
      jobs: [
        job({
          id: 'org-crawl:acme',
          kind: 'org-crawl',
          label: 'Crawl acme',
          nextRunAt: '2026-03-10T16:00:00.000Z',
        }),
      ],
    };
    const { s } = status();
    s.onHealth({ ...health, scheduler: crawlOnly });
    expect(
      trayTooltip(s.trayInput(), { now: new Date('2026-03-10T14:30:00.000Z'), timeZone: 'UTC' }),
    ).toBe('GitGuild: Running, bot online in 1 guild\nLast crawl 14:20, next 16:00');
  });

  it('is syncing from the first progress event until the crawl finishes', () => {
    const { s } = status();
    s.onEvent({ type: 'progress', job: 'crawl', done: 0, total: 4 });
    expect(s.trayInput().activity).toEqual({ job: 'crawl', done: 0, total: 4 });
    expect(trayStateOf(s.trayInput())).toBe('syncing');
    s.onEvent({ type: 'crawl-finished', summary: null, error: null });
    expect(trayStateOf(s.trayInput())).toBe('running');
  });

  it('holds a failed crawl as attention and a notice until a crawl succeeds', () => {
    const { s } = status();
    s.onEvent({ type: 'crawl-finished', summary: null, error: 'GitHub answered 502.' });
    expect(trayStateOf(s.trayInput())).toBe('attention');
    expect(s.notices()).toEqual([
      {
        key: 'failed:crawl',
        fingerprint: 'GitHub answered 502.',
        title: 'GitHub crawl failed',
        body: 'GitHub answered 502.',
        page: 'stats',
      },
    ]);
    s.onEvent({ type: 'crawl-finished', summary: null, error: null });
    expect(s.notices()).toEqual([]);
    expect(trayStateOf(s.trayInput())).toBe('running');
  });

  it('takes failed syncs and their hierarchy and permission problems from sync-finished', () => {
    const { s } = status();
    s.onEvent({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({
        id: 'r1',
        outcome: 'failed',
        errors: [{ memberId: null, message: 'Discord answered 500.' }],
        problems: [
          {
            code: 'role_above_bot',
            roleId: '7',
            message: 'Maintainer is above GitGuild.',
            fix: 'Move GitGuild up.',
          },
          {
            code: 'missing_manage_roles',
            message: 'GitGuild lacks Manage Roles.',
            fix: 'Grant it.',
          },
        ],
      }),
    });
    expect(s.notices().map((n) => [n.key, n.title, n.body, n.page])).toEqual([
      [
        'failed:sync:' + GUILD,
        'Sync of guild ' + GUILD + ' failed',
        'Discord answered 500.',
        'sync',
      ],
      [
        `problem:${GUILD}:role_above_bot:7`,
        'Role hierarchy problem',
        'Maintainer is above GitGuild. Move GitGuild up.',
        'guilds',
      ],
      [
        `problem:${GUILD}:missing_manage_roles:GitGuild lacks Manage Roles.`,
        'Missing Discord permission',
        'GitGuild lacks Manage Roles. Grant it.',
        'guilds',
      ],
    ]);
    expect(s.trayInput().attention.map((a) => a.summary)).toEqual([
      `Sync of guild ${GUILD} failed`,
      '2 guild problems',
    ]);
    // The next run of that guild replaces its list.
    s.onEvent({ type: 'sync-finished', guildId: GUILD, run: run({ id: 'r2', outcome: 'ok' }) });
    expect(s.notices()).toEqual([]);
  });

  it('says how many members a partial run could not update', () => {
    const { s } = status();
    s.onEvent({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({
        id: 'r1',
        outcome: 'partial',
        counts: { ...run({ id: 'x', outcome: 'ok' }).counts, membersFailed: 2 },
        errors: [{ memberId: '9', message: 'Missing Access' }],
      }),
    });
    expect(s.notices()).toMatchObject([
      {
        title: `Sync of guild ${GUILD} incomplete`,
        body: '2 members could not be updated: Missing Access',
      },
    ]);
  });

  it('holds a scheduled run stopped at the safety cap until a run of that guild applies', () => {
    const { s } = status();
    s.onEvent({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({
        id: 'r1',
        outcome: 'needs_confirmation',
        counts: { ...run({ id: 'x', outcome: 'ok' }).counts, rolesAdded: 250, rolesRemoved: 10 },
      }),
    });
    expect(s.notices()).toMatchObject([
      {
        key: `confirm:${GUILD}`,
        title: 'Sync needs your confirmation',
        body: `guild ${GUILD}: 260 role changes are more than the safety cap. Review them on the Sync page and confirm.`,
        page: 'sync',
      },
    ]);
    expect(trayStateOf(s.trayInput())).toBe('attention');
    s.onEvent({ type: 'sync-finished', guildId: GUILD, run: run({ id: 'r2', outcome: 'ok' }) });
    expect(s.notices()).toEqual([]);
    expect(trayStateOf(s.trayInput())).toBe('running');
  });

  it('leaves a capped run the admin asked for to where they asked (UI, /sync, the tray)', () => {
    const { s } = status();
    for (const trigger of ['manual', 'command'] as const)
      s.onEvent({
        type: 'sync-finished',
        guildId: GUILD,
        run: run({ id: `r-${trigger}`, outcome: 'needs_confirmation', trigger }),
      });
    expect(s.notices()).toEqual([]);
  });

  it('ignores dry runs except for the problems they found, and events that are not its own', () => {
    const { s } = status();
    s.onEvent({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({
        id: 'r1',
        outcome: 'ok',
        dryRun: true,
        counts: { ...run({ id: 'x', outcome: 'ok' }).counts, rolesAdded: 4 },
      }),
    });
    s.onEvent({ type: 'auth-changed', provider: 'discord', state: 'signed_in' } as never);
    expect(s.takeAnnouncements()).toEqual([]);
    expect(s.trayInput().scheduler.lastRunAt).toBeNull();
  });

  it('announces scheduled runs that changed roles, never member-triggered ones', () => {
    const { s } = status();
    const changed = { ...run({ id: 'x', outcome: 'ok' }).counts, rolesAdded: 2, membersChanged: 2 };
    s.onEvent({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({ id: 'r1', outcome: 'ok', counts: changed }),
    });
    s.onEvent({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({ id: 'r2', outcome: 'ok', trigger: 'link', counts: changed }),
    });
    expect(s.takeAnnouncements()).toEqual([
      {
        title: `Roles updated in guild ${GUILD}`,
        body: '2 roles added and 0 removed for 2 members.',
        page: 'sync',
      },
    ]);
    expect(s.takeAnnouncements()).toEqual([]);
  });

  it('announces a tray-started run that ended before the tray recorded its start', () => {
    const { s } = status();
    s.onEvent({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({ id: 'r1', outcome: 'ok', trigger: 'manual' }),
    });
    expect(s.takeAnnouncements()).toEqual([]);
    s.expectRuns([{ runId: 'r1', guildId: GUILD, guildName: 'Acme' }]);
    expect(s.takeAnnouncements()).toEqual([
      {
        title: 'Acme is in sync',
        body: 'Everything was already in sync (5 members checked).',
        page: 'sync',
      },
    ]);
  });

  it('notifies a failing token refresh (no run event reports it), once per error', () => {
    const { s } = status();
    const failing = job({
      id: 'oauth-refresh',
      kind: 'token-refresh',
      label: 'OAuth token refresh',
      lastError: 'Discord refused the refresh token. Sign in again.',
      failures: 1,
    });
    s.onHealth({ ...health, scheduler: { ...health.scheduler, state: 'error', jobs: [failing] } });
    expect(s.notices()).toMatchObject([
      { key: 'job:oauth-refresh', title: 'OAuth token refresh failed', page: 'sync' },
    ]);
    expect(s.trayInput().attention.map((a) => a.key)).toEqual(['job:oauth-refresh']);
  });

  it('announces the bot offline only after it stayed offline for the grace period', () => {
    const { s, advance } = status(30_000);
    s.onHealth({ ...health, bot: { state: 'disconnected', guilds: 0, detail: 'Reconnecting…' } });
    expect(trayStateOf(s.trayInput())).toBe('bot-offline');
    expect(s.notices()).toEqual([]);
    expect(s.botOfflineNoticeDueAt()).toBe(1_030_000);
    advance(29_999);
    expect(s.notices()).toEqual([]);
    advance(1);
    expect(s.notices()).toMatchObject([
      { key: 'bot-offline', fingerprint: 'disconnected', body: 'Reconnecting…', page: 'settings' },
    ]);
    s.onHealth(health);
    expect(s.notices()).toEqual([]);
    expect(s.botOfflineNoticeDueAt()).toBeNull();
  });

  it('does not announce a bot the admin stopped', () => {
    const { s, advance } = status(0);
    s.onHealth({ ...health, bot: { state: 'stopped', guilds: 0 } });
    advance(1);
    expect(s.notices()).toEqual([]);
    expect(trayStateOf(s.trayInput())).toBe('bot-offline');
  });

  it('asks for attention when secrets, the store or the bot token need the admin', () => {
    const { s } = status();
    s.onHealth({
      ...health,
      bot: { state: 'not_configured', guilds: 0 },
      keychain: { available: false, backend: 'none', problem: 'no Secret Service' },
      store: { ok: false, problem: 'config damaged' },
    });
    expect(s.trayInput().attention.map((a) => [a.key, a.page])).toEqual([
      ['store', 'store'],
      ['keychain', 'settings'],
      ['bot-token', 'settings'],
    ]);
  });
});
