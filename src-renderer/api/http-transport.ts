// The headless transport: `POST /api/rpc/<method>` with a bearer token, and server-sent events
// on `/api/events`. The browser's EventSource cannot send headers, so the stream is read by the
// `eventsource` package over fetch with the same Authorization header: the token never appears in
// a URL, where proxies and access logs would keep it.
import type { EventSourceFetchInit, FetchLike } from 'eventsource';
import type { AdminEvent, MethodName } from '../../src-main/api/contract';
import { ApiError, parseErrorPayload } from './api-error';
import type { AdminTransport } from './transport';

/** The part of an EventSource the transport uses. */
export interface EventStream {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** Opens an event stream whose requests go through the given fetch (`new EventSource(url, { fetch })`). */
export type OpenEventStream = (url: string, init: { fetch: FetchLike }) => EventStream;

export interface HttpTransportOptions {
  /** Origin (and optional path prefix) of the host, e.g. `http://127.0.0.1:4312`. */
  baseUrl: string;
  token: string | null;
  fetch: typeof fetch;
  /** Absent where no event stream is wanted (unit tests of calls); events are then not delivered. */
  openEventStream?: OpenEventStream;
}

// A record, not a list, so a new event type in the contract fails to compile until it is added.
const KNOWN_EVENTS: Record<AdminEvent['type'], true> = {
  status: true,
  progress: true,
  'crawl-finished': true,
};
const EVENT_TYPES = Object.keys(KNOWN_EVENTS) as AdminEvent['type'][];

const NO_TOKEN_HINT = 'Open the URL that "npm run serve" printed: it carries the access token.';

export function createHttpTransport(options: HttpTransportOptions): AdminTransport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const listeners = new Set<(event: AdminEvent) => void>();
  let source: EventStream | null = null;

  async function call(method: MethodName, input: unknown): Promise<unknown> {
    if (!options.token) {
      throw new ApiError(
        'unauthorized',
        'This page has no access token for the GitGuild host.',
        NO_TOKEN_HINT,
      );
    }
    let response: Response;
    try {
      response = await options.fetch(`${base}/api/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      throw new ApiError(
        'unreachable',
        'The GitGuild host is not answering.',
        'Check that the host (npm run serve, or the desktop app) is still running.',
      );
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) return body;
    const payload = parseErrorPayload(body);
    if (payload) {
      const hint = payload.hint ?? (response.status === 401 ? NO_TOKEN_HINT : undefined);
      throw ApiError.fromPayload(hint ? { ...payload, hint } : payload, response.status);
    }
    throw new ApiError(
      response.status === 401 ? 'unauthorized' : 'internal',
      `The host answered ${response.status} ${response.statusText}`.trim(),
      response.status === 401 ? NO_TOKEN_HINT : undefined,
      [],
      response.status,
    );
  }

  function deliver(message: MessageEvent): void {
    let event: unknown;
    try {
      event = JSON.parse(String(message.data));
    } catch {
      return; // A malformed frame is dropped; the next status event brings the UI back in step.
    }
    if (typeof event !== 'object' || event === null) return;
    const type = (event as { type?: unknown }).type;
    if (!EVENT_TYPES.includes(type as AdminEvent['type'])) return;
    for (const listener of listeners) listener(event as AdminEvent);
  }

  function openSource(): void {
    const token = options.token;
    if (!options.openEventStream || !token) return;
    // Every (re)connect of the stream goes through here and carries the header.
    const authorizedFetch: FetchLike = (url, init: EventSourceFetchInit) =>
      options.fetch(url, {
        ...init,
        headers: { ...init.headers, Authorization: `Bearer ${token}` },
      });
    source = options.openEventStream(`${base}/api/events`, { fetch: authorizedFetch });
    // Servers may send unnamed frames or name them by event type; accept both.
    source.addEventListener('message', deliver);
    for (const type of EVENT_TYPES) source.addEventListener(type, deliver);
  }

  return {
    kind: 'http',
    call,
    subscribe(listener) {
      listeners.add(listener);
      if (!source) openSource();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
