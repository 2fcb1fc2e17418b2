import { describe, expect, it } from 'vitest';
import {
  TOOLTIP_MAX,
  clockTime,
  trayMenu,
  trayStateOf,
  trayTooltip,
  type TrayInput,
} from '../../../src-main/electron/tray-state.js';

const calm: TrayInput = {
  bot: { condition: 'online', guilds: 2 },
  scheduler: {
    condition: 'idle',
    lastRunAt: '2026-03-10T14:05:00.000Z',
    nextRunAt: '2026-03-10T15:05:00.000Z',
  },
  activity: null,
  attention: [],
};
const clock = { now: new Date('2026-03-10T14:30:00.000Z'), timeZone: 'UTC' };
const menuOptions = { launchAtLogin: false, quitting: false };

describe('the tray state', () => {
  it('is running when the bot is online and nothing is happening', () => {
    expect(trayStateOf(calm)).toBe('running');
  });

  it('is syncing while a job reports progress or the scheduler runs', () => {
    expect(trayStateOf({ ...calm, activity: { job: 'crawl', done: 1, total: 4 } })).toBe('syncing');
    expect(trayStateOf({ ...calm, scheduler: { ...calm.scheduler, condition: 'running' } })).toBe(
      'syncing',
    );
  });

  it('is paused when the scheduler is paused and nothing runs', () => {
    expect(trayStateOf({ ...calm, scheduler: { ...calm.scheduler, condition: 'paused' } })).toBe(
      'paused',
    );
  });

  it('is bot offline when the bot is offline or stopped, even while syncing', () => {
    const syncing = { ...calm, activity: { job: 'crawl', done: 0, total: 0 } };
    expect(trayStateOf({ ...syncing, bot: { condition: 'offline', guilds: 0 } })).toBe(
      'bot-offline',
    );
    expect(trayStateOf({ ...calm, bot: { condition: 'stopped', guilds: 0 } })).toBe('bot-offline');
  });

  it('needs attention above everything else', () => {
    const everything: TrayInput = {
      bot: { condition: 'offline', guilds: 0 },
      scheduler: { ...calm.scheduler, condition: 'paused' },
      activity: { job: 'sync', done: 1, total: 2 },
      attention: [{ key: 'failed:crawl', summary: 'GitHub crawl failed', page: 'stats' }],
    };
    expect(trayStateOf(everything)).toBe('attention');
  });
});

describe('the tray tooltip', () => {
  it('says what GitGuild does and when it last and next syncs', () => {
    expect(trayTooltip(calm, clock)).toBe(
      'GitGuild: Running, bot online in 2 guilds\nLast sync 14:05, next 15:05',
    );
  });

  it('shows progress, a paused schedule and a first run', () => {
    const input: TrayInput = {
      ...calm,
      scheduler: { condition: 'paused', lastRunAt: null, nextRunAt: null },
      activity: { job: 'crawl', done: 3, total: 8 },
    };
    expect(trayTooltip(input, clock)).toBe(
      'GitGuild: Syncing: crawl 3/8\nLast sync never, next paused',
    );
  });

  it('names the first thing needing attention and counts the rest', () => {
    const input: TrayInput = {
      ...calm,
      scheduler: { ...calm.scheduler, nextRunAt: null },
      attention: [
        { key: 'failed:crawl', summary: 'GitHub crawl failed', page: 'stats' },
        { key: 'keychain', summary: 'secrets unavailable', page: 'settings' },
      ],
    };
    expect(trayTooltip(input, clock)).toBe(
      'GitGuild: Needs attention: GitHub crawl failed (+1 more)\nLast sync 14:05, next not scheduled',
    );
  });

  it('stays within the 127 characters Windows shows, keeping the sync times whole', () => {
    const long = 'x'.repeat(300);
    const tooltip = trayTooltip(
      { ...calm, attention: [{ key: 'k', summary: long, page: 'guilds' }] },
      clock,
    );
    expect(tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    expect(tooltip).toMatch(/…\nLast sync 14:05, next 15:05$/);
  });

  it('writes other days with the weekday or the date, in the configured zone', () => {
    expect(clockTime('2026-03-09T23:10:00.000Z', clock)).toBe('Mon 23:10');
    expect(clockTime('2026-02-01T08:00:00.000Z', clock)).toBe('1 Feb 08:00');
    expect(clockTime('2026-03-09T23:10:00.000Z', { ...clock, timeZone: 'Europe/Berlin' })).toBe(
      '00:10',
    );
  });
});

describe('the tray menu', () => {
  const labels = (input: TrayInput, options = menuOptions): string[] =>
    trayMenu(input, options).map((item) =>
      item.kind === 'separator'
        ? '---'
        : item.kind === 'status'
          ? `(${item.label})`
          : `${item.kind === 'toggle' ? (item.checked ? '[x] ' : '[ ] ') : ''}${item.label}${item.enabled ? '' : ' (disabled)'}`,
    );

  it('offers open, sync now, pause, stop bot, launch at login and quit', () => {
    expect(labels(calm)).toEqual([
      'Open GitGuild',
      '(Running, bot online in 2 guilds)',
      '---',
      'Sync now',
      'Pause sync',
      'Stop bot',
      '---',
      '[ ] Launch at login',
      '---',
      'Quit GitGuild',
    ]);
  });

  it('turns pause into resume, stop into start, and greys out sync now while syncing', () => {
    const input: TrayInput = {
      ...calm,
      bot: { condition: 'failed', guilds: 0 },
      scheduler: { ...calm.scheduler, condition: 'paused' },
      activity: { job: 'crawl', done: 0, total: 3 },
    };
    expect(labels(input, { ...menuOptions, launchAtLogin: true })).toEqual([
      'Open GitGuild',
      '(Bot could not connect)',
      '---',
      'Syncing… (disabled)',
      'Resume sync',
      'Start bot',
      '---',
      '[x] Launch at login',
      '---',
      'Quit GitGuild',
    ]);
  });

  it('offers Stop for a bot that is reconnecting by itself, Start for one stopped or given up', () => {
    const item = (condition: TrayInput['bot']['condition']) =>
      labels({ ...calm, bot: { condition, guilds: 0 } })[5];
    expect(['online', 'connecting', 'offline'].map((c) => item(c as never))).toEqual([
      'Stop bot',
      'Stop bot',
      'Stop bot',
    ]);
    expect(['failed', 'stopped'].map((c) => item(c as never))).toEqual(['Start bot', 'Start bot']);
    // Without a token there is nothing to start.
    expect(item('not-configured')).toBe('Start bot (disabled)');
  });

  it('offers Resume while a run goes on with the schedule paused, and nothing once stopped', () => {
    const running: TrayInput = {
      ...calm,
      scheduler: { ...calm.scheduler, condition: 'running', paused: true },
    };
    expect(labels(running)).toContain('Resume sync');
    expect(trayTooltip(running, clock)).toMatch(/next paused$/);
    const stopped: TrayInput = { ...calm, scheduler: { ...calm.scheduler, condition: 'stopped' } };
    expect(labels(stopped)).toContain('Pause sync (disabled)');
  });

  it('offers nothing but its status while quitting', () => {
    const items = trayMenu(calm, { ...menuOptions, quitting: true });
    expect(items.filter((i) => 'enabled' in i && i.enabled)).toEqual([]);
    expect(items).toContainEqual({ kind: 'status', label: 'Quitting…' });
  });
});
