// Electron entry: one instance, one window, a tray, and the same host the headless server runs.
// Closing the window keeps GitGuild in the tray (bot and scheduler keep running); Quit stops the
// host in order. Everything with behaviour lives in plain modules (desktop-shell.ts and what it
// uses); this file creates the Electron objects, installs the security guards and forwards events.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  dialog,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  session,
  shell as electronShell,
  Tray,
  type BrowserWindow,
  type Session,
  type WebContents,
} from 'electron';
import { DESKTOP_ADMIN } from '../api/caller.js';
import { invokeMethod } from '../api/invoke.js';
import { createHost } from '../host/create-host.js';
import type { Host } from '../host/host.js';
import { createLogger } from '../log/logger.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { fileBackedHint } from './close-to-tray.js';
import { trayActions } from './desktop-actions.js';
import { desktopHostConfig } from './desktop-host.js';
import { pageUrl } from './desktop-pages.js';
import { DesktopShell, type DesktopProbe } from './desktop-shell.js';
import {
  navigationGuard,
  permissionCheckHandler,
  permissionRequestHandler,
  remoteContentBlocker,
  webviewGuard,
  windowOpenHandler,
} from './guards.js';
import { bindAdminApi, type AdminApiBinding } from './ipc-binding.js';
import {
  applyLaunchAtLogin,
  nodeAutostartFiles,
  startsHidden,
  type LaunchTarget,
} from './launch-at-login.js';
import { createMainWindow } from './main-window.js';
import { QuitSequence } from './quit-sequence.js';
import { trayIconFile } from './tray-icons.js';
import type { TrayState } from './tray-state.js';
import { WakeCatchUp } from './wake-catch-up.js';

// dist/main/electron.js -> dist/
const distDir = fileURLToPath(new URL('..', import.meta.url));
const rendererDir = join(distDir, 'renderer');
const preloadPath = join(distDir, 'preload', 'preload.cjs');
const iconPath = join(rendererDir, 'icon-256.png');
const trayIconDir = join(rendererDir, 'tray');
/** How long Quit waits for the host (a crawl's last write, the bot's goodbye) before leaving. */
const QUIT_TIMEOUT_MS = 10_000;

const logger = createLogger('electron');

// Tests and portable setups point the app at their own data; everyone else gets the OS default.
// Before the single-instance lock, which is keyed by this directory.
if (process.env['GITGUILD_DATA_DIR']) app.setPath('userData', process.env['GITGUILD_DATA_DIR']);
// Windows shows notifications only for an app with an AppUserModelID (electron-builder's appId).
if (process.platform === 'win32') app.setAppUserModelId('dev.gitguild.app');

// Every renderer sandboxed, whatever a future window forgets to ask for.
app.enableSandbox();
registerAppScheme();

