// Serves the simulated guild's web view (index.html, app.js, styles.css in this folder) under
// /guild/ on the simulator's own port. The page reads and drives the simulator through the
// control API (/_control), so it shows exactly what tests see.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

const FILES: Record<string, { name: string; type: string }> = {
  '/guild/': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/guild/app.js': { name: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/guild/styles.css': { name: 'styles.css', type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

function file(name: string): Buffer {
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(new URL(`./${name}`, import.meta.url));
    cache.set(name, body);
  }
  return body;
}

export const isGuildViewPath = (path: string): boolean =>
  path === '/guild' || path.startsWith('/guild/');

/** Answers a /guild… request; returns the status sent. */
export function serveGuildView(res: ServerResponse, path: string): number {
  if (path === '/guild') {
    res.writeHead(301, { Location: '/guild/' });
    res.end();
    return 301;
  }
  const entry = FILES[path];
  if (!entry) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return 404;
  }
  const body = file(entry.name);
  res.writeHead(200, {
    'Content-Type': entry.type,
    'Content-Length': body.length.toString(),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
  res.end(body);
  return 200;
}
