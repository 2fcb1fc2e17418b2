import { describe, expect, it } from 'vitest';
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
  class FakeEventSource {
    static last: FakeEventSource | null = null;
    readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
    closed = false;
    constructor(readonly url: string) {
      FakeEventSource.last = this;
    }
    addEventListener(type: string, listener: (event: MessageEvent) => void): void {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    }
    close(): void {
      this.closed = true;
    }
    emit(type: string, data: string): void {
      for (const listener of this.listeners.get(type) ?? []) listener({ data } as MessageEvent);
    }
  }

  function subscribeWithFake() {
    const transport = createHttpTransport({
      baseUrl: 'http://127.0.0.1:1',
      token: 'a b',
      fetch: (() => Promise.reject(new Error('unused'))) as typeof fetch,
      EventSource: FakeEventSource as unknown as new (url: string) => EventSource,
    });
    const received: unknown[] = [];
    const unsubscribe = transport.subscribe((event) => received.push(event));
    const source = FakeEventSource.last;
    if (!source) throw new Error('no EventSource was opened');
    return { received, unsubscribe, source };
  }

  it('opens /api/events with the token in the query and delivers named and unnamed frames', () => {
    const { received, source } = subscribeWithFake();
    expect(source.url).toBe('http://127.0.0.1:1/api/events?token=a%20b');
    source.emit('progress', JSON.stringify({ type: 'progress', job: 'crawl', done: 1, total: 2 }));
    source.emit('message', JSON.stringify({ type: 'progress', job: 'sync', done: 2, total: 2 }));
    expect(received).toEqual([
      { type: 'progress', job: 'crawl', done: 1, total: 2 },
      { type: 'progress', job: 'sync', done: 2, total: 2 },
    ]);
  });

  it('delivers the crawl-finished event the server names by its type', () => {
    const { received, source } = subscribeWithFake();
    const finished = {
      type: 'crawl-finished',
      summary: null,
      error: 'The token cannot read acme.',
    };
    source.emit('crawl-finished', JSON.stringify(finished));
    expect(received).toEqual([finished]);
  });

  it('drops malformed frames and unknown event types', () => {
    const { received, source } = subscribeWithFake();
    source.emit('message', 'not json');
    source.emit('message', JSON.stringify({ type: 'takeover' }));
    expect(received).toEqual([]);
  });

  it('closes the stream when the last listener unsubscribes', () => {
    const { unsubscribe, source } = subscribeWithFake();
    unsubscribe();
    expect(source.closed).toBe(true);
  });
});
