// discord.js REST against the Discord simulator: rate limits honoured, Discord's error codes
// surfacing as DiscordAPIError, member pagination, channels, attachments and injected 5xx.
import {
  AttachmentBuilder,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Guild,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startDiscordSim,
  type DiscordSim,
  type StartDiscordSimOptions,
} from '../../../sim/discord/index.js';
import { generateGuild } from '../../../sim/scenarios/guild.js';

let sim: DiscordSim | undefined;
let client: Client | undefined;

async function setup(
  options: StartDiscordSimOptions = {},
): Promise<{ sim: DiscordSim; guild: Guild }> {
  sim = await startDiscordSim({ seed: 11, heartbeatIntervalMs: 1000, ...options });
  const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: sim.restUrl } });
  client = c;
  const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
  await c.login(sim.botToken);
  await ready;
  const guild = c.guilds.cache.get(sim.guild.guild.id);
  if (!guild) throw new Error('guild missing after ready');
  return { sim, guild };
}

afterEach(async () => {
  await client?.destroy();
  await sim?.close();
  client = undefined;
  sim = undefined;
});

const MEMBER_ROUTE = 'PATCH /guilds/:guild_id/members/:user_id';

describe('Discord simulator REST with discord.js', () => {
  it('answers an exhausted bucket with 429 and discord.js waits out retry_after before succeeding', async () => {
    const { sim, guild } = await setup();
    const userId = sim.guild.members[4]?.user.id ?? '';
    const tier = sim.guild.roleIds.tiers[0] ?? '';
    sim.control.exhaustBucket({
      method: 'PATCH',
      route: '/guilds/:guild_id/members/:user_id',
      retryAfterMs: 1000,
    });
    const started = Date.now();
    const member = await guild.members.edit(userId, { roles: [tier] });
    expect(member.roles.cache.has(tier)).toBe(true);
    const calls = sim.control.callLog().filter((c) => c.route === MEMBER_ROUTE);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    const [limited, ok] = calls;
    expect(limited?.rateLimitScope).toBe('user');
    expect((ok?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(
      limited?.retryAfterMs ?? Infinity,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('sends Discord rate limit headers and a JSON 429 body on its own buckets', async () => {
    const { sim } = await setup({
      rateLimits: { routes: { 'GET /guilds/:guild_id/roles': { limit: 2, windowMs: 2000 } } },
    });
    const url = `${sim.restUrl}/v10/guilds/${sim.guild.guild.id}/roles`;
    const headers = { Authorization: `Bot ${sim.botToken}` };
    const first = await fetch(url, { headers });
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(0);
    expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    await fetch(url, { headers });
    const third = await fetch(url, { headers });
    expect(third.status).toBe(429);
    expect(third.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await third.json()) as { message: string; retry_after: number; global: boolean };
    expect(body.global).toBe(false);
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.message).toBe('You are being rate limited.');
  });

  it('refuses roles at or above the bot and managed roles with 403 code 50013 as DiscordAPIError', async () => {
    const { sim, guild } = await setup();
    const userId = sim.guild.members[6]?.user.id ?? '';
    for (const roleId of [
      ...sim.guild.roleIds.aboveBot,
      sim.guild.roleIds.bot,
      sim.guild.roleIds.integration,
    ]) {
      const error = await guild.members
        .addRole({ user: userId, role: roleId })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect((error as DiscordAPIError).code).toBe(50013);
      expect((error as DiscordAPIError).status).toBe(403);
    }
    expect(sim.control.member(userId).roles).not.toContain(sim.guild.roleIds.aboveBot[0]);
    const renameAbove = await guild.roles
      .edit(sim.guild.roleIds.aboveBot[0] ?? '', { name: 'Mine now' })
      .catch((e: unknown) => e);
    expect((renameAbove as DiscordAPIError).code).toBe(50013);
  });

  it('creates a role at position 1 and reorders roles below the bot, but not above it', async () => {
    const { sim, guild } = await setup();
    const created = await guild.roles.create({ name: 'Maintainer', color: 0x00ff00 });
    expect(created.position).toBe(1);
    const [contributor, , core] = sim.guild.roleIds.tiers;
    await guild.roles.setPositions([{ role: created.id, position: 4 }]);
    const byPosition = sim.control.guild().roles.map((r) => r.id);
    expect(byPosition.indexOf(created.id)).toBeGreaterThan(byPosition.indexOf(core ?? ''));
    expect(byPosition.indexOf(created.id)).toBeLessThan(byPosition.indexOf(sim.guild.roleIds.bot));
    const aboveBot =
      sim.control.guild().roles.find((r) => r.id === sim.guild.roleIds.bot)?.position ?? 0;
    const refused = await guild.roles
      .setPositions([{ role: contributor ?? '', position: aboveBot + 1 }])
      .catch((e: unknown) => e);
    expect((refused as DiscordAPIError).code).toBe(50013);
    const tooPowerful = await guild.roles
      .create({ name: 'Root', permissions: ['Administrator'] })
      .catch((e: unknown) => e);
    expect((tooPowerful as DiscordAPIError).code).toBe(50013);
  });

  it('keeps unmanaged roles on a full-list PATCH and rejects unknown members and roles with 10007 and 10011', async () => {
    const { sim, guild } = await setup();
    const holder = sim.guild.members.find((m) => m.roles.includes(sim.guild.roleIds.integration));
    expect(holder).toBeDefined();
    const tier = sim.guild.roleIds.tiers[1] ?? '';
    await guild.members.edit(holder?.user.id ?? '', { roles: [...(holder?.roles ?? []), tier] });
    expect(sim.control.member(holder?.user.id ?? '').roles).toEqual([
      ...(holder?.roles ?? []),
      tier,
    ]);
    const unknownMember = await guild.members
      .addRole({ user: '1234567890123', role: tier })
      .catch((e: unknown) => e);
    expect((unknownMember as DiscordAPIError).code).toBe(10007);
    const unknownRole = await guild.members
      .addRole({ user: holder?.user.id ?? '', role: '1234567890123' })
      .catch((e: unknown) => e);
    expect((unknownRole as DiscordAPIError).code).toBe(10011);
  });

  it('pages through members with after and limit, in user id order', async () => {
    const scenario = generateGuild({ seed: 3, preset: 'large', memberCount: 2499 });
    const { sim, guild } = await setup({
      guild: scenario,
      rateLimits: { routes: { 'GET /guilds/:guild_id/members': { limit: 50, windowMs: 1000 } } },
    });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await guild.members.list({
        limit: 1000,
        ...(after ? { after } : {}),
        cache: false,
      });
      seen.push(...page.keys());
      if (page.size < 1000) break;
      after = page.lastKey();
    }
    expect(seen).toHaveLength(2500);
    expect(new Set(seen).size).toBe(2500);
    expect([...seen].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))).toEqual(seen);
    expect(
      sim.control.callLog().filter((c) => c.route === 'GET /guilds/:guild_id/members'),
    ).toHaveLength(3);
    const tooMany = await fetch(
      `${sim.restUrl}/v10/guilds/${sim.guild.guild.id}/members?limit=1001`,
      { headers: { Authorization: `Bot ${sim.botToken}` } },
    );
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({
      code: 50035,
      errors: { limit: { _errors: [{ code: 'NUMBER_TYPE_MAX' }] } },
    });
  });

  it('creates a category and a voice channel, renames it, and limits renames to 2 per window with scope shared', async () => {
    const { sim, guild } = await setup({
      rateLimits: { channelRename: { limit: 2, windowMs: 600_000 } },
    });
    const category = await guild.channels.create({
      name: 'Stats',
      type: ChannelType.GuildCategory,
    });
    const voice = await guild.channels.create({
      name: 'Contributors: 10',
      type: ChannelType.GuildVoice,
      parent: category.id,
      permissionOverwrites: [{ id: guild.id, deny: ['Connect'] }],
    });
    expect(sim.control.guild().channels.find((c) => c.id === voice.id)).toMatchObject({
      type: 2,
      parent_id: category.id,
      permission_overwrites: [{ id: guild.id, type: 0, deny: '1048576' }],
    });
    await voice.setName('Contributors: 11');
    const url = `${sim.restUrl}/v10/channels/${voice.id}`;
    const rename = (name: string) =>
      fetch(url, {
        method: 'PATCH',
        headers: { Authorization: `Bot ${sim.botToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name }),
      });
    expect((await rename('Contributors: 12')).status).toBe(200);
    const limited = await rename('Contributors: 13');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('shared');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(590);
    expect(sim.control.guild().channels.find((c) => c.id === voice.id)?.name).toBe(
      'Contributors: 12',
    );
  });

  it('sends a message with a file attachment through multipart/form-data', async () => {
    const { sim, guild } = await setup();
    const channel = guild.channels.cache.get(sim.guild.channelIds.general);
    if (!channel?.isSendable()) throw new Error('general is not sendable');
    const sent = await channel.send({
      content: 'Weekly chart',
      files: [new AttachmentBuilder(Buffer.from('PNGDATA'), { name: 'chart.png' })],
    });
    expect(sent.attachments.first()?.name).toBe('chart.png');
    const stored = sim.control.messages(channel.id).at(-1);
    expect(stored).toMatchObject({
      content: 'Weekly chart',
      attachments: [{ filename: 'chart.png', size: 7 }],
    });
  });

  it('lets discord.js retry through injected 5xx responses', async () => {
    const { sim, guild } = await setup();
    sim.control.failNext({
      route: '/guilds/:guild_id/roles',
      method: 'GET',
      count: 2,
      status: 502,
    });
    const roles = await guild.roles.fetch();
    expect(roles.size).toBe(sim.guild.roles.length);
    expect(
      sim.control
        .callLog()
        .filter((c) => c.route === 'GET /guilds/:guild_id/roles')
        .map((c) => c.status),
    ).toEqual([502, 502, 200]);
  });

  it('requires the bot token on bot routes and answers 401 code 0 otherwise', async () => {
    const { sim } = await setup();
    const anonymous = await fetch(`${sim.restUrl}/v10/users/@me`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    const wrong = await fetch(`${sim.restUrl}/v10/gateway/bot`, {
      headers: { Authorization: 'Bot not-the-token' },
    });
    expect(wrong.status).toBe(401);
  });

  it('bulk-overwrites guild commands keeping ids for commands that survive', async () => {
    const { sim, guild } = await setup();
    const first = await guild.commands.set([
      { name: 'link', description: 'Link GitHub' },
      { name: 'stats', description: 'Stats' },
    ]);
    const second = await guild.commands.set([{ name: 'stats', description: 'Your stats' }]);
    expect(second.first()?.id).toBe(first.find((c) => c.name === 'stats')?.id);
    expect(second.size).toBe(1);
    const bad = await guild.commands
      .set([{ name: 'Bad Name', description: 'x' }])
      .catch((e: unknown) => e);
    expect((bad as DiscordAPIError).code).toBe(50035);
    expect(sim.control.callLog().at(-1)?.status).toBe(400);
  });
});
