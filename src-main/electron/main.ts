// Electron entry: one instance, one window, a tray, and the same host the headless server runs.
// Closing the window keeps GitGuild in the tray (the bot keeps running); Quit stops the host.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { createHost } from '../host/create-host.js';
import type { Host } from '../host/host.js';
import { createLogger } from '../log/logger.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { bindAdminApi } from './ipc-binding.js';
import { createMainWindow } from './main-window.js';
import { isNavigationAllowed, originForLog } from './security.js';
import { createAppTray } from './tray.js';

// dist/main/electron.js -> dist/
const distDir = fileURLToPath(new URL('..', import.meta.url));
const rendererDir = join(distDir, 'renderer');
const preloadPath = join(distDir, 'preload', 'preload.cjs');
const iconPath = join(rendererDir, 'icon-256.png');
const trayIconPath = join(
  rendererDir,
  process.platform === 'darwin' ? 'icon-16.png' : 'icon-32.png',
);

const logger = createLogger('electron');

// Tests and portable setups point the app at their own data; everyone else gets the OS default.
if (process.env['GITGUILD_DATA_DIR']) app.setPath('userData', process.env['GITGUILD_DATA_DIR']);

registerAppScheme();

// Global guards, applied to every web contents ever created (windows, devtools, anything).
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('refused to open a new window', { target: originForLog(url) });
    return { action: 'deny' };
  });
  const guard = (event: Electron.Event<{ url: string }>): void => {
    if (isNavigationAllowed(event.url)) return;
    event.preventDefault();
    logger.warn('refused navigation away from the app', { target: originForLog(event.url) });
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

let mainWindow: BrowserWindow | null = null;
let host: Host | null = null;
let quitting = false;

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function startApp(): Promise<void> {
  await app.whenReady();
  serveAppProtocol(rendererDir);
  // The UI needs no camera, notifications or geolocation: refuse every permission request.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );

  const secretsBackend = process.env['GITGUILD_SECRETS'] === 'memory' ? 'memory' : 'keytar';
  host = await createHost({
    mode: 'desktop',
    dataDir: app.getPath('userData'),
    logger,
    secrets: { backend: secretsBackend },
  });
  const binding = bindAdminApi(host);
  const runningHost = host;

  const tray = createAppTray({
    iconPath: trayIconPath,
    onOpen: showWindow,
    onQuit: () => app.quit(),
  });
  tray.showHealth(host.health());
  host.events.subscribe((event) => {
    if (event.type === 'status') tray.showHealth(event.health);
  });

  const startMinimized = runningHost.health().store.ok
    ? (await runningHost.handlers['settings.get'](undefined)).startMinimized
    : false;
  mainWindow = createMainWindow({ preloadPath, iconPath, show: !startMinimized });
  binding.attach(mainWindow.webContents);
  mainWindow.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    mainWindow?.hide();
  });

  await host.start();
  logger.info('desktop app ready', { dataDir: host.dataDir });
}

if (!app.requestSingleInstanceLock()) {
  // Another GitGuild already runs the bot; it shows its window (second-instance) and we leave.
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  // With the window hidden rather than closed this rarely fires; the tray keeps the app alive.
  app.on('window-all-closed', () => undefined);

  app.on('before-quit', (event) => {
    if (quitting && !host) return;
    quitting = true;
    if (!host) return;
    // Stop the bot and flush the store before the process ends.
    event.preventDefault();
    const stopping = host;
    host = null;
    stopping
      .stop()
      .catch((error: unknown) => logger.error('host did not stop cleanly', { error }))
      .finally(() => app.quit());
  });

  startApp().catch((error: unknown) => {
    logger.error('GitGuild could not start', { error });
    dialog.showErrorBox(
      'GitGuild could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
}
