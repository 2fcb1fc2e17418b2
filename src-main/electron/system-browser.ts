// OAuth sign-in in the system browser: the host's `openExternal` (HostConfig) is Electron's
// `shell.openExternal` behind this check. Only web addresses leave the app: https anywhere, plain
// http only to this machine (the simulators and a loopback OAuth provider). Anything else (file:,
// a custom scheme handler, credentials in the authority) is refused, and the host then shows the
// sign-in link in the UI instead. The URL is never logged whole (its query carries the flow's state).
import type { Logger } from '../log/logger.js';
import { originForLog } from './security.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isBrowserUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** Wraps Electron's `shell.openExternal` as the host's `openExternal`. */
export function systemBrowserOpener(
  open: (url: string) => Promise<void>,
  logger: Logger,
): (url: string) => Promise<void> {
  return async (url) => {
    if (!isBrowserUrl(url)) {
      logger.warn('refused to open a non-web address in the system browser', {
        origin: originForLog(url),
      });
      throw new Error('Only https addresses (or http on this machine) open in the browser.');
    }
    logger.info('opening the system browser', { origin: originForLog(url) });
    await open(url);
  };
}
