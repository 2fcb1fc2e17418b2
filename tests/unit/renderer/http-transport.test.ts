import { EventSource } from 'eventsource';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src-renderer/api/api-error';
import { clientFromTransport } from '../../../src-renderer/api/api-client';
import { createHttpTransport } from '../../../src-renderer/api/http-transport';

interface Recorded {
  url: string;
  init: RequestInit | undefined;
}

function stubFetch(respond: (url: string) => Response | Promise<Response>) {
  const calls: Recorded[] = [];
  const fetchStub = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return respond(String(input));
  }) as typeof fetch;
  return { fetchStub, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the HTTP transport', () => {
  it('posts the input as JSON to /api/rpc/<method> with the bearer token', async () => {
    const { fetchStub, calls } = stubFetch(() => json(200, { timeZone: 'UTC' }));
    const client = clientFromTransport(
      createHttpTransport({ baseUrl: 'http://127.0.0.1:4000/', token: 'tok', fetch: fetchStub }),
    );

    const result = await client.api['settings.update']({ timeZone: 'Europe/Berlin' });

    expect(result).toEqual({ timeZone: 'UTC' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('http://127.0.0.1:4000/api/rpc/settings.update');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(new Headers(calls[0]?.init?.headers).get('Authorization')).toBe('Bearer tok');
    expect(calls[0]?.init?.body).toBe('{"timeZone":"Europe/Berlin"}');
  });

  it('sends an empty object for methods called without input', async () => {
    const { fetchStub, calls } = stubFetch(() => json(200, {}));
    await clientFromTransport(
      createHttpTransport({ baseUrl: '', token: 't', fetch: fetchStub }),
    ).api.health();
    expect(calls[0]?.url).toBe('/api/rpc/health');
    expect(calls[0]?.init?.body).toBe('{}');
  });

  it('turns a 400 error body into an ApiError with identifier, message and per-field issues', async () => {
    const { fetchStub } = stubFetch(() =>
      json(400, {
        error: {
          identifier: 'invalid_input',
          message: 'Invalid input for settings.update: syncIntervalMinutes: Too small',
          issues: [
            { path: 'syncIntervalMinutes', message: 'Too small: expected number to be >=5' },
          ],
        },
      }),
    );
    const client = clientFromTransport(
      createHttpTransport({ baseUrl: '', token: 't', fetch: fetchStub }),
    );

    const error = await client.api['settings.update']({ syncIntervalMinutes: 1 }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      identifier: 'invalid_input',
      status: 400,
      issues: [{ path: 'syncIntervalMinutes', message: 'Too small: expected number to be >=5' }],
    });
  });

  it('adds a how-to-fix hint to a 401 whose body has none', async () => {
    const { fetchStub } = stubFetch(() =>
      json(401, {
        error: { identifier: 'unauthorized', message: 'A valid API token is required.' },
      }),
    );
    const error = await clientFromTransport(
      createHttpTransport({ baseUrl: '', token: 'wrong', fetch: fetchStub }),
    )
      .api.health()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      identifier: 'unauthorized',
      message: 'A valid API token is required.',
    });
    expect((error as ApiError).hint).toMatch(/npm run serve/);
  });

  it('reports a non-JSON failure with its HTTP status instead of a parse error', async () => {
    const { fetchStub } = stubFetch(
      () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const error = await clientFromTransport(
      createHttpTransport({ baseUrl: '', token: 't', fetch: fetchStub }),
    )
      .api.health()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      identifier: 'internal',
      status: 502,
      message: 'The host answered 502 Bad Gateway',
    });
  });

  it('reports an unreachable host when fetch itself fails', async () => {
    const { fetchStub } = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await clientFromTransport(
      createHttpTransport({ baseUrl: '', token: 't', fetch: fetchStub }),
    )
      .api.health()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ identifier: 'unreachable' });
  });

  it('refuses to call without a token and never touches the network', async () => {
    const { fetchStub, calls } = stubFetch(() => json(200, {}));
    const error = await clientFromTransport(
      createHttpTransport({ baseUrl: '', token: null, fetch: fetchStub }),
    )
      .api.health()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ identifier: 'unauthorized' });
    expect(calls).toHaveLength(0);
  });
});

describe('the HTTP event stream', () => {
  /** A server-sent-events body that stays open, fed by `push`, like the host's stream. */
  function sseResponse() {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
    const encoder = new TextEncoder();
    return {
      response: new Response(body, {
        status: 200,
        headers: { 'Content-Type': 'text/event-stream; charset=utf-8' },
      }),
      push: (frame: string) => controller.enqueue(encoder.encode(frame)),
    };
  }

  function subscribeWithRealEventSource() {
    const stream = sseResponse();
    const { fetchStub, calls } = stubFetch(() => stream.response);
    const opened: EventSource[] = [];
    const transport = createHttpTransport({
      baseUrl: 'http://127.0.0.1:1',
      token: 'a b',
      fetch: fetchStub,
      openEventStream: (url, init) => {
        const source = new EventSource(url, init);
        opened.push(source);
        return source;
      },
    });
    const received: unknown[] = [];
    const unsubscribe = transport.subscribe((event) => received.push(event));
    return { received, unsubscribe, calls, push: stream.push, source: () => opened[0] };
  }

  it('reads /api/events with the token in the Authorization header, never in the URL', async () => {
    const { calls, unsubscribe } = subscribeWithRealEventSource();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.url).toBe('http://127.0.0.1:1/api/events');
    const headers = new Headers(calls[0]?.init?.headers);
    expect(headers.get('Authorization')).toBe('Bearer a b');
    expect(headers.get('Accept')).toBe('text/event-stream');
    unsubscribe();
  });

  it('delivers named and unnamed frames, drops malformed ones and unknown types', async () => {
    const { received, push, unsubscribe } = subscribeWithRealEventSource();
    push('retry: 3000\n\n');
    push(
      `event: progress\ndata: ${JSON.stringify({ type: 'progress', job: 'crawl', done: 1, total: 2 })}\n\n`,
    );
    push('data: not json\n\n');
    push(`data: ${JSON.stringify({ type: 'takeover' })}\n\n`);
    push(`data: ${JSON.stringify({ type: 'progress', job: 'sync', done: 2, total: 2 })}\n\n`);
    const finished = {
      type: 'crawl-finished',
      summary: null,
      error: 'The token cannot read acme.',
    };
    push(`event: crawl-finished\ndata: ${JSON.stringify(finished)}\n\n`);
    await vi.waitFor(() => expect(received).toHaveLength(3));
    expect(received).toEqual([
      { type: 'progress', job: 'crawl', done: 1, total: 2 },
      { type: 'progress', job: 'sync', done: 2, total: 2 },
      finished,
    ]);
    unsubscribe();
  });

  it('closes the stream when the last listener unsubscribes', async () => {
    const { unsubscribe, source, calls } = subscribeWithRealEventSource();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    unsubscribe();
    expect(source()?.readyState).toBe(EventSource.CLOSED);
  });

  it('opens no stream without a token', () => {
    const { fetchStub, calls } = stubFetch(() => json(200, {}));
    let opened = 0;
    const transport = createHttpTransport({
      baseUrl: '',
      token: null,
      fetch: fetchStub,
      openEventStream: () => {
        opened += 1;
        throw new Error('must not open');
      },
    });
    transport.subscribe(() => undefined);
    expect(opened).toBe(0);
    expect(calls).toHaveLength(0);
  });
});
