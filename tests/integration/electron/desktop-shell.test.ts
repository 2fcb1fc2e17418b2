// The desktop shell against a real host and both simulators, with recorders in place of
// Electron's Tray, Menu and Notification: the tray's "Sync now" runs sync.run for the managed
// guild and the tray follows the run to its end; a run over the safety cap tells the admin once
// and opens the Sync page; Pause / Resume and Stop / Start bot drive the scheduler and the bot; a
// failing crawl and a bot with a rejected token are notified once; the launch at login toggle goes
// through the AdminApi to an autostart file; Quit waits for a crawl's last write. The scheduler
// runs on a hand-moved clock so no timed run interferes. Everything but the Electron objects is
// the product's own code.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { settingsForSimulators, startSimulators, type Simulators } from '../../../sim/index.js';
import type { MethodName, MethodOutput } from '../../../src-main/api/contract.js';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import type { OneTimeHint } from '../../../src-main/electron/close-to-tray.js';
import { trayActions } from '../../../src-main/electron/desktop-actions.js';
import type { DesktopPage } from '../../../src-main/electron/desktop-pages.js';
import { DesktopShell } from '../../../src-main/electron/desktop-shell.js';
import {
  applyLaunchAtLogin,
  nodeAutostartFiles,
} from '../../../src-main/electron/launch-at-login.js';
import { QuitSequence } from '../../../src-main/electron/quit-sequence.js';
import { createHost } from '../../../src-main/host/create-host.js';
import type { Host } from '../../../src-main/host/host.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import {
  RecordingNotifications,
  RecordingTray,
  iconName,
  recordingMenuBuilder,
  type RecordedMenu,
} from '../../unit/electron/recorders.js';
import { ManualClock } from '../../unit/scheduler/manual-clock.js';

let sims: Simulators | null = null;
let host: Host | null = null;
let shell: DesktopShell<string, RecordedMenu> | null = null;
let dir: string | null = null;

afterEach(async () => {
  shell?.stop();
  await host?.stop();
  await sims?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  shell = host = sims = dir = null;
});

interface Desktop {
  host: Host;
  sims: Simulators;
  shell: DesktopShell<string, RecordedMenu>;
  tray: RecordingTray;
  notifications: RecordingNotifications;
  opened: DesktopPage[];
  dataDir: string;
  configHome: string;
}

async function desktop(preset: 'tiny' | 'demo' = 'tiny'): Promise<Desktop> {
  sims = await startSimulators({ seed: 4, preset });
  dir = await mkdtemp(join(tmpdir(), 'gitguild-desktop-shell-'));
  const dataDir = join(dir, 'data');
  const configHome = join(dir, 'config');
  let launchAtLogin = false;
  const created = await createHost({
    mode: 'desktop',
    dataDir,
    logger: createLogger('test', { level: 'debug', sinks: [memorySink(20_000)] }),
    secrets: { backend: 'memory' },
    crawlTuning: { settleMs: 0, retryBaseDelayMs: 20 },
    roleEngine: { schedulerClock: new ManualClock() },
    // As main.ts does: the setting drives the OS registration (here Linux's autostart file).
    onSettingsChanged: (settings) => {
      launchAtLogin = settings.launchAtLogin;
      void applyLaunchAtLogin(
        launchAtLogin,
        { platform: 'linux', execPath: '/opt/GitGuild/gitguild', appPath: null },
        {
          loginItems: { setLoginItemSettings: () => undefined },
          files: nodeAutostartFiles,
          env: { XDG_CONFIG_HOME: configHome },
        },
      ).then(() => shell?.refresh());
    },
  });
  host = created;
  await invokeMethod(created.handlers, 'settings.update', settingsForSimulators(sims));
  await invokeMethod(created.handlers, 'secrets.set', {
    account: 'github.token',
    value: sims.github.token,
  });
  await invokeMethod(created.handlers, 'secrets.set', {
    account: 'discord.botToken',
    value: sims.discord.botToken,
  });

  const tray = new RecordingTray();
  const notifications = new RecordingNotifications();
  const opened: DesktopPage[] = [];
  let hintShown = false;
  const hint: OneTimeHint = { shown: () => hintShown, markShown: () => (hintShown = true) };
  shell = new DesktopShell({
    host: created,
    actions: trayActions(created.handlers, created.logger),
    tray: { tray, buildMenu: recordingMenuBuilder, iconFor: iconName, now: () => new Date() },
    notifications,
    window: { show: () => opened.push('settings'), openPage: (page) => opened.push(page) },
    launchAtLogin: {
      enabled: () => launchAtLogin,
      set: async (enabled) => {
        await invokeMethod(created.handlers, 'settings.update', { launchAtLogin: enabled });
      },
    },
    quit: () => undefined,
    hint,
    now: Date.now,
    botOfflineGraceMs: 300,
  });
  shell.start();
  await created.start();
  await vi.waitFor(() => expect(created.health().bot.state).toBe('ready'), {
    timeout: 20_000,
    interval: 50,
  });
  expect(tray.image).toBe('icon:running');
  return { host: created, sims, shell, tray, notifications, opened, dataDir, configHome };
}

