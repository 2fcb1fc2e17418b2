import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version as discordJsVersion } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminEvent } from '../../../src-main/api/contract.js';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { createHost } from '../../../src-main/host/create-host.js';
import type { Host } from '../../../src-main/host/host.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';

const BOT_TOKEN = 'MTAxMjM0NTY3ODkwMTIzNDU2Nw.Gabcde.fake-token-for-host-tests_0123456789';

let dir: string;
let host: Host | null = null;
let sink: ReturnType<typeof memorySink>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gitguild-host-'));
  sink = memorySink(10_000);
});

afterEach(async () => {
  await host?.stop();
  host = null;
  await rm(dir, { recursive: true, force: true });
});

function open(): Promise<Host> {
  return createHost({
    mode: 'headless',
    dataDir: dir,
    logger: createLogger('test', { level: 'debug', sinks: [sink] }),
    secrets: { backend: 'memory' },
  });
}

/** Stands in for Discord refusing a bot token: every REST call answers 401 as Discord does. */
async function discordRejectingTokens(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(401, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: '401: Unauthorized', code: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, server };
}

describe('createHost', () => {
  it('reports versions, mode, store, keychain and an unconfigured bot in health', async () => {
    host = await open();
    await host.start();
    const health = host.health();
    expect(health.versions).toEqual({
      node: process.versions.node,
      electron: null,
      discordJs: discordJsVersion,
    });
    expect(health.mode).toBe('headless');
    expect(health.store).toEqual({ ok: true });
    expect(health.keychain).toEqual({ available: true, backend: 'memory' });
    expect(health.bot.state).toBe('not_configured');
    expect(health.scheduler.state).toBe('idle');
  });

  it('publishes a status event when it starts', async () => {
    host = await open();
    const events: AdminEvent[] = [];
    host.events.subscribe((e) => events.push(e));
    await host.start();
    expect(events.some((e) => e.type === 'status')).toBe(true);
  });

  it('starts the bot when a token exists and reports Discord refusing it, without logging the token', async () => {
    const discord = await discordRejectingTokens();
    try {
      host = await open();
      await invokeMethod(host.handlers, 'settings.update', { discordApiBaseUrl: discord.url });
      await host.secrets.set('discord.botToken', BOT_TOKEN);
      const states: string[] = [];
      host.events.subscribe((e) => {
        if (e.type === 'status') states.push(e.health.bot.state);
      });
      await host.start();
      await vi.waitFor(() => expect(host?.health().bot.state).toBe('error'), {
        timeout: 20_000,
        interval: 50,
      });
      expect(host.health().bot.detail).toMatch(/rejected the bot token/);
      expect(states).toContain('connecting');
      expect(states.at(-1)).toBe('error');
      expect(JSON.stringify(sink.records)).not.toContain(BOT_TOKEN);
    } finally {
      discord.server.close();
    }
  });

  it('reports a refused store file in health instead of failing to start', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.json'), '{ not json');
    host = await open();
    await host.start();
    const health = host.health();
    expect(health.store.ok).toBe(false);
    expect(health.store.problem).toMatch(/config\.json/);
  });

  it('can be stopped twice', async () => {
    host = await open();
    await host.start();
    await host.stop();
    await expect(host.stop()).resolves.toBeUndefined();
  });
});
