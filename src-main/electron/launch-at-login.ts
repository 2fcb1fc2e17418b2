// Launch at login, off by default (the `launchAtLogin` setting), starting hidden in the tray.
// macOS and Windows register through Electron's login items; Electron has none on Linux, where
// the XDG autostart spec is the standard: a .desktop file in ~/.config/autostart.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Passed on the command line of an automatic start: open to the tray, no window. */
export const HIDDEN_FLAG = '--hidden';

export interface LaunchTarget {
  platform: NodeJS.Platform;
  /** The executable (Electron's `process.execPath`). */
  execPath: string;
  /** The app folder to pass to Electron when running unpackaged (`npm start`); null when packaged. */
  appPath: string | null;
  /** The AppImage file when running from one: `execPath` points inside its temporary mount. */
  appImage?: string | undefined;
}

/** The command that starts GitGuild hidden, as argv. */
export function launchCommand(target: LaunchTarget): string[] {
  const executable = target.appImage ?? target.execPath;
  return [executable, ...(target.appPath ? [target.appPath] : []), HIDDEN_FLAG];
}

/** Quotes one argument for a desktop entry's Exec key (Desktop Entry Specification, "Exec"). */
export function quoteExecArgument(arg: string): string {
  const escapedPercent = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(escapedPercent)) return escapedPercent;
  return `"${escapedPercent.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
}

export function autostartDesktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=GitGuild',
    "Comment=Run an open-source community's Discord from its GitHub contributions",
    `Exec=${command.map(quoteExecArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartFilePath(env: NodeJS.ProcessEnv, home = homedir()): string {
  const configHome = env['XDG_CONFIG_HOME'] || join(home, '.config');
  return join(configHome, 'autostart', 'gitguild.desktop');
}

/** Electron's `app` login-item calls (macOS, Windows). */
export interface LoginItemsPort {
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
}

export interface AutostartFilesPort {
  write(path: string, content: string): Promise<void>;
  remove(path: string): Promise<void>;
}

export const nodeAutostartFiles: AutostartFilesPort = {
  async write(path, content) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, { mode: 0o644 });
  },
  remove: (path) => rm(path, { force: true }),
};

export interface LaunchAtLoginPorts {
  loginItems: LoginItemsPort;
  files: AutostartFilesPort;
  env: NodeJS.ProcessEnv;
  home?: string;
}

/** Makes the OS match the setting: registers or removes GitGuild as a login item. */
export async function applyLaunchAtLogin(
  enabled: boolean,
  target: LaunchTarget,
  ports: LaunchAtLoginPorts,
): Promise<void> {
  const command = launchCommand(target);
  switch (target.platform) {
    case 'darwin':
      // macOS starts login items without arguments; `wasOpenedAtLogin` tells us to stay hidden.
      ports.loginItems.setLoginItemSettings({ openAtLogin: enabled });
      return;
    case 'win32':
      ports.loginItems.setLoginItemSettings({
        openAtLogin: enabled,
        path: command[0],
        args: command.slice(1),
      });
      return;
    default: {
      const path = autostartFilePath(ports.env, ports.home);
      if (enabled) await ports.files.write(path, autostartDesktopEntry(command));
      else await ports.files.remove(path);
    }
  }
}

export interface StartContext {
  argv: readonly string[];
  platform: NodeJS.Platform;
  /** macOS: `app.getLoginItemSettings().wasOpenedAtLogin`. */
  wasOpenedAtLogin: boolean;
  /** The `startMinimized` setting: always start in the tray. */
  startMinimized: boolean;
}

/** Whether this start should stay in the tray without showing the window. */
export function startsHidden(context: StartContext): boolean {
  if (context.startMinimized) return true;
  if (context.argv.includes(HIDDEN_FLAG)) return true;
  return context.platform === 'darwin' && context.wasOpenedAtLogin;
}
