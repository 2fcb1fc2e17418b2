// The bot as the admin runs it: a real host against the Discord simulator, driven through the
// AdminApi (bot.start / bot.stop / bot.restart), with its states, error reasons, member cache,
// command registration and gateway URL observed from outside.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDiscordSim, type DiscordSim } from '../../../sim/discord/index.js';
import { COMMANDS } from '../../../src-bot/commands/index.js';
import type { BotState } from '../../../src-bot/ports.js';
import { DESKTOP_ADMIN } from '../../../src-main/api/caller.js';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { createHost, type HostConfig } from '../../../src-main/host/create-host.js';
import type { Host } from '../../../src-main/host/host.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';

const ADMIN = { caller: DESKTOP_ADMIN };
const sink = memorySink(20_000);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  sink.records.length = 0;
});

async function hostAgainst(
  discord: DiscordSim,
  options: { token?: string; managed?: boolean; dir?: string; bot?: HostConfig['bot'] } = {},
): Promise<{ host: Host; states: BotState[]; dir: string }> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'gitguild-bot-life-')));
  const host = await createHost({
    mode: 'headless',
    dataDir: dir,
    logger: createLogger('test', { level: 'debug', sinks: [sink] }),
    secrets: { backend: 'memory' },
    ...(options.bot ? { bot: options.bot } : {}),
  });
  cleanups.push(async () => {
    await host.stop();
    if (!options.dir) await rm(dir, { recursive: true, force: true });
  });
  const states: BotState[] = [];
  host.events.subscribe((e) => {
    if (e.type === 'status' && states.at(-1) !== e.health.bot.state)
      states.push(e.health.bot.state);
  });
  await invokeMethod(host.handlers, 'settings.update', { discordApiBaseUrl: discord.restUrl });
  if (options.managed !== false)
    await host.handlers['config.import'](
      {
        document: {
          ...(await host.handlers['config.export'](undefined, ADMIN)),
          guilds: [{ id: discord.guild.guild.id, name: discord.guild.guild.name, enabled: true }],
        },
      },
      ADMIN,
    );
  await host.secrets.set('discord.botToken', options.token ?? discord.botToken);
  return { host, states, dir };
}

async function sim(options: Parameters<typeof startDiscordSim>[0] = {}): Promise<DiscordSim> {
  const s = await startDiscordSim({ seed: 21, ...options });
  cleanups.push(() => s.close());
  return s;
}

const waitForState = (host: Host, state: BotState) =>
  vi.waitFor(() => expect(host.health().bot.state).toBe(state), { timeout: 20_000, interval: 25 });