function guardContents(contents: WebContents): void {
  contents.setWindowOpenHandler(windowOpenHandler(logger));
  const guard = navigationGuard(logger);
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', webviewGuard(logger));
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

const guardedSessions = new WeakSet<Session>();
function guardSession(target: Session): void {
  // The default session may also arrive through `session-created`; one set of handlers each.
  if (guardedSessions.has(target)) return;
  guardedSessions.add(target);
  target.setPermissionRequestHandler(permissionRequestHandler(logger));
  target.setPermissionCheckHandler(permissionCheckHandler());
  target.setDevicePermissionHandler(() => false);
  // Device pickers would otherwise pick the first device by themselves.
  target.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  target.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  target.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  target.webRequest.onBeforeRequest(remoteContentBlocker(logger));
}

// Global guards, applied to every web contents and session ever created.
app.on('web-contents-created', (_event, contents) => guardContents(contents));
app.on('session-created', guardSession);

let mainWindow: BrowserWindow | null = null;
let host: Host | null = null;
let binding: AdminApiBinding | null = null;
let shell: DesktopShell<Electron.NativeImage, Electron.Menu> | null = null;

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

const quit = new QuitSequence({
  steps: [
    {
      name: 'tray shows quitting; the window stops calling the host',
      run: () => {
        shell?.markQuitting();
        binding?.unbind();
      },
    },
    // Host.stop stops the crawl and the scheduler first (they write), then the bot, then waits
    // for the store's queued writes to reach the disk.
    { name: 'host: scheduler, bot, pending writes', run: () => host?.stop() },
    { name: 'tray icon', always: true, run: () => shell?.stop() },
  ],
  timeoutMs: QUIT_TIMEOUT_MS,
  quitApp: () => app.quit(),
  logger,
});

function trayImage(state: TrayState): Electron.NativeImage {
  const image = nativeImage.createFromPath(
    join(trayIconDir, trayIconFile(state, process.platform)),
  );
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

async function startApp(): Promise<void> {
  await app.whenReady();
  guardSession(session.defaultSession);
  serveAppProtocol(rendererDir);

  const launchTarget: LaunchTarget = {
    platform: process.platform,
    execPath: process.execPath,
    appPath: app.isPackaged ? null : app.getAppPath(),
    appImage: process.env['APPIMAGE'],
  };
  let launchAtLogin = false;
  const applyLogin = (enabled: boolean): Promise<void> =>
    applyLaunchAtLogin(enabled, launchTarget, {
      loginItems: app,
      files: nodeAutostartFiles,
      env: process.env,
    }).catch((error: unknown) => logger.warn('could not update launch at login', { error }));

  const created = await createHost(
    desktopHostConfig({
      dataDir: app.getPath('userData'),
      logger,
      env: process.env,
      isPackaged: app.isPackaged,
      // OAuth sign-in: the provider's page opens in the admin's own browser, where they are
      // already signed in and can see the address; never inside the app. electronegativity asks
      // for every openExternal to be reviewed: the host calls this only with the sign-in URL it
      // built, and desktopHostConfig wraps it in system-browser.ts's check (https, or http to this
      // machine; no file: or other schemes). Reviewed, accepted.
      openExternal: (url) => electronShell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
      onSettingsChanged: (settings) => {
        if (settings.launchAtLogin === launchAtLogin) return;
        launchAtLogin = settings.launchAtLogin;
        void applyLogin(launchAtLogin);
        shell?.refresh();
      },
    }),
  );
  if (quit.quitting) {
    await created.stop();
    return;
  }
  host = created;
  binding = bindAdminApi(created);

  const settings = created.health().store.ok
    ? await created.handlers['settings.get'](undefined, { caller: DESKTOP_ADMIN })
    : null;
  launchAtLogin = settings?.launchAtLogin ?? false;
  // An installed app keeps the OS in step with the setting (the executable may have moved with an
  // update). Development runs touch login items only when the admin flips the setting.
  if (app.isPackaged && settings) await applyLogin(launchAtLogin);

  const hidden = startsHidden({
    argv: process.argv,
    platform: process.platform,
    wasOpenedAtLogin:
      process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true,
    startMinimized: settings?.startMinimized ?? false,
  });
  const window = createMainWindow({ preloadPath, iconPath, show: !hidden });
  mainWindow = window;
  binding.attach(window.webContents);

  const tray = new Tray(trayImage('running'));
  const hint = await fileBackedHint(created.dataDir, (error) =>
    logger.warn('could not remember the tray hint', { error }),
  );
  const actions = trayActions(created.handlers, logger);
  const desktop = new DesktopShell<Electron.NativeImage, Electron.Menu>({
    host: created,
    actions,
    tray: {
      tray: {
        setImage: (image) => tray.setImage(image),
        setToolTip: (text) => tray.setToolTip(text),
        setContextMenu: (menu) => tray.setContextMenu(menu),
        destroy: () => tray.destroy(),
      },
      buildMenu: (template) => Menu.buildFromTemplate(template),
      iconFor: trayImage,
      now: () => new Date(),
    },
    notifications: {
      isSupported: () => Notification.isSupported(),
      create: ({ title, body }) => new Notification({ title, body, icon: iconPath }),
    },
    window: {
      show: showWindow,
      openPage: (page) => {
        showWindow();
        // Same document, new fragment: the renderer's router follows `hashchange`.
        void window.webContents.loadURL(pageUrl(page));
      },
    },
    launchAtLogin: {
      enabled: () => launchAtLogin,
      set: async (enabled) => {
        await invokeMethod(created.handlers, 'settings.update', { launchAtLogin: enabled });
      },
    },
    quit: () => app.quit(),
    hint,
    now: Date.now,
  });
  shell = desktop;
  desktop.start();
  // Linux and Windows open the window on a click; macOS shows the menu.
  tray.on('click', showWindow);
  window.on('close', (event) => desktop.onWindowClose(event, window));
  // Windows logging off or shutting down: stop in order while there is time, and let the window
  // close rather than hide (a hidden-on-close window would hold the session end up).
  window.on('session-end', () => void quit.start());
  // For the Electron e2e spec and for debugging from the main process: read the tray, run a
  // tray command. Not reachable from the renderer (sandboxed, context-isolated, no remote).
  (globalThis as { gitguildDesktop?: DesktopProbe }).gitguildDesktop = desktop.probe();

  const wake = new WakeCatchUp({ scheduler: created.scheduler, now: Date.now, logger });
  powerMonitor.on('suspend', () => wake.onSuspend());
  powerMonitor.on('resume', () => wake.onResume());

  await created.start();
  logger.info('desktop app ready', { dataDir: created.dataDir, hidden });
}

if (!app.requestSingleInstanceLock()) {
  // Another GitGuild already runs the bot; it shows its window (second-instance) and we leave.
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  // Windows are hidden rather than closed; when quitting closes them, the quit sequence decides.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => quit.onBeforeQuit(event));

  startApp().catch((error: unknown) => {
    logger.error('GitGuild could not start', { error });
    dialog.showErrorBox(
      'GitGuild could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
}
