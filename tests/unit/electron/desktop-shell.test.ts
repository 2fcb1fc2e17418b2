import { describe, expect, it } from 'vitest';
import type { Health } from '../../../src-main/api/contract.js';
import { EventHub } from '../../../src-main/api/event-hub.js';
import { TRAY_HINT } from '../../../src-main/electron/close-to-tray.js';
import type { ActionOutcome, TrayActions } from '../../../src-main/electron/desktop-actions.js';
import type { DesktopPage } from '../../../src-main/electron/desktop-pages.js';
import { DesktopShell } from '../../../src-main/electron/desktop-shell.js';
import { createLogger } from '../../../src-main/log/logger.js';
import type { SyncRun } from '../../../src-main/store/types.js';
import {
  RecordingNotifications,
  RecordingTray,
  iconName,
  recordingMenuBuilder,
} from './recorders.js';

const healthy: Health = {
  app: { name: 'GitGuild', version: '0.1.0' },
  versions: { node: '20.20.0', electron: '40.10.2', discordJs: '14.28.1' },
  mode: 'desktop',
  bot: { state: 'ready', guilds: 1 },
  scheduler: { state: 'idle', lastRunAt: '2026-03-10T23:50:00.000Z', nextRunAt: null },
  keychain: { available: true, backend: 'keytar' },
  store: { ok: true },
  uptimeSeconds: 1,
};

const NOTHING: ActionOutcome = { notices: [], confirmations: [], runs: [], openPage: null };
const noActions: TrayActions = {
  guildNames: async () => [],
  syncNow: async () => NOTHING,
  pauseSync: async () => NOTHING,
  resumeSync: async () => NOTHING,
  startBot: async () => NOTHING,
  stopBot: async () => NOTHING,
};

const GUILD = '100000000000000001';
function run(patch: Partial<SyncRun> & Pick<SyncRun, 'id' | 'outcome'>): SyncRun {
  return {
    kind: 'sync',
    guildId: GUILD,
    trigger: 'manual',
    actor: 'admin:desktop',
    dryRun: false,
    full: false,
    startedAt: '2026-03-10T23:54:00.000Z',
    finishedAt: '2026-03-10T23:54:30.000Z',
    durationMs: 30_000,
    counts: {
      membersChecked: 12,
      membersChanged: 3,
      membersFailed: 0,
      rolesAdded: 3,
      rolesRemoved: 1,
      writes: 3,
      reads: 0,
    },
    errors: [],
    problems: [],
    ...patch,
  };
}