const images = (tray: RecordingTray): string[] =>
  tray.calls.flatMap((c) => (c.call === 'setImage' ? [c.image] : []));

async function call<M extends MethodName>(h: Host, method: M, input: unknown = {}) {
  return (await invokeMethod(h.handlers, method, input)) as MethodOutput<M>;
}

async function crawled(h: Host): Promise<void> {
  await call(h, 'crawl.run');
  await vi.waitFor(
    async () => {
      const status = await call(h, 'crawl.status');
      expect(status.running).toBeNull();
      expect(status.orgs).toHaveLength(1);
    },
    { timeout: 30_000, interval: 100 },
  );
}

/**
 * The simulator's guild managed by GitGuild the way the UI sets it up: crawled org, linked
 * members, and one mapping (linked members get a role), with the given safety cap.
 */
async function manageGuild(d: Desktop, cap: number) {
  const { host: h, sims: s } = d;
  for (const link of s.discord.guild.links)
    await h.links.linkMember({ ...link, linkedBy: link.discordUserId, method: 'admin' });
  await crawled(h);
  const guildId = s.discord.guild.guild.id;
  const view = await call(h, 'guilds.update', {
    id: guildId,
    org: s.github.org.login,
    enabled: true,
    maxChangesPerRun: cap,
  });
  const role = view.roles.find((r) => r.assignable)!;
  await call(h, 'mappings.create', { guildId, roleId: role.id, condition: { kind: 'linked' } });
  const inGuild = new Set(s.discord.guild.members.map((m) => m.user.id));
  const linked = s.discord.guild.links.filter((l) => inGuild.has(l.discordUserId)).length;
  expect(linked).toBeGreaterThan(1);
  return { guildId, name: view.name, roleId: role.id, linked };
}

