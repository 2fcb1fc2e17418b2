// The simulator's member PATCH as Discord does it: only the roles that change are checked (a
// member may keep a role above the bot or an integration role, but the PATCH may not drop it),
// and each change lands in the guild's audit log with the request's X-Audit-Log-Reason.
import { AuditLogEvent, Client, DiscordAPIError, Events, GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordSim, type DiscordSim } from '../../../sim/discord/index.js';

let sim: DiscordSim | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await sim?.close();
  client = sim = undefined;
});

async function setup() {
  sim = await startDiscordSim({ seed: 21, heartbeatIntervalMs: 1000 });
  const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: sim.restUrl } });
  client = c;
  const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
  await c.login(sim.botToken);
  await ready;
  return { sim, guild: c.guilds.cache.get(sim.guild.guild.id)! };
}

describe('member role PATCH and the audit log in the Discord simulator', () => {
  it('records added and removed roles with the decoded reason, newest first', async () => {
    const { sim, guild } = await setup();
    const [t1, t2] = sim.guild.roleIds.tiers;
    const target = sim.guild.members.find((m) => !m.user.bot && m.roles.length === 0)!;
    await guild.members.edit(target.user.id, { roles: [t1!], reason: 'GitGuild: merged PRs ≥ 1' });
    await guild.members.edit(target.user.id, { roles: [t2!], reason: 'tier 2, ünïcode & commas' });
    const log = sim.control.auditLog();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      action_type: AuditLogEvent.MemberRoleUpdate,
      target_id: target.user.id,
      user_id: sim.applicationId,
      reason: 'tier 2, ünïcode & commas',
      changes: [
        { key: '$add', new_value: [{ id: t2, name: 'Regular' }] },
        { key: '$remove', new_value: [{ id: t1, name: 'Contributor' }] },
      ],
    });
    expect(log[1]?.reason).toBe('GitGuild: merged PRs ≥ 1');
  });

  it('lets a PATCH keep roles above the bot and integration roles, but never drop them', async () => {
    const { sim, guild } = await setup();
    const admin = sim.guild.members.find((m) => m.roles.includes(sim.guild.roleIds.aboveBot[1]!))!;
    const tier = sim.guild.roleIds.tiers[0]!;
    // Adding a role below the bot to someone whose top role is above the bot is allowed.
    await guild.members.edit(admin.user.id, { roles: [...admin.roles, tier] });
    expect(sim.control.member(admin.user.id).roles).toEqual([...admin.roles, tier]);
    const dropped = await guild.members
      .edit(admin.user.id, { roles: [tier] })
      .catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(DiscordAPIError);
    expect((dropped as DiscordAPIError).status).toBe(403);
    expect((dropped as DiscordAPIError).code).toBe(50013);
    const sub = sim.guild.members.find((m) => m.roles.includes(sim.guild.roleIds.integration))!;
    const lostSub = await guild.members
      .edit(sub.user.id, { roles: sub.roles.filter((r) => r !== sim.guild.roleIds.integration) })
      .catch((e: unknown) => e);
    expect((lostSub as DiscordAPIError).code).toBe(50013);
    expect(sim.control.member(sub.user.id).roles).toEqual(sub.roles);
  });

  it('serves the audit log over REST only with View Audit Log', async () => {
    const { guild } = await setup();
    const refused = await guild.fetchAuditLogs({ limit: 5 }).catch((e: unknown) => e);
    expect((refused as DiscordAPIError).code).toBe(50013);
  });
});
