// Serves the built renderer from `gitguild://app/`. A custom scheme (rather than file://) gives
// the pages a real origin for the trusted-sender and navigation checks, and lets us attach the
// CSP header to every response ourselves.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_CONTENT_SECURITY_POLICY, APP_SCHEME, resolveAppAsset } from './security.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const BASE_HEADERS = {
  'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(rendererDir, request.url);
    if (!asset) return new Response('Not found', { status: 404, headers: BASE_HEADERS });
    try {
      const body = await readFile(asset.path);
      return new Response(body, {
        status: 200,
        headers: { ...BASE_HEADERS, 'Content-Type': asset.contentType },
      });
    } catch {
      return new Response('Not found', { status: 404, headers: BASE_HEADERS });
    }
  });
}
