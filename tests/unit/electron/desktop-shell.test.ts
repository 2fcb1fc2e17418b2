import { describe, expect, it } from 'vitest';
import type { Health } from '../../../src-main/api/contract.js';
import { EventHub } from '../../../src-main/api/event-hub.js';
import { TRAY_HINT } from '../../../src-main/electron/close-to-tray.js';
import type { TrayActions } from '../../../src-main/electron/desktop-actions.js';
import type { DesktopPage } from '../../../src-main/electron/desktop-pages.js';
import { DesktopShell } from '../../../src-main/electron/desktop-shell.js';
import { createLogger } from '../../../src-main/log/logger.js';
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

const noActions: TrayActions = {
  syncNow: null,
  pauseSync: null,
  resumeSync: null,
  startBot: null,
  stopBot: null,
  catchUp: null,
};

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
        ok: false,
        title: 'Sync not started',
        message: 'A crawl is already running.',
        page: 'stats',
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
      ['Sync not started', 'A crawl is already running.'],
    ]);
    notifications.created[0]?.click();
    expect(opened).toEqual(['stats']);
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
