// Server-sent events for AdminEvents. Each new client first gets the current status, so a UI
// that (re)connects is in step without polling; a comment line every 25 s keeps proxies open.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminEvent } from '../api/contract.js';
import type { Host } from '../host/host.js';
import { SECURITY_HEADERS } from './security-headers.js';

const HEARTBEAT_MS = 25_000;

function frame(event: AdminEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export function openEventStream(
  host: Host,
  request: IncomingMessage,
  response: ServerResponse,
  /** Which events this client may see (a dashboard session sees its guilds' only); all by default. */
  visible: (event: AdminEvent) => boolean | Promise<boolean> = () => true,
): () => void {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.write('retry: 3000\n\n');
  response.write(frame({ type: 'status', health: host.health() }));
  // Chained, so an asynchronous visibility check cannot reorder events.
  let queue: Promise<void> = Promise.resolve();
  const unsubscribe = host.events.subscribe((event) => {
    queue = queue
      .then(async () => {
        if (!closed && (await visible(event))) response.write(frame(event));
      })
      .catch(() => undefined);
  });
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    response.end();
  };
  request.on('close', close);
  return close;
}