describe('the desktop shell on a real host', () => {
  it("syncs the managed guild from the tray's Sync now, follows the run and says what changed", async () => {
    const d = await desktop();
    const { host: h, tray, notifications, sims: s } = d;
    const guild = await manageGuild(d, 1000);
    expect(tray.tooltip).toMatch(/\nLast sync never, next /);
    tray.calls.length = 0;
    tray.click('Sync now');
    await vi.waitFor(
      () => expect(notifications.titles()).toEqual([`Roles updated in ${guild.name}`]),
      { timeout: 30_000 },
    );
    expect(notifications.created[0]?.body).toBe(
      `${guild.linked} roles added and 0 removed for ${guild.linked} members.`,
    );
    expect(images(tray)).toContain('icon:syncing');
    await vi.waitFor(() => expect(tray.image).toBe('icon:running'));
    expect(tray.tooltip).toMatch(/\nLast sync \d\d:\d\d, next /);
    // The roles are on Discord, and the history says who ran it.
    const holders = s.discord.guild.members.filter((m) =>
      s.discord.control.member(m.user.id).roles.includes(guild.roleId),
    );
    expect(holders).toHaveLength(guild.linked);
    const history = await call(h, 'sync.history', { guildId: guild.guildId });
    expect(history.runs[0]).toMatchObject({ trigger: 'manual', outcome: 'ok', dryRun: false });

    // Again: nothing to change, and the admin who asked hears that too.
    tray.click('Sync now');
    await vi.waitFor(() => expect(notifications.titles()).toHaveLength(2), { timeout: 30_000 });
    expect(notifications.created[1]?.title).toBe(`${guild.name} is in sync`);
  });

  it('stops at the safety cap: tells the admin once, opens the Sync page, and calms down once confirmed', async () => {
    const d = await desktop();
    const { host: h, tray, notifications, opened } = d;
    const guild = await manageGuild(d, 1);
    tray.click('Sync now');
    await vi.waitFor(() => expect(opened).toEqual(['sync']), { timeout: 30_000 });
    expect(notifications.titles()).toEqual(['Sync needs your confirmation']);
    expect(notifications.created[0]?.body).toBe(
      `${guild.name}: ${guild.linked} role changes (${guild.linked} to add, 0 to remove) are more than the safety cap of 1. Review them on the Sync page and confirm.`,
    );
    expect(tray.image).toBe('icon:attention');
    expect(tray.tooltip).toContain(`sync of ${guild.name} needs confirmation`);
    // Nothing was applied, and the run's own event did not notify a second time.
    expect((await call(h, 'sync.history', { guildId: guild.guildId })).runs[0]).toMatchObject({
      outcome: 'needs_confirmation',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(notifications.titles()).toEqual(['Sync needs your confirmation']);
    notifications.created[0]?.click();
    expect(opened).toEqual(['sync', 'sync']);

    // The admin confirms on the Sync page (the UI's call).
    const confirmed = await call(h, 'sync.run', { guildId: guild.guildId, confirm: true });
    expect(confirmed.status).toBe('started');
    await vi.waitFor(() => expect(tray.image).toBe('icon:running'), { timeout: 30_000 });
    expect(notifications.titles()).toEqual([
      'Sync needs your confirmation',
      `Roles updated in ${guild.name}`,
    ]);
  });

  it('pauses and resumes the schedule and stops and starts the bot from the tray', async () => {
    const { host: h, tray, notifications } = await desktop();
    tray.click('Pause sync');
    await vi.waitFor(() => expect(tray.image).toBe('icon:paused'));
    expect(h.health().scheduler.paused).toBe(true);
    expect(tray.tooltip).toMatch(/next paused$/);
    expect((await call(h, 'settings.get')).schedulerPaused).toBe(true);
    tray.click('Resume sync');
    await vi.waitFor(() => expect(tray.image).toBe('icon:running'));
    expect(h.health().scheduler.paused).toBe(false);

    tray.click('Stop bot');
    await vi.waitFor(() => expect(tray.image).toBe('icon:bot-offline'));
    expect(h.health().bot.state).toBe('stopped');
    expect(tray.labels()).toContain('(Bot stopped)');
    expect(tray.labels()).toContain('Start bot');
    tray.click('Start bot');
    await vi.waitFor(() => expect(h.health().bot.state).toBe('ready'), { timeout: 20_000 });
    await vi.waitFor(() => expect(tray.image).toBe('icon:running'));
    // A bot the admin stopped is not news.
    expect(notifications.titles()).toEqual([]);
  });

  it('notifies a failing crawl once until it changes, and a click opens the Stats page', async () => {
    const { host, tray, notifications, opened, sims } = await desktop();
    await invokeMethod(host.handlers, 'settings.update', { githubOrgs: ['no-such-org'] });
    await call(host, 'crawl.run');
    await vi.waitFor(() => expect(tray.image).toBe('icon:attention'), { timeout: 20_000 });
    expect(notifications.titles()).toEqual(['GitHub crawl failed']);
    expect(notifications.created[0]?.body).toContain('"no-such-org" was not found');

    // The same failure again: no second notification.
    await vi.waitFor(() => expect(host.health().scheduler.state).not.toBe('running'));
    await call(host, 'crawl.run');
    await vi.waitFor(() => expect(host.health().scheduler.state).not.toBe('running'));
    await new Promise((r) => setTimeout(r, 200));
    expect(notifications.titles()).toEqual(['GitHub crawl failed']);

    notifications.created[0]?.click();
    expect(opened).toEqual(['stats']);

    // Fixed: the tray calms down; broken again later: announced again.
    await invokeMethod(host.handlers, 'settings.update', { githubOrgs: [sims.github.org.login] });
    await call(host, 'crawl.run');
    await vi.waitFor(() => expect(tray.image).toBe('icon:running'), { timeout: 30_000 });
    await invokeMethod(host.handlers, 'settings.update', { githubOrgs: ['no-such-org'] });
    await call(host, 'crawl.run');
    await vi.waitFor(() => expect(notifications.titles()).toHaveLength(2), { timeout: 20_000 });
  });

  it('tells the admin once when the bot goes offline, after the grace period', async () => {
    const { host, tray, notifications } = await desktop();
    // A token Discord rejects: the bot restarts with it and stays out.
    await invokeMethod(host.handlers, 'secrets.set', {
      account: 'discord.botToken',
      value: 'not-the-right-token-at-all',
    });
    await vi.waitFor(() => expect(tray.image).toBe('icon:bot-offline'), { timeout: 20_000 });
    await vi.waitFor(
      () => expect(notifications.titles()).toEqual(['The GitGuild bot is offline']),
      {
        timeout: 5_000,
      },
    );
    // More status events while it stays out do not repeat it.
    await invokeMethod(host.handlers, 'settings.update', { timeZone: 'Europe/Berlin' });
    await new Promise((r) => setTimeout(r, 500));
    expect(notifications.titles()).toEqual(['The GitGuild bot is offline']);
    // Discord refused the token: the bot gave up, and Start (after fixing the token) is offered.
    expect(tray.labels()).toContain('(Bot could not connect)');
    expect(tray.labels()).toContain('Start bot');
  });

  it("sends a failed action's reason to a notification that opens where to fix it", async () => {
    const { tray, notifications, opened } = await desktop();
    tray.click('Sync now');
    await vi.waitFor(() => expect(notifications.titles()).toEqual(['Nothing to sync']));
    expect(notifications.created[0]?.body).toBe(
      'No guild is set up for sync yet. Add one under Guilds.',
    );
    expect(opened).toEqual([]);
    notifications.created[0]?.click();
    expect(opened).toEqual(['guilds']);
  });

  it('turns launch at login on and off from the tray through the settings', async () => {
    const { host, tray, configHome } = await desktop();
    const file = join(configHome, 'autostart', 'gitguild.desktop');
    tray.click('Launch at login');
    await vi.waitFor(() => expect(tray.labels()).toContain('[x] Launch at login'));
    expect((await invokeMethod(host.handlers, 'settings.get', {})) as object).toMatchObject({
      launchAtLogin: true,
    });
    // The setting is saved first; the autostart entry is written after it.
    await vi.waitFor(async () =>
      expect(await readFile(file, 'utf8')).toContain('Exec=/opt/GitGuild/gitguild --hidden\n'),
    );
    tray.click('Launch at login');
    await vi.waitFor(() => expect(tray.labels()).toContain('[ ] Launch at login'));
    await vi.waitFor(() => expect(existsSync(file)).toBe(false));
  });

  it('quits only after the running crawl stopped and its last write reached the disk', async () => {
    const { host, tray, sims, dataDir } = await desktop('demo');
    const events: string[] = [];
    host.events.subscribe((e) => events.push(e.type));
    const crawls = join(dataDir, 'contributions', sims.github.org.login, 'crawls.json');
    const atQuit: { trayGone: boolean; crawlsOnDisk: string }[] = [];
    const quit = new QuitSequence({
      steps: [
        { name: 'tray shows quitting', run: () => shell?.markQuitting() },
        { name: 'host', run: () => host.stop() },
        { name: 'tray icon', always: true, run: () => shell?.stop() },
      ],
      timeoutMs: 20_000,
      quitApp: () =>
        atQuit.push({
          trayGone: tray.destroyed,
          crawlsOnDisk: existsSync(crawls) ? readFileSync(crawls, 'utf8') : '',
        }),
      logger: host.logger,
    });
    await call(host, 'crawl.run');
    await vi.waitFor(() => expect(events).toContain('progress'), { timeout: 20_000 });
    expect(existsSync(crawls)).toBe(false);

    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    quit.onBeforeQuit(event);
    expect(event.prevented).toBe(true);
    const done = quit.start();
    await vi.waitFor(() => expect(tray.labels()).toContain('(Quitting…)'));
    expect(tray.labels()).toContain('(Syncing…)');
    await done;

    expect(atQuit).toHaveLength(1);
    expect(atQuit[0]?.trayGone).toBe(true);
    expect(atQuit[0]?.crawlsOnDisk).toContain('crawl interrupted');
    expect(host.health().scheduler.state).toBe('stopped');
  });
});
