import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HealthSchema, type AdminEvent } from '../../../src-main/api/contract.js';
import { SettingsSchema } from '../../../src-main/store/types.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { startHeadless, type HeadlessGitGuild } from '../../../src-main/web/start-headless.js';
import { rawRequest, readEvents } from './http-client.js';

let dir: string;
let running: HeadlessGitGuild;
const sink = memorySink(10_000);
let port: number;
let token: string;
const OUTSIDE_CONTENT = 'this file sits outside the served root';

async function start(): Promise<HeadlessGitGuild> {
  return startHeadless({
    dataDir: join(dir, 'data'),
    logger: createLogger('test', { level: 'debug', sinks: [sink] }),
    secrets: { backend: 'memory' },
    port: 0,
    rendererDir: join(dir, 'renderer'),
    env: {},
  });
}

const rpc = (method: string, body: string | undefined, headers: Record<string, string> = {}) =>
  rawRequest(port, {
    method: 'POST',
    path: `/api/rpc/${method}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gitguild-web-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>GitGuild</title>');
  await writeFile(join(dir, 'outside.txt'), OUTSIDE_CONTENT);
  running = await start();
  port = running.server.port;
  token = running.token.value;
});

afterAll(async () => {
  await running?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('headless web server', () => {
  it('prints an admin URL with the token in the fragment only', () => {
    const url = new URL(running.server.adminUrl);
    expect(url.origin).toBe(`http://127.0.0.1:${port}`);
    expect(url.hash).toBe(`#token=${token}`);
    expect(url.search).toBe('');
  });

  it('answers GET /api/health with health JSON without a token', async () => {
    const response = await rawRequest(port, { path: '/api/health' });
    expect(response.status).toBe(200);
    const health = HealthSchema.parse(response.json());
    expect(health.mode).toBe('headless');
    expect(health.store.ok).toBe(true);
    expect(health.keychain.backend).toBe('memory');
  });

  it('answers an RPC with the token', async () => {
    const response = await rpc('settings.get', '{}');
    expect(response.status).toBe(200);
    expect(SettingsSchema.parse(response.json()).timeZone).toBe('UTC');
  });

  it('refuses an RPC without a token or with a wrong one with 401', async () => {
    expect(
      (await rawRequest(port, { method: 'POST', path: '/api/rpc/settings.get', body: '{}' }))
        .status,
    ).toBe(401);
    const wrong = await rpc('settings.get', '{}', { authorization: `Bearer ${token}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { identifier: 'unauthorized' } });
  });

  it('refuses a foreign Host header with 403, even for health', async () => {
    const response = await rawRequest(port, {
      path: '/api/health',
      headers: { host: `attacker.example:${port}` },
    });
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ error: { identifier: 'forbidden' } });
  });

  it('accepts localhost as Host and refuses a foreign Origin with 403', async () => {
    expect(
      (await rawRequest(port, { path: '/api/health', headers: { host: `localhost:${port}` } }))
        .status,
    ).toBe(200);
    expect((await rpc('settings.get', '{}', { origin: `http://127.0.0.1:${port}` })).status).toBe(
      200,
    );
    expect((await rpc('settings.get', '{}', { origin: 'http://attacker.example' })).status).toBe(
      403,
    );
  });

  it('answers malformed JSON with 400', async () => {
    const response = await rpc('settings.update', '{"timeZone":');
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({
      error: { identifier: 'invalid_input', message: expect.stringMatching(/not valid JSON/) },
    });
  });

  it('answers a schema failure with 400 naming the field', async () => {
    const response = await rpc(
      'settings.update',
      JSON.stringify({ syncIntervalMinutes: 2, crawl: { includeForks: 'yes' } }),
    );
    expect(response.status).toBe(400);
    const body = response.json() as { error: { message: string; issues: { path: string }[] } };
    expect(body.error.message).toContain('syncIntervalMinutes');
    expect(body.error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['syncIntervalMinutes', 'crawl.includeForks']),
    );
  });

  it('answers an unknown method with 404', async () => {
    const response = await rpc('settings.destroy', '{}');
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({ error: { identifier: 'not_found' } });
  });

  it('answers an oversized body with 413', async () => {
    const response = await rpc(
      'settings.update',
      JSON.stringify({ githubOrgs: ['a'.repeat(300 * 1024)] }),
    );
    expect(response.status).toBe(413);
  });

  it('never reaches a handler for refused requests, and does for a good one', async () => {
    const update = vi.spyOn(running.host.handlers, 'settings.update');
    const get = vi.spyOn(running.host.handlers, 'settings.get');
    try {
      await rawRequest(port, {
        method: 'POST',
        path: '/api/rpc/settings.update',
        body: '{"timeZone":"Europe/Berlin"}',
      });
      await rpc('settings.update', '{"timeZone":"Europe/Berlin"}', {
        host: `evil.example:${port}`,
      });
      await rpc('settings.update', '{"timeZone":"Europe/Berlin"}', {
        origin: 'http://evil.example',
      });
      await rpc('settings.update', '{"timeZone":');
      await rpc('settings.update', '{"timeZone":"Not/AZone"}');
      await rpc('settings.update', JSON.stringify({ githubOrgs: ['a'.repeat(300 * 1024)] }));
      await rpc('settings.nope', '{}');
      await rawRequest(port, {
        method: 'GET',
        path: '/api/rpc/settings.get',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(update).not.toHaveBeenCalled();
      expect(get).not.toHaveBeenCalled();
      const good = await rpc('settings.update', '{"timeZone":"Europe/Berlin"}');
      expect(good.status).toBe(200);
      expect(update).toHaveBeenCalledTimes(1);
    } finally {
      update.mockRestore();
      get.mockRestore();
    }
  });

  it('streams the current status first, then published events, over SSE with the bearer header', async () => {
    const progress: AdminEvent = { type: 'progress', job: 'crawl', done: 2, total: 5 };
    const reading = readEvents(port, '/api/events', 2, { authorization: `Bearer ${token}` });
    // Publish only once the subscriber is attached; the initial status frame comes first.
    await vi.waitFor(() => expect(running.host.events.listenerCount).toBeGreaterThan(0));
    running.host.events.publish(progress);
    const { status, events } = await reading;
    expect(status).toBe(200);
    expect(events[0]?.event).toBe('status');
    expect(HealthSchema.parse((events[0]?.data as { health: unknown }).health).mode).toBe(
      'headless',
    );
    expect(events[1]).toEqual({ event: 'progress', data: progress });
    await vi.waitFor(() => expect(running.host.events.listenerCount).toBe(0));
  });

  it('refuses the event stream without the header, even with the token in the query string', async () => {
    expect((await readEvents(port, '/api/events', 1)).status).toBe(401);
    const inQuery = await readEvents(port, `/api/events?token=${encodeURIComponent(token)}`, 1);
    expect(inQuery.status).toBe(401);
    expect(running.host.events.listenerCount).toBe(0);
  });

  it('serves the renderer with a strict CSP and keeps paths inside its folder', async () => {
    const index = await rawRequest(port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.text).toContain('<title>GitGuild</title>');
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(index.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    // A real file one level above the served root: an unprotected server would send it.
    for (const path of [
      '/..%2foutside.txt',
      '/..%5coutside.txt',
      '/assets/..%2f..%2foutside.txt',
    ]) {
      const escaped = await rawRequest(port, { path });
      expect(escaped.status, path).toBe(404);
      expect(escaped.text, path).not.toContain(OUTSIDE_CONTENT);
    }
    expect((await rawRequest(port, { path: '/assets/missing.js' })).status).toBe(404);
    expect((await rawRequest(port, { path: '/api/nothing' })).status).toBe(404);
  });

  it('keeps the API token out of every log record', () => {
    expect(sink.records.length).toBeGreaterThan(5);
    expect(sink.records.some((r) => r.msg === 'http')).toBe(true);
    expect(JSON.stringify(sink.records)).not.toContain(token);
  });
});

describe('headless host restart', () => {
  it('keeps settings.update across a restart on the same data dir', async () => {
    const updated = await rpc(
      'settings.update',
      JSON.stringify({ syncIntervalMinutes: 90, githubOrgs: ['octo-org'] }),
    );
    expect(updated.status).toBe(200);
    await running.stop();
    running = await start();
    port = running.server.port;
    token = running.token.value;
    const after = await rpc('settings.get', '{}');
    expect(after.json()).toMatchObject({ syncIntervalMinutes: 90, githubOrgs: ['octo-org'] });
  });
});

describe('body limit without a declared length', () => {
  it('answers a chunked body past the limit with 413', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/rpc/settings.update',
          headers: {
            host: `127.0.0.1:${port}`,
            authorization: `Bearer ${token}`,
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // 300 KiB in 1 KiB chunks, never declaring a Content-Length.
      for (let i = 0; i < 300; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
  });
});
