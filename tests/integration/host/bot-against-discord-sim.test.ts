import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { createHost } from '../../../src-main/host/create-host.js';
import type { Host } from '../../../src-main/host/host.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { startDiscordSim, type DiscordSim } from '../../../sim/discord/index.js';

let dir: string | null = null;
let host: Host | null = null;
let sim: DiscordSim | null = null;
let second: DiscordSim | null = null;
const sink = memorySink(10_000);

afterEach(async () => {
  await host?.stop();
  await sim?.close();
  await second?.close();
  second = null;
  if (dir) await rm(dir, { recursive: true, force: true });
  host = null;
  sim = null;
  dir = null;
});

async function hostAgainst(discord: DiscordSim): Promise<Host> {
  dir = await mkdtemp(join(tmpdir(), 'gitguild-bot-'));
  const created = await createHost({
    mode: 'headless',
    dataDir: dir,
    logger: createLogger('test', { level: 'debug', sinks: [sink] }),
    secrets: { backend: 'memory' },
  });
  await invokeMethod(created.handlers, 'settings.update', { discordApiBaseUrl: discord.restUrl });
  await created.secrets.set('discord.botToken', discord.botToken);
  return created;
}

describe('the host bot against the Discord simulator', () => {
  it('connects, reports ready with the guild count, and reports stopped once stopped', async () => {
    sim = await startDiscordSim({ seed: 7 });
    host = await hostAgainst(sim);
    const states: string[] = [];
    host.events.subscribe((e) => {
      if (e.type === 'status') states.push(e.health.bot.state);
    });
    await host.start();
    await vi.waitFor(
      () => expect(host?.health().bot).toMatchObject({ state: 'ready', guilds: 1 }),
      { timeout: 20_000, interval: 50 },
    );
    expect(states).toContain('connecting');
    await host.stop();
    expect(host.health().bot.state).toBe('stopped');
    expect(JSON.stringify(sink.records)).not.toContain(sim.botToken);
  });

  it('explains how to fix a refused Server Members intent', async () => {
    sim = await startDiscordSim({ seed: 7, privilegedIntents: { guildMembers: false } });
    host = await hostAgainst(sim);
    await host.start();
    await vi.waitFor(() => expect(host?.health().bot.state).toBe('error'), {
      timeout: 20_000,
      interval: 50,
    });
    expect(host.health().bot.detail).toMatch(/Server Members Intent/);
  });

  it('reconnects to the new Discord base URL when the setting changes', async () => {
    sim = await startDiscordSim({ seed: 7 });
    second = await startDiscordSim({ seed: 7, botToken: sim.botToken });
    host = await hostAgainst(sim);
    await host.start();
    await vi.waitFor(() => expect(host?.health().bot.state).toBe('ready'), {
      timeout: 20_000,
      interval: 50,
    });
    expect(second.control.callLog()).toHaveLength(0);
    await invokeMethod(host.handlers, 'settings.update', { discordApiBaseUrl: second.restUrl });
    await vi.waitFor(() => expect(second?.control.callLog().length).toBeGreaterThan(0), {
      timeout: 20_000,
      interval: 50,
    });
    await vi.waitFor(() => expect(host?.health().bot.state).toBe('ready'), {
      timeout: 20_000,
      interval: 50,
    });
  });
});
