// The simulator's gateway at the protocol level (raw WebSocket) and through discord.js:
// authentication close codes, intents filtering, sequence numbers and op 8 member chunks.
import { Client, Events, GatewayIntentBits, GatewayRateLimitError } from 'discord.js';
import { GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordSim, type DiscordSim } from '../../../sim/discord/index.js';
import { generateGuild } from '../../../sim/scenarios/guild.js';

interface Frame {
  op: number;
  s: number | null;
  t: string | null;
  d: Record<string, unknown> | null;
}

let sim: DiscordSim | undefined;
let client: Client | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await client?.destroy();
  await sim?.close();
  client = undefined;
  sim = undefined;
});

/** A bare gateway connection that records every frame and close code. */
async function connect(url: string): Promise<{
  ws: WebSocket;
  frames: Frame[];
  closed: Promise<number>;
  waitFor: (pred: (f: Frame) => boolean) => Promise<Frame>;
}> {
  const ws = new WebSocket(`${url}?v=10&encoding=json`);
  sockets.push(ws);
  const frames: Frame[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as Frame;
    frames.push(frame);
    for (const w of waiters.filter((x) => x.pred(frame))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(frame);
    }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const waitFor = (pred: (f: Frame) => boolean) =>
    new Promise<Frame>((resolve) => {
      const found = frames.find(pred);
      if (found) resolve(found);
      else waiters.push({ pred, resolve });
    });
  await new Promise((resolve) => ws.once('open', resolve));
  return { ws, frames, closed, waitFor };
}

const identify = (ws: WebSocket, token: string, intents: number) =>
  ws.send(
    JSON.stringify({
      op: GatewayOpcodes.Identify,
      d: { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' } },
    }),
  );

describe('Discord simulator gateway', () => {
  it('closes with 4004 when IDENTIFY carries a wrong token', async () => {
    sim = await startDiscordSim({ seed: 2 });
    const conn = await connect(sim.gatewayUrl);
    const hello = await conn.waitFor((f) => f.op === GatewayOpcodes.Hello);
    expect(hello.d?.heartbeat_interval).toBe(41_250);
    identify(conn.ws, 'wrong', 1);
    expect(await conn.closed).toBe(4004);
  });

  it('closes with 4014 when a privileged intent is not enabled for the application', async () => {
    sim = await startDiscordSim({ seed: 2, privilegedIntents: { guildMembers: false } });
    const conn = await connect(sim.gatewayUrl);
    identify(conn.ws, sim.botToken, GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers);
    expect(await conn.closed).toBe(4014);
  });

  it('acknowledges heartbeats and numbers dispatches 1, 2, 3 ... per session', async () => {
    sim = await startDiscordSim({ seed: 2, heartbeatIntervalMs: 200 });
    const conn = await connect(sim.gatewayUrl);
    identify(conn.ws, sim.botToken, GatewayIntentBits.Guilds);
    const ready = await conn.waitFor((f) => f.t === 'READY');
    expect(ready.d).toMatchObject({
      v: 10,
      session_id: expect.any(String),
      resume_gateway_url: expect.stringContaining('/gateway/resume'),
      application: { id: sim.applicationId },
      guilds: [{ id: sim.guild.guild.id, unavailable: true }],
    });
    await conn.waitFor((f) => f.t === 'GUILD_CREATE');
    conn.ws.send(JSON.stringify({ op: GatewayOpcodes.Heartbeat, d: 2 }));
    await conn.waitFor((f) => f.op === GatewayOpcodes.HeartbeatAck);
    const channel = await fetch(`${sim.restUrl}/v10/guilds/${sim.guild.guild.id}/channels`, {
      method: 'POST',
      headers: { Authorization: `Bot ${sim.botToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'stats', type: 4 }),
    });
    expect(channel.status).toBe(201);
    await conn.waitFor((f) => f.t === 'CHANNEL_CREATE');
    expect(conn.frames.filter((f) => f.op === 0).map((f) => [f.t, f.s])).toEqual([
      ['READY', 1],
      ['GUILD_CREATE', 2],
      ['CHANNEL_CREATE', 3],
    ]);
  });

  it('sends member events only to sessions that asked for the GuildMembers intent', async () => {
    sim = await startDiscordSim({ seed: 2 });
    const withMembers = await connect(sim.gatewayUrl);
    const without = await connect(sim.gatewayUrl);
    identify(
      withMembers.ws,
      sim.botToken,
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers,
    );
    identify(without.ws, sim.botToken, GatewayIntentBits.Guilds);
    await withMembers.waitFor((f) => f.t === 'GUILD_CREATE');
    await without.waitFor((f) => f.t === 'GUILD_CREATE');
    const userId = sim.guild.members[3]?.user.id ?? '';
    sim.control.setMemberRoles(userId, [sim.guild.roleIds.tiers[0] ?? '']);
    sim.control.addMember({
      id: '999999999999999999',
      username: 'newcomer',
      discriminator: '0',
      global_name: null,
      avatar: null,
    });
    sim.control.removeMember('999999999999999999');
    // A role change everyone with Guilds sees, used as a barrier for the member-less session.
    await fetch(`${sim.restUrl}/v10/guilds/${sim.guild.guild.id}/roles`, {
      method: 'POST',
      headers: { Authorization: `Bot ${sim.botToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Barrier' }),
    });
    await withMembers.waitFor((f) => f.t === 'GUILD_ROLE_CREATE');
    await without.waitFor((f) => f.t === 'GUILD_ROLE_CREATE');
    expect(withMembers.frames.map((f) => f.t).filter((t) => t?.startsWith('GUILD_MEMBER'))).toEqual(
      ['GUILD_MEMBER_UPDATE', 'GUILD_MEMBER_ADD', 'GUILD_MEMBER_REMOVE'],
    );
    expect(without.frames.map((f) => f.t).filter((t) => t?.startsWith('GUILD_MEMBER'))).toEqual([]);
  });

  it('answers op 8 for a 10,000-member guild in chunks of 1000 and rate limits a second full request', async () => {
    sim = await startDiscordSim({
      guild: generateGuild({ seed: 5, preset: 'large' }),
      heartbeatIntervalMs: 1000,
    });
    const c = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
      rest: { api: sim.restUrl },
    });
    client = c;
    const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
    await c.login(sim.botToken);
    await ready;
    const guild = c.guilds.cache.get(sim.guild.guild.id);
    if (!guild) throw new Error('guild missing after ready');
    expect(guild.members.cache.size).toBe(1);
    const chunks: { index: number; count: number; size: number }[] = [];
    c.on(Events.GuildMembersChunk, (members, _guild, chunk) =>
      chunks.push({ index: chunk.index, count: chunk.count, size: members.size }),
    );
    const members = await guild.members.fetch();
    expect(members.size).toBe(10_001);
    expect(chunks.map((ch) => ch.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(chunks.every((ch) => ch.count === 11 && ch.size <= 1000)).toBe(true);
    const again = await guild.members.fetch().catch((e: unknown) => e);
    expect(again).toBeInstanceOf(GatewayRateLimitError);
    expect((again as GatewayRateLimitError).data.retry_after).toBeGreaterThan(25);
    const byId = await guild.members.fetch({ user: [sim.guild.guild.ownerId] });
    expect(byId.first()?.id).toBe(sim.guild.guild.ownerId);
  });
});
