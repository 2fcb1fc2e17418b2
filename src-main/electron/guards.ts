// The handlers behind Electron's security hooks, as plain functions: what is refused (every
// permission, new windows, navigation away from the app, webviews, remote requests) and what is
// logged. main.ts installs them on every session and web contents; tests call them directly.
import type { Logger } from '../log/logger.js';
import { isAppUrl, isNavigationAllowed, originForLog } from './security.js';

/**
 * Permissions the UI uses. None: it needs no camera, microphone, notifications (the main process
 * shows those), clipboard, geolocation, MIDI, HID, serial, USB or fullscreen. Adding one here is
 * a reviewed decision; everything else is refused on request and on check.
 */
export const PERMISSIONS_THE_UI_USES: ReadonlySet<string> = new Set<string>();

export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return PERMISSIONS_THE_UI_USES.has(permission) && isAppUrl(requestingUrl);
}

/** For `session.setPermissionRequestHandler`: asks are answered no (and logged). */
export function permissionRequestHandler(logger: Logger) {
  return (
    _contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details?: { requestingUrl?: string },
  ): void => {
    const url = details?.requestingUrl ?? '';
    const granted = isPermissionGranted(permission, url);
    if (!granted)
      logger.warn('permission request refused', { permission, from: originForLog(url) });
    callback(granted);
  };
}

/** For `session.setPermissionCheckHandler`: Chromium asks this before features even prompt. */
export function permissionCheckHandler() {
  return (_contents: unknown, permission: string, requestingOrigin: string): boolean =>
    isPermissionGranted(permission, requestingOrigin);
}

/** For `webContents.setWindowOpenHandler`: no new windows, for any URL. */
export function windowOpenHandler(logger: Logger) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    logger.warn('refused to open a new window', { target: originForLog(url) });
    return { action: 'deny' };
  };
}

export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** For `will-navigate`, `will-frame-navigate` and `will-redirect`: stay inside the app. */
export function navigationGuard(logger: Logger) {
  return (event: NavigationEvent): void => {
    if (isNavigationAllowed(event.url)) return;
    event.preventDefault();
    logger.warn('refused navigation away from the app', { target: originForLog(event.url) });
  };
}

/** For `will-attach-webview`: the UI has no webviews, so none may be attached. */
export function webviewGuard(logger: Logger) {
  return (event: { preventDefault(): void }): void => {
    event.preventDefault();
    logger.warn('refused to attach a webview');
  };
}

/**
 * Requests the renderer may make: its own files, and the blob: and data: URLs it creates (the
 * config export download, inline images). No http(s), ws(s) or file: ever; the UI reaches the
 * host over IPC only, and Discord and GitHub are called from the main process.
 */
export function isLocalRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return isAppUrl(url.slice('blob:'.length));
  return url.startsWith('devtools://');
}

/** For `session.webRequest.onBeforeRequest`: cancel remote content before it is fetched. */
export function remoteContentBlocker(logger: Logger) {
  return (details: { url: string }, callback: (response: { cancel: boolean }) => void): void => {
    const cancel = !isLocalRequest(details.url);
    if (cancel) logger.warn('refused remote content', { target: originForLog(details.url) });
    callback({ cancel });
  };
}
