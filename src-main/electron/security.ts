// The Electron shell's security decisions as pure functions, so they are unit-tested without
// Electron: which URLs are our app, which IPC senders we trust, where navigation may go, and
// which file a request for our app protocol may read.
import { extname, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy.js';

/** The renderer is served from `gitguild://app/`, a privileged standard scheme only we handle. */
export const APP_SCHEME = 'gitguild';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Same policy as the headless host (declared once in host/content-security-policy.ts). */
export const APP_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True only for `gitguild://app/...` with no credentials or port smuggled into the authority. */
export function isAppUrl(raw: string): boolean {
  const url = parse(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** The origin of a URL for logs (never the full URL, which may carry tokens), or a placeholder. */
export function originForLog(raw: string): string {
  const url = parse(raw);
  return url ? `${url.protocol}//${url.host}` : 'an unparseable URL';
}

/** The parts of Electron's WebFrameMain the trust decision needs. */
export interface SenderFrame {
  url: string;
  /** null for a top-level frame; iframes (which we never create) are not trusted. */
  parent: unknown;
}

/** IPC is answered only for our app's top-level frame (GitHub Desktop's trusted-ipc-sender idea). */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}

/** Navigation (and redirects) may only stay inside the app; everything else is refused. */
export function isNavigationAllowed(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface AppAsset {
  path: string;
  contentType: string;
}

/**
 * Maps `gitguild://app/<path>` to a file inside `rootDir`, or null when the URL is not ours, the
 * path escapes the root (`..`, encoded separators) or the type is not one we serve.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): AppAsset | null {
  if (!isAppUrl(requestUrl)) return null;
  const url = new URL(requestUrl);
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative =
    pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const path = resolve(root, normalize(relative));
  if (!path.startsWith(root + sep)) return null;
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  return contentType ? { path, contentType } : null;
}
