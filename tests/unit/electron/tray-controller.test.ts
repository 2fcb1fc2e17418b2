import { describe, expect, it } from 'vitest';
import { TrayController } from '../../../src-main/electron/tray-controller.js';
import type { TrayCommand, TrayInput } from '../../../src-main/electron/tray-state.js';
import { RecordingTray, iconName, recordingMenuBuilder } from './recorders.js';

const calm: TrayInput = {
  bot: { condition: 'online', guilds: 1 },
  scheduler: { condition: 'idle', lastRunAt: null, nextRunAt: null },
  activity: null,
  attention: [],
};
const options = {
  launchAtLogin: false,
  quitting: false,
};

function controller() {
  const tray = new RecordingTray();
  const commands: TrayCommand[] = [];
  const tc = new TrayController({
    tray,
    buildMenu: recordingMenuBuilder,
    iconFor: iconName,
    onCommand: (c) => commands.push(c),
    now: () => new Date('2026-03-10T12:00:00Z'),
    timeZone: 'UTC',
  });
  return { tray, commands, tc };
}

describe('the tray controller', () => {
  it('sets the icon, tooltip and menu on the first render', () => {
    const { tray, tc } = controller();
    tc.render(calm, options);
    expect(tray.calls.map((c) => c.call)).toEqual(['setImage', 'setToolTip', 'setContextMenu']);
    expect(tray.image).toBe('icon:running');
    expect(tray.tooltip).toBe(
      'GitGuild: Running, bot online in 1 guild\nLast sync never, next not scheduled',
    );
    expect(tray.labels()).toEqual([
      'Open GitGuild',
      '(Running, bot online in 1 guild)',
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

  it('touches the tray only for what changed', () => {
    const { tray, tc } = controller();
    tc.render(calm, options);
    tray.calls.length = 0;
    tc.render(calm, options);
    expect(tray.calls).toEqual([]);

    tc.render({ ...calm, activity: { job: 'crawl', done: 1, total: 5 } }, options);
    expect(tray.calls.map((c) => c.call)).toEqual(['setImage', 'setToolTip', 'setContextMenu']);
    expect(tray.image).toBe('icon:syncing');
    expect(tray.labels()).toContain('(Syncing…)');

    tray.calls.length = 0;
    tc.render({ ...calm, activity: { job: 'crawl', done: 2, total: 5 } }, options);
    // Same state and the same menu items apart from the status line: no new image.
    expect(tray.calls.map((c) => c.call)).toEqual(['setToolTip', 'setContextMenu']);
  });

  it('moves through every state with its own icon', () => {
    const { tray, tc } = controller();
    const seen: string[] = [];
    const inputs: TrayInput[] = [
      calm,
      { ...calm, activity: { job: 'sync', done: 0, total: 2 } },
      { ...calm, scheduler: { ...calm.scheduler, condition: 'paused' } },
      { ...calm, bot: { condition: 'offline', guilds: 0 } },
      { ...calm, attention: [{ key: 'store', summary: 'a data file is damaged', page: 'store' }] },
      calm,
    ];
    for (const input of inputs) {
      tc.render(input, options);
      seen.push(tray.image ?? '');
    }
    expect(seen).toEqual([
      'icon:running',
      'icon:syncing',
      'icon:paused',
      'icon:bot-offline',
      'icon:attention',
      'icon:running',
    ]);
  });

  it('sends a menu click to the command it stands for', () => {
    const { tray, commands, tc } = controller();
    tc.render(calm, options);
    tray.click('Sync now');
    tray.click('Launch at login');
    tray.click('Open GitGuild');
    tray.click('Pause sync');
    tray.click('Stop bot');
    tray.click('Quit GitGuild');
    expect(commands).toEqual([
      'sync-now',
      'launch-at-login',
      'open',
      'pause-sync',
      'stop-bot',
      'quit',
    ]);
    tc.render({ ...calm, activity: { job: 'sync', done: 0, total: 2 } }, options);
    expect(() => tray.click('Syncing…')).toThrow(/disabled/);
  });

  it('removes the icon once and ignores renders afterwards', () => {
    const { tray, tc } = controller();
    tc.render(calm, options);
    tc.destroy();
    tc.destroy();
    tray.calls.length = 0;
    tc.render({ ...calm, bot: { condition: 'offline', guilds: 0 } }, options);
    expect(tray.calls).toEqual([]);
    expect(tray.destroyed).toBe(true);
  });
});
