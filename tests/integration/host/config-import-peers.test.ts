// A shared configuration document that points GitHub and Discord at another server must not
// redirect the tokens. The host runs against the simulators; the document names a different local
// server that records every request. Imported through the HTTP API the way the UI does it: without
// the admin's confirmation nothing reaches that server and the answer says why; with it, the
// tokens do go there (which is what the confirmation is for, and shows the trap would notice).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { settingsForSimulators, startSimulators, type Simulators } from '../../../sim/index.js';
import type { MethodOutput } from '../../../src-main/api/contract.js';
import { createLogger } from '../../../src-main/log/logger.js';
import { startHeadless, type HeadlessGitGuild } from '../../../src-main/web/start-headless.js';
import { rawRequest } from '../web/http-client.js';

interface Trap {
  url: string;
  requests: { method: string; path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Another local server: answers 503 to everything and remembers what it was sent. */
async function startTrap(): Promise<Trap> {
  const requests: Trap['requests'] = [];
  const server: Server = createServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
    });
    request.resume();
    response.writeHead(503, { 'Content-Type': 'application/json' }).end('{"message":"trap"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let dir: string | null = null;
let sims: Simulators | null = null;
let trap: Trap | null = null;
let running: HeadlessGitGuild | null = null;
afterEach(async () => {
  await running?.stop();
  await sims?.close();
  await trap?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  running = sims = trap = dir = null;
});

async function rpc(method: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await rawRequest(running!.server.port, {
    method: 'POST',
    path: `/api/rpc/${method}`,
    headers: {
      authorization: `Bearer ${running!.token.value}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: response.json() };
}

/** A host on the simulators with both tokens in place, the bot connected, and a trap server. */
async function hostWithTokens() {
  sims = await startSimulators({ seed: 3, preset: 'tiny' });
  trap = await startTrap();
  dir = await mkdtemp(join(tmpdir(), 'gitguild-import-peers-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  running = await startHeadless({
    dataDir: join(dir, 'data'),
    logger: createLogger('test', { sinks: [] }),
    secrets: { backend: 'memory' },
    port: 0,
    rendererDir: join(dir, 'renderer'),
    env: {},
  });
  expect((await rpc('settings.update', settingsForSimulators(sims))).status).toBe(200);
  await running.host.secrets.set('github.token', sims.github.token);
  expect(
    (await rpc('secrets.set', { account: 'discord.botToken', value: sims.discord.botToken }))
      .status,
  ).toBe(200);
  await vi.waitFor(() => expect(running!.host.health().bot.state).toBe('ready'), {
    timeout: 20_000,
    interval: 50,
  });
  const exported = (await rpc('config.export', {})).json as { settings: object };
  const shared = {
    ...exported,
    settings: {
      ...exported.settings,
      timeZone: 'Asia/Tokyo',
      githubApiBaseUrl: trap.url,
      discordApiBaseUrl: `${trap.url}/api`,
    },
  };
  return { sims, trap, shared };
}

/** Runs a crawl through the API and waits for its crawl-finished event. */
async function crawlOnce(): Promise<void> {
  let finished = false;
  const unsubscribe = running!.host.events.subscribe((event) => {
    if (event.type === 'crawl-finished') finished = true;
  });
  try {
    expect((await rpc('crawl.run', {})).json).toEqual({ started: true });
    await vi.waitFor(() => expect(finished).toBe(true), { timeout: 30_000, interval: 50 });
  } finally {
    unsubscribe();
  }
}

const carriesToken = (trapped: Trap['requests'], token: string) =>
  trapped.some((r) => JSON.stringify(r.headers).includes(token));

describe('importing a configuration that points GitHub and Discord at another server', () => {
  it('imports nothing without confirmation, says why, and no token reaches that server', async () => {
    const { sims, trap, shared } = await hostWithTokens();
    const githubBefore = sims.github.control.requests().length;

    const answer = await rpc('config.import', { document: shared });
    expect(answer.status).toBe(200);
    const outcome = answer.json as MethodOutput<'config.import'>;
    expect(outcome.imported).toBe(false);
    expect(outcome.networkPeers).toEqual({
      status: 'needs_confirmation',
      changes: [
        { setting: 'githubApiBaseUrl', current: sims.github.apiUrl, proposed: trap.url },
        {
          setting: 'discordApiBaseUrl',
          current: sims.discord.restUrl,
          proposed: `${trap.url}/api`,
        },
      ],
    });
    // The admin sees why: the message names the addresses and what to do.
    expect(outcome.message).toContain('Nothing was imported');
    expect(outcome.message).toContain(trap.url);
    expect(outcome.message).toMatch(/confirm/i);

    // Nothing changed, and the next crawl and the bot still talk to the real peers only.
    const settings = (await rpc('settings.get', {})).json as { timeZone: string };
    expect(settings.timeZone).toBe('UTC');
    await crawlOnce();
    expect(sims.github.control.requests().length).toBeGreaterThan(githubBefore);
    expect(running!.host.health().bot.state).toBe('ready');
    expect(trap.requests).toEqual([]);
  });

  it('leaves the addresses out when asked, importing the rest', async () => {
    const { sims, trap, shared } = await hostWithTokens();
    const outcome = (await rpc('config.import', { document: shared, keepNetworkPeers: true }))
      .json as MethodOutput<'config.import'>;
    expect(outcome).toMatchObject({ imported: true, networkPeers: { status: 'kept' } });
    expect((await rpc('settings.get', {})).json).toMatchObject({
      timeZone: 'Asia/Tokyo',
      githubApiBaseUrl: sims.github.apiUrl,
      discordApiBaseUrl: sims.discord.restUrl,
    });
    await crawlOnce();
    expect(trap.requests).toEqual([]);
  });

  it('with the admin’s confirmation applies them, and the tokens then do go there', async () => {
    const { sims, trap, shared } = await hostWithTokens();
    const outcome = (await rpc('config.import', { document: shared, confirmNetworkPeers: true }))
      .json as MethodOutput<'config.import'>;
    expect(outcome).toMatchObject({ imported: true, networkPeers: { status: 'applied' } });
    await rpc('crawl.run', {});
    await vi.waitFor(
      () => {
        expect(carriesToken(trap.requests, sims.github.token)).toBe(true);
        expect(carriesToken(trap.requests, sims.discord.botToken)).toBe(true);
      },
      { timeout: 30_000, interval: 100 },
    );
  });
});
