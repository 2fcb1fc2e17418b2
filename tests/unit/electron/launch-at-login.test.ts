import { describe, expect, it } from 'vitest';
import {
  HIDDEN_FLAG,
  applyLaunchAtLogin,
  autostartDesktopEntry,
  autostartFilePath,
  launchCommand,
  quoteExecArgument,
  startsHidden,
  type AutostartFilesPort,
  type LaunchTarget,
} from '../../../src-main/electron/launch-at-login.js';

function ports(env: NodeJS.ProcessEnv = {}) {
  const loginItems: unknown[] = [];
  const files = new Map<string, string>();
  const removed: string[] = [];
  const fileStore: AutostartFilesPort = {
    write: async (path, content) => void files.set(path, content),
    remove: async (path) => {
      removed.push(path);
      files.delete(path);
    },
  };
  return {
    loginItems,
    files,
    removed,
    ports: {
      loginItems: { setLoginItemSettings: (s: unknown) => void loginItems.push(s) },
      files: fileStore,
      env,
      home: '/home/ada',
    },
  };
}

const packaged = (platform: NodeJS.Platform, execPath: string): LaunchTarget => ({
  platform,
  execPath,
  appPath: null,
});

describe('launch at login', () => {
  it('registers a macOS login item without arguments (macOS says it opened at login)', async () => {
    const p = ports();
    await applyLaunchAtLogin(
      true,
      packaged('darwin', '/Applications/GitGuild.app/Contents/MacOS/GitGuild'),
      p.ports,
    );
    await applyLaunchAtLogin(
      false,
      packaged('darwin', '/Applications/GitGuild.app/Contents/MacOS/GitGuild'),
      p.ports,
    );
    expect(p.loginItems).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
    expect(p.files.size).toBe(0);
  });

  it('registers the Windows run key with the hidden flag', async () => {
    const p = ports();
    const exe = 'C:\\Users\\Ada\\AppData\\Local\\Programs\\GitGuild\\GitGuild.exe';
    await applyLaunchAtLogin(true, packaged('win32', exe), p.ports);
    expect(p.loginItems).toEqual([{ openAtLogin: true, path: exe, args: [HIDDEN_FLAG] }]);
  });

  it('writes and removes an XDG autostart entry on Linux, in XDG_CONFIG_HOME when set', async () => {
    const p = ports({ XDG_CONFIG_HOME: '/home/ada/.cfg' });
    const target: LaunchTarget = {
      platform: 'linux',
      execPath: '/tmp/.mount_GitGuiXYZ/gitguild',
      appPath: null,
      appImage: '/home/ada/Apps/GitGuild 0.1.0.AppImage',
    };
    await applyLaunchAtLogin(true, target, p.ports);
    const path = '/home/ada/.cfg/autostart/gitguild.desktop';
    expect([...p.files.keys()]).toEqual([path]);
    expect(p.files.get(path)).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=GitGuild',
        "Comment=Run an open-source community's Discord from its GitHub contributions",
        'Exec="/home/ada/Apps/GitGuild 0.1.0.AppImage" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
    expect(p.loginItems).toEqual([]);
    await applyLaunchAtLogin(false, target, p.ports);
    expect(p.files.size).toBe(0);
    expect(p.removed).toEqual([path]);
  });

  it('uses ~/.config/autostart without XDG_CONFIG_HOME', () => {
    expect(autostartFilePath({}, '/home/ada')).toBe('/home/ada/.config/autostart/gitguild.desktop');
  });

  it('starts an unpackaged app through Electron with the app folder', () => {
    expect(
      launchCommand({
        platform: 'linux',
        execPath: '/repo/node_modules/electron/dist/electron',
        appPath: '/repo',
      }),
    ).toEqual(['/repo/node_modules/electron/dist/electron', '/repo', '--hidden']);
  });

  it('quotes Exec arguments as the desktop entry spec asks', () => {
    expect(quoteExecArgument('/opt/GitGuild/gitguild')).toBe('/opt/GitGuild/gitguild');
    expect(quoteExecArgument('/opt/Git Guild/$HOME`x`"q"\\')).toBe(
      '"/opt/Git Guild/\\$HOME\\`x\\`\\"q\\"\\\\"',
    );
    expect(quoteExecArgument('/opt/100%/gitguild')).toBe('/opt/100%%/gitguild');
    expect(autostartDesktopEntry(['/a b/c', '--hidden'])).toContain('Exec="/a b/c" --hidden\n');
  });
});

describe('starting hidden', () => {
  const base = {
    argv: ['/opt/GitGuild/gitguild'],
    platform: 'linux' as const,
    wasOpenedAtLogin: false,
    startMinimized: false,
  };

  it('shows the window on a normal start', () => {
    expect(startsHidden(base)).toBe(false);
  });

  it('stays in the tray when started at login or asked to start minimized', () => {
    expect(startsHidden({ ...base, argv: [...base.argv, HIDDEN_FLAG] })).toBe(true);
    expect(startsHidden({ ...base, platform: 'darwin', wasOpenedAtLogin: true })).toBe(true);
    expect(startsHidden({ ...base, wasOpenedAtLogin: true })).toBe(false);
    expect(startsHidden({ ...base, startMinimized: true })).toBe(true);
  });
});
