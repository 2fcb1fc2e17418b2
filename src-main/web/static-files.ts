// Serves the built renderer (dist/renderer). Paths are resolved inside the root only; unknown
// paths without a file extension get index.html so client-side routes survive a reload.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './security-headers.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    ...extra,
  });
  response.end(text);
}

export function createStaticHandler(rootDir: string) {
  const root = resolve(rootDir);
  return async (
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
  ): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      sendText(response, 400, 'Malformed path.');
      return;
    }
    const candidate = resolve(root, '.' + normalize(`/${relative}`));
    const inside = candidate === root || candidate.startsWith(root + sep);
    const hidden = relative.split('/').some((part) => part.startsWith('.') && part.length > 1);
    if (!inside || hidden) {
      sendText(response, 404, 'Not found.');
      return;
    }
    let file = candidate;
    if (!(await isFile(file))) {
      if (extname(relative) !== '') {
        sendText(response, 404, 'Not found.');
        return;
      }
      file = join(root, 'index.html');
      if (!(await isFile(file))) {
        sendText(response, 503, 'The admin UI is not built yet. Run `npm run build`, then reload.');
        return;
      }
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    // Vite fingerprints everything under assets/; index.html must always be re-read.
    const cache = file.includes(`${sep}assets${sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache';
    const { size } = await stat(file);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': size,
      'Cache-Control': cache,
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file).pipe(response);
  };
}