describe('running the bot from the AdminApi', () => {
  it('starts, stops and restarts with bot.*, reporting each state in health and events', async () => {
    const discord = await sim();
    const { host, states } = await hostAgainst(discord);
    await host.start();
    await waitForState(host, 'ready');
    expect(host.health().bot.guilds).toBe(1);

    const stopped = await host.handlers['bot.stop'](undefined, ADMIN);
    expect(stopped).toMatchObject({ state: 'stopped', guilds: 0 });
    expect(host.health().bot.detail).toMatch(/Start it again/);
    // The admin's stop holds through a token change.
    await invokeMethod(host.handlers, 'secrets.set', {
      account: 'discord.botToken',
      value: discord.botToken,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(host.health().bot.state).toBe('stopped');

    const started = await host.handlers['bot.start'](undefined, ADMIN);
    expect(started.state).toBe('connecting');
    await waitForState(host, 'ready');
    await invokeMethod(host.handlers, 'bot.restart', {});
    await waitForState(host, 'ready');
    expect(states).toEqual(expect.arrayContaining(['connecting', 'ready', 'stopped']));
    expect(JSON.stringify(sink.records)).not.toContain(discord.botToken);
  });

  it('reports a rejected token as error with reason bad_token and the fix', async () => {
    const discord = await sim();
    const { host } = await hostAgainst(discord, { token: 'MTIz.not-the-bot-token.at-all-nope' });
    await host.start();
    await waitForState(host, 'error');
    expect(host.health().bot).toMatchObject({
      reason: 'bad_token',
      detail: expect.stringMatching(/Reset Token/),
    });
  });

  it('reports gateway close 4014 as error with reason disallowed_intents and the fix', async () => {
    const discord = await sim({ privilegedIntents: { guildMembers: false } });
    const { host } = await hostAgainst(discord);
    await host.start();
    await waitForState(host, 'error');
    expect(host.health().bot).toMatchObject({
      reason: 'disallowed_intents',
      detail: expect.stringMatching(/Server Members Intent/),
    });
  });

  it('reports resuming while the gateway drops, then ready again', async () => {
    const discord = await sim();
    const { host, states } = await hostAgainst(discord);
    await host.start();
    await waitForState(host, 'ready');
    discord.control.dropGateway({ code: 4000 });
    await vi.waitFor(() => expect(states).toContain('resuming'), { timeout: 20_000, interval: 25 });
    await waitForState(host, 'ready');
    const resumes = discord.control.gatewayLog().filter((r) => r.op === 6);
    expect(resumes.length).toBeGreaterThan(0);
  });
});

describe('what the bot keeps in step with Discord', () => {
  it('caches every member of a managed guild once, then follows joins and leaves', async () => {
    const discord = await sim();
    const { host } = await hostAgainst(discord);
    await host.start();
    await waitForState(host, 'ready');
    const guildId = discord.guild.guild.id;
    await vi.waitFor(() => expect(host.bot.membersComplete(guildId)).toBe(true), {
      timeout: 20_000,
    });
    const members = () => host.bot.client!.guilds.cache.get(guildId)!.members.cache;
    expect(members().size).toBe(discord.control.guild().members.length);
    // One full member request (op 8) for the session, not one per command or event.
    expect(discord.control.gatewayLog().filter((r) => r.op === 8)).toHaveLength(1);
    discord.control.addMember({
      id: '998877665544332211',
      username: 'newbie',
      discriminator: '0',
      global_name: null,
      avatar: null,
    });
    await vi.waitFor(() => expect(members().has('998877665544332211')).toBe(true));
    discord.control.removeMember('998877665544332211');
    await vi.waitFor(() => expect(members().has('998877665544332211')).toBe(false));
  });

  it('registers commands only when they differ from what Discord has, and logs the difference', async () => {
    const discord = await sim();
    const dir = await mkdtemp(join(tmpdir(), 'gitguild-bot-reg-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const puts = () =>
      discord.control
        .callLog()
        .filter((c) => c.route === 'PUT /applications/:application_id/guilds/:guild_id/commands');
    const gets = () =>
      discord.control
        .callLog()
        .filter((c) => c.route === 'GET /applications/:application_id/guilds/:guild_id/commands');

    const first = await hostAgainst(discord, { dir });
    await first.host.start();
    await vi.waitFor(() => expect(puts()).toHaveLength(1), { timeout: 20_000 });
    expect(sink.records.find((r) => r.msg === 'registering slash commands')).toMatchObject({
      added: expect.arrayContaining(['getstats', 'sync']),
      removed: [],
      changed: [],
    });

    // Same commands after a restart: one GET, no PUT.
    sink.records.length = 0;
    await invokeMethod(first.host.handlers, 'bot.restart', {});
    await vi.waitFor(() => expect(gets()).toHaveLength(2), { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(puts()).toHaveLength(1);
    expect(sink.records.some((r) => r.msg === 'slash commands up to date')).toBe(true);
    await first.host.stop();

    // A release without /help and with a changed /sync: one PUT, difference logged.
    const changedSync = {
      ...COMMANDS.find((c) => c.data.name === 'sync')!,
      data: {
        ...COMMANDS.find((c) => c.data.name === 'sync')!.data,
        description: 'Sync roles now',
      },
    };
    const second = await hostAgainst(discord, {
      dir,
      bot: {
        commands: [...COMMANDS.filter((c) => !['help', 'sync'].includes(c.data.name)), changedSync],
      },
    });
    await second.host.start();
    await vi.waitFor(() => expect(puts()).toHaveLength(2), { timeout: 20_000 });
    expect(sink.records.find((r) => r.msg === 'registering slash commands')).toMatchObject({
      added: [],
      removed: ['help'],
      changed: ['sync'],
    });
    expect(discord.control.commands().map((c) => c.name)).not.toContain('help');
  });

  it('connects to the configured gateway URL instead of the one Discord names', async () => {
    const discord = await sim();
    const { host } = await hostAgainst(discord);
    await invokeMethod(host.handlers, 'settings.update', {
      discordGatewayUrl: discord.gatewayUrl.replace(/\/gateway$/, '/gateway/resume'),
    });
    await host.start();
    await waitForState(host, 'ready');
    const identify = discord.control.gatewayLog().filter((r) => r.op === 2);
    expect(identify.map((r) => r.path)).toEqual(['/gateway/resume']);
  });
});