/** Hand-cranked timers: the test says when time passes. */
class ManualTimers {
  private next = 1;
  readonly pending = new Map<number, { at: number; callback: () => void }>();
  constructor(private readonly clock: { now: number }) {}
  setTimeout = (callback: () => void, ms: number): number => {
    const id = this.next++;
    this.pending.set(id, { at: this.clock.now + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown): void => void this.pending.delete(handle as number);
  advance(ms: number): void {
    const until = this.clock.now + ms;
    for (;;) {
      const due = [...this.pending]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.clock.now = due[1].at;
      due[1].callback();
    }
    this.clock.now = until;
  }
}

function shell(actions: TrayActions = noActions) {
  const clock = { now: Date.parse('2026-03-10T23:55:00.000Z') };
  const timers = new ManualTimers(clock);
  const events = new EventHub();
  let health = healthy;
  const tray = new RecordingTray();
  const notifications = new RecordingNotifications();
  const shown: string[] = [];
  const opened: DesktopPage[] = [];
  let hint = false;
  let quits = 0;
  const s = new DesktopShell({
    host: { events, health: () => health, logger: createLogger('test', { sinks: [] }) },
    actions,
    tray: {
      tray,
      buildMenu: recordingMenuBuilder,
      iconFor: iconName,
      now: () => new Date(clock.now),
      timeZone: 'UTC',
    },
    notifications,
    window: { show: () => shown.push('window'), openPage: (page) => opened.push(page) },
    launchAtLogin: { enabled: () => false, set: async () => undefined },
    quit: () => (quits += 1),
    hint: { shown: () => hint, markShown: () => (hint = true) },
    now: () => clock.now,
    botOfflineGraceMs: 60_000,
    timers,
  });
  const publish = (next: Health): void => {
    health = next;
    events.publish({ type: 'status', health: next });
  };
  return { s, tray, notifications, timers, publish, shown, opened, quits: () => quits, events };
}

describe('the desktop shell', () => {
  it('draws the tray from the host on start and follows its events', () => {
    const { s, tray, publish } = shell();
    s.start();
    expect(tray.image).toBe('icon:running');
    publish({ ...healthy, scheduler: { ...healthy.scheduler, state: 'running' } });
    expect(tray.image).toBe('icon:syncing');
    s.stop();
    publish(healthy);
    expect(tray.image).toBe('icon:syncing');
    expect(tray.destroyed).toBe(true);
  });

  it('redraws each minute, so the last sync turns from "23:50" into "Tue 23:50" after midnight', () => {
    const { s, tray, timers } = shell();
    s.start();
    expect(tray.tooltip).toContain('Last sync 23:50');
    timers.advance(60_000);
    expect(tray.tooltip).toContain('Last sync 23:50');
    timers.advance(5 * 60_000);
    expect(tray.tooltip).toContain('Last sync Tue 23:50');
    s.stop();
    expect(timers.pending.size).toBe(0);
  });

  it('notifies the bot offline when its grace period ends, without waiting for another event', () => {
    const { s, notifications, timers, publish } = shell();
    s.start();
    publish({ ...healthy, bot: { state: 'disconnected', guilds: 0 } });
    timers.advance(59_999);
    expect(notifications.titles()).toEqual([]);
    timers.advance(1);
    expect(notifications.titles()).toEqual(['The GitGuild bot is offline']);
    timers.advance(10 * 60_000);
    expect(notifications.titles()).toHaveLength(1);
  });

  it('forgets a pending bot-offline notice when the bot comes back in time', () => {
    const { s, notifications, timers, publish } = shell();
    s.start();
    publish({ ...healthy, bot: { state: 'disconnected', guilds: 0 } });
    timers.advance(30_000);
    publish(healthy);
    timers.advance(60_000);
    expect(notifications.titles()).toEqual([]);
  });

  it('hides the window on close, with the tray hint the first time only', () => {
    const { s, notifications } = shell();
    s.start();
    const hidden: number[] = [];
    const close = () => {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) };
      s.onWindowClose(event, { hide: () => hidden.push(1) });
      return event.prevented;
    };
    expect([close(), close()]).toEqual([true, true]);
    expect(hidden).toHaveLength(2);
    expect(notifications.titles()).toEqual([TRAY_HINT.title]);
    s.markQuitting();
    expect(close()).toBe(false);
  });

  it('runs the menu: open shows the window, quit starts quitting, a failed action is explained', async () => {
    const actions: TrayActions = {
      ...noActions,
      syncNow: async () => ({
        ...NOTHING,
        notices: [
          { title: 'Nothing to sync', message: 'No guild is set up for sync yet.', page: 'guilds' },
        ],
      }),
    };
    const { s, tray, notifications, shown, opened, quits } = shell(actions);
    s.start();
    tray.click('Open GitGuild');
    await s.command('sync-now');
    tray.click('Quit GitGuild');
    expect(shown).toEqual(['window']);
    expect(quits()).toBe(1);
    expect(notifications.created.map((n) => [n.title, n.body])).toEqual([
      ['Nothing to sync', 'No guild is set up for sync yet.'],
    ]);
    notifications.created[0]?.click();
    expect(opened).toEqual(['guilds']);
  });

  it('sends Pause, Resume, Start and Stop to their actions, by what the host reports', async () => {
    const called: string[] = [];
    const record = (name: string) => async () => {
      called.push(name);
      return NOTHING;
    };
    const actions: TrayActions = {
      ...noActions,
      syncNow: record('sync'),
      pauseSync: record('pause'),
      resumeSync: record('resume'),
      startBot: record('start'),
      stopBot: record('stop'),
    };
    const { s, tray, publish } = shell(actions);
    s.start();
    tray.click('Pause sync');
    tray.click('Stop bot');
    publish({
      ...healthy,
      bot: { state: 'stopped', guilds: 0 },
      scheduler: { ...healthy.scheduler, paused: true, nextRunAt: null },
    });
    expect(tray.tooltip).toContain('next paused');
    tray.click('Resume sync');
    tray.click('Start bot');
    tray.click('Sync now');
    await new Promise((r) => setTimeout(r, 0));
    expect(called).toEqual(['pause', 'stop', 'resume', 'start', 'sync']);
  });

  it('tells the admin once and opens the Sync page when Sync now stops at the safety cap', async () => {
    const actions: TrayActions = {
      ...noActions,
      syncNow: async () => ({
        ...NOTHING,
        confirmations: [
          {
            guildId: GUILD,
            guildName: 'Acme',
            message: 'Acme: 340 role changes are more than the safety cap of 200.',
          },
        ],
        openPage: 'sync',
      }),
    };
    const { s, tray, notifications, opened, events } = shell(actions);
    s.start();
    await s.command('sync-now');
    expect(opened).toEqual(['sync']);
    expect(notifications.created.map((n) => [n.title, n.body])).toEqual([
      [
        'Sync needs your confirmation',
        'Acme: 340 role changes are more than the safety cap of 200.',
      ],
    ]);
    expect(tray.image).toBe('icon:attention');
    expect(tray.tooltip).toContain('sync of Acme needs confirmation');
    // The run's own event says the same: not a second notification.
    events.publish({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({ id: 'r1', outcome: 'needs_confirmation' }),
    });
    expect(notifications.created).toHaveLength(1);
    // Confirmed and applied on the Sync page: the tray calms down and says what changed.
    events.publish({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({ id: 'r2', outcome: 'ok' }),
    });
    expect(tray.image).toBe('icon:running');
    expect(notifications.created.map((n) => n.title)).toEqual([
      'Sync needs your confirmation',
      'Roles updated in Acme',
    ]);
    expect(notifications.created[1]?.body).toBe('3 roles added and 1 removed for 3 members.');
  });

  it('announces how a tray-started run ended, even when nothing changed, and a scheduled failure once', async () => {
    const actions: TrayActions = {
      ...noActions,
      syncNow: async () => ({
        ...NOTHING,
        runs: [{ runId: 'r1', guildId: GUILD, guildName: 'Acme' }],
      }),
    };
    const { s, tray, notifications, events } = shell(actions);
    s.start();
    await s.command('sync-now');
    expect(notifications.created).toEqual([]);
    const quiet = {
      membersChecked: 12,
      membersChanged: 0,
      membersFailed: 0,
      rolesAdded: 0,
      rolesRemoved: 0,
      writes: 0,
      reads: 0,
    };
    events.publish({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({ id: 'r1', outcome: 'ok', counts: quiet }),
    });
    expect(notifications.created.map((n) => [n.title, n.body])).toEqual([
      ['Acme is in sync', 'Everything was already in sync (12 members checked).'],
    ]);
    expect(tray.tooltip).toMatch(/Last sync 23:54/);
    // A scheduled run with nothing to change is not news; one that fails is, once.
    events.publish({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({ id: 'r2', outcome: 'ok', trigger: 'schedule', counts: quiet }),
    });
    const failed = (id: string) =>
      run({
        id,
        outcome: 'failed',
        trigger: 'schedule',
        errors: [{ memberId: null, message: 'Discord answered 503.' }],
      });
    events.publish({ type: 'sync-finished', guildId: GUILD, run: failed('r3') });
    events.publish({ type: 'sync-finished', guildId: GUILD, run: failed('r4') });
    expect(notifications.created.map((n) => [n.title, n.body])).toEqual([
      ['Acme is in sync', 'Everything was already in sync (12 members checked).'],
      ['Sync of Acme failed', 'Discord answered 503.'],
    ]);
    expect(tray.image).toBe('icon:attention');
  });

  it('names guilds in notifications about timed runs, read again when a guild is added', async () => {
    let names: { id: string; name: string }[] = [];
    let reads = 0;
    const { s, notifications, events, publish } = shell({
      ...noActions,
      guildNames: async () => {
        reads += 1;
        return names;
      },
    });
    s.start();
    names = [{ id: GUILD, name: 'Acme' }];
    const withJob: Health = {
      ...healthy,
      scheduler: {
        ...healthy.scheduler,
        jobs: [
          {
            id: `guild-sync:${GUILD}`,
            kind: 'guild-sync',
            label: 'Sync Acme',
            intervalMinutes: 15,
            nextRunAt: null,
            lastRunAt: null,
            lastError: null,
            running: false,
            failures: 0,
          },
        ],
      },
    };
    publish(withJob);
    publish(withJob);
    await new Promise((r) => setTimeout(r, 0));
    expect(reads).toBe(2);
    events.publish({
      type: 'sync-finished',
      guildId: GUILD,
      run: run({ id: 'r1', outcome: 'needs_confirmation', trigger: 'schedule' }),
    });
    expect(notifications.created.map((n) => [n.title, n.body])).toEqual([
      [
        'Sync needs your confirmation',
        'Acme: 4 role changes are more than the safety cap. Review them on the Sync page and confirm.',
      ],
    ]);
  });

  it('says Quitting and shows nothing new once quitting', () => {
    const { s, tray, notifications, publish } = shell();
    s.start();
    s.markQuitting();
    publish({ ...healthy, store: { ok: false, problem: 'damaged' } });
    expect(tray.labels()).toContain('(Quitting…)');
    expect(notifications.created).toEqual([]);
  });
});
