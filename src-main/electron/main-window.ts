// The one window. Electron's secure defaults are spelled out rather than assumed, so a future
// upgrade or a copy-paste cannot quietly turn one off.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './security.js';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string;
  show: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 760,
    minHeight: 480,
    title: 'GitGuild',
    icon: options.iconPath,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      // electronegativity asks for every preload to be reviewed. Ours is the only bridge: it runs
      // sandboxed and exposes exactly two functions (invoke, onEvent) through contextBridge; the
      // main process checks each call's sender and schema (ipc-binding.ts). Reviewed, accepted.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would ask for a new window (denied anyway); this removes the event itself.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (options.show) window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
