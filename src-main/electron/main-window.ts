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
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (options.show) window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
