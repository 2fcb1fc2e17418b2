import { describe, expect, it } from 'vitest';
import type { Health } from '../../../src-main/api/contract.js';
import {
  DesktopStatus,
  botConditionOf,
  schedulerConditionOf,
} from '../../../src-main/electron/desktop-status.js';
import { trayStateOf } from '../../../src-main/electron/tray-state.js';

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

describe('the desktop status', () => {
  it('reads the bot and scheduler states, including ones added later', () => {
    expect(
      [
        'ready',
        'connecting',
        'resuming',
        'disconnected',
        'error',
        'stopped',
        'not_configured',
        'new',
      ].map(botConditionOf),
    ).toEqual([
      'online',
      'connecting',
      'connecting',
      'offline',
      'offline',
      'stopped',
      'not-configured',
      'offline',
    ]);
    expect(
      ['idle', 'running', 'paused', 'stopped', 'error', 'new'].map(schedulerConditionOf),
    ).toEqual(['idle', 'running', 'paused', 'stopped', 'error', 'idle']);
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

  it('takes failed syncs and their hierarchy and permission problems from the sync events', () => {
    const { s } = status();
    s.onEvent({
      type: 'sync-finished',
      guildId: '42',
      error: 'Discord answered 500.',
      problems: [
        {
          kind: 'role_above_bot',
          roleId: '7',
          message: 'Maintainer is above GitGuild.',
          hint: 'Move GitGuild up.',
        },
        { kind: 'missing_permission', message: 'GitGuild lacks Manage Roles.' },
      ],
    });
    expect(s.notices().map((n) => [n.key, n.title, n.page])).toEqual([
      ['failed:sync:42', 'Sync failed', 'sync'],
      ['problem:42:role_above_bot:7', 'Role hierarchy problem', 'guilds'],
      [
        'problem:42:missing_permission:GitGuild lacks Manage Roles.',
        'Missing Discord permission',
        'guilds',
      ],
    ]);
    expect(s.trayInput().attention.map((a) => a.summary)).toEqual([
      'Sync failed',
      '2 guild problems',
    ]);
    // The next run of that guild replaces its list; other events are ignored.
    s.onEvent({ type: 'sync-finished', guildId: '42', error: null, problems: [] });
    s.onEvent({ type: 'something-else', problems: 'not a list' });
    expect(s.notices()).toEqual([]);
  });

  it('ignores sync events whose shape it does not know', () => {
    const { s } = status();
    s.onEvent({ type: 'sync-finished', error: 42 });
    s.onEvent({ type: 'problems', problems: [{ nope: true }] });
    expect(s.notices()).toEqual([]);
    expect(trayStateOf(s.trayInput())).toBe('running');
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
    // `stopped` arrives with the bot work's start/stop; this build's contract does not list it yet.
    s.onHealth({ ...health, bot: { state: 'stopped' as Health['bot']['state'], guilds: 0 } });
    advance(1);
    expect(s.notices()).toEqual([]);
    expect(trayStateOf(s.trayInput())).toBe('bot-offline');
  });

  it('asks for attention when secrets, the store, the bot token or the scheduler need the admin', () => {
    const { s } = status();
    s.onHealth({
      ...health,
      bot: { state: 'not_configured', guilds: 0 },
      scheduler: { state: 'error', lastRunAt: null, nextRunAt: null },
      keychain: { available: false, backend: 'none', problem: 'no Secret Service' },
      store: { ok: false, problem: 'config damaged' },
    });
    expect(s.trayInput().attention.map((a) => [a.key, a.page])).toEqual([
      ['store', 'store'],
      ['keychain', 'settings'],
      ['bot-token', 'settings'],
      ['scheduler', 'sync'],
    ]);
  });
});
