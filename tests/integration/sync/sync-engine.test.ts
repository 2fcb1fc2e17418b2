// The sync engine end to end against the Discord simulator with a real discord.js client: dry
// runs, applying a plan exactly, idempotence, the safety cap, full resyncs, audit entries and
// audit-log reasons, the audit channel, and a member join as a trigger.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchMemberTriggers } from '../../../src-bot/sync/member-triggers.js';
import type { PlanView } from '../../../src-main/api/methods/sync.js';
import { isRead, isWrite, PATCH_MEMBER, syncRig, type SyncRig } from './sync-rig.js';

let rig: SyncRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const everyoneRoles = (r: SyncRig) =>
  new Map(r.sim.control.guild().members.map((m) => [m.user.id, [...m.roles].sort()]));

/** What the guild must look like after applying `plan` to `before`. */
function expected(before: Map<string, string[]>, plan: PlanView): Map<string, string[]> {
  const after = new Map([...before].map(([id, roles]) => [id, [...roles]]));
  for (const change of plan.changes) {
    const roles = (after.get(change.userId) ?? []).filter(
      (id) => !change.remove.some((r) => r.roleId === id),
    );
    after.set(change.userId, [...roles, ...change.add.map((a) => a.roleId)].sort());
  }
  return after;
}

async function finished(r: SyncRig, runId: string) {
  await vi.waitFor(
    () => expect(r.store.history.syncRun(runId)?.outcome).toMatch(/^(ok|partial|failed)$/),
    {
      timeout: 30_000,
      interval: 50,
    },
  );
  return r.store.history.syncRun(runId)!;
}

describe('sync against the Discord simulator', () => {
  it('a dry run plans changes and sends nothing; applying makes the guild match the plan exactly', async () => {
    rig = await syncRig();
    const before = everyoneRoles(rig);
    rig.mark();
    const dry = await rig.sync.requestRun({
      guildId: rig.guildId,
      dryRun: true,
      full: false,
      confirm: false,
      trigger: 'manual',
      actor: 'admin:test',
    });
    expect(dry.status).toBe('dry_run');
    const plan = dry.plan!;
    expect(plan.changes.length).toBeGreaterThan(5);
    expect(plan.problems.map((p) => p.code)).toEqual(['role_above_bot']);
    expect(plan.problems[0]?.fix).toContain("Move GitGuild's role above Moderator");
    expect(rig.calls().filter(isWrite)).toEqual([]);
    expect(everyoneRoles(rig)).toEqual(before);
    expect(rig.store.history.syncRun(dry.runId!)).toMatchObject({ dryRun: true, outcome: 'ok' });

    rig.mark();
    const run = await rig.sync.requestRun({
      guildId: rig.guildId,
      dryRun: false,
      full: false,
      confirm: false,
      trigger: 'manual',
      actor: 'admin:test',
    });
    expect(run.status).toBe('started');
    const done = await finished(rig, run.runId!);
    expect(done).toMatchObject({
      outcome: 'ok',
      counts: {
        membersChanged: plan.changes.length,
        membersFailed: 0,
        rolesAdded: plan.totalAdds,
        rolesRemoved: plan.totalRemoves,
        writes: plan.changes.length,
        reads: 0,
      },
    });
    // One PATCH per changed member, nothing else written, no REST reads.
    const calls = rig.calls();
    expect(calls.filter(isWrite).map((c) => c.route)).toEqual(plan.changes.map(() => PATCH_MEMBER));
    expect(calls.filter(isRead)).toEqual([]);
    expect(everyoneRoles(rig)).toEqual(expected(before, run.plan!));
    // Roles above the bot and the integration role stayed where they were.
    const mod = rig.scenario.roleIds.aboveBot[0]!;
    for (const [id, roles] of before)
      expect(everyoneRoles(rig).get(id)?.includes(mod)).toBe(roles.includes(mod));

    const audit = rig.store.history.audit({ runId: run.runId! });
    expect(audit).toHaveLength(plan.totalAdds + plan.totalRemoves);
    const someAdd = audit.find((e) => e.change === 'add')!;
    expect(someAdd).toMatchObject({ guildId: rig.guildId, actor: 'admin:test' });
    expect(someAdd.reason).toMatch(/^commits ≥ \d+ \(all time\): \d+$/);
    const discordLog = rig.sim.control.auditLog();
    expect(discordLog).toHaveLength(plan.changes.length);
    expect(discordLog[0]?.reason).toContain(`GitGuild sync ${run.runId}`);
    expect(rig.events.some((e) => e.type === 'sync-finished')).toBe(true);
    expect(rig.events.filter((e) => e.type === 'progress').at(-1)).toMatchObject({
      job: 'sync',
      done: plan.changes.length,
      total: plan.changes.length,
    });
  });

  it('a second apply sends zero writes and zero reads', async () => {
    rig = await syncRig();
    const first = await rig.sync.run(rig.guildId, {
      dryRun: false,
      trigger: 'command',
      actor: 'member:1',
    });
    expect(first.membersChanged).toBeGreaterThan(0);
    rig.mark();
    const second = await rig.sync.run(rig.guildId, {
      dryRun: false,
      trigger: 'command',
      actor: 'member:1',
    });
    expect(second).toMatchObject({ membersChanged: 0, membersFailed: 0, outcome: 'ok' });
    expect(rig.calls().filter(isWrite)).toEqual([]);
    expect(rig.calls().filter(isRead)).toEqual([]);
  });

  it('stops at the safety cap and applies once confirmed', async () => {
    rig = await syncRig({ guild: { maxChangesPerRun: 3 } });
    rig.mark();
    const capped = await rig.sync.requestRun({
      guildId: rig.guildId,
      dryRun: false,
      full: false,
      confirm: false,
      trigger: 'manual',
      actor: 'admin:test',
    });
    expect(capped.status).toBe('needs_confirmation');
    expect(capped.reason).toContain('safety cap of 3');
    expect(rig.calls().filter(isWrite)).toEqual([]);
    expect(rig.store.history.syncRun(capped.runId!)?.outcome).toBe('needs_confirmation');
    const confirmed = await rig.sync.run(rig.guildId, {
      dryRun: false,
      trigger: 'manual',
      actor: 'admin:test',
      confirm: true,
    });
    expect(confirmed.outcome).toBe('ok');
    expect(confirmed.membersChanged).toBe(capped.plan!.membersChanging);
  });

  it('keeps unmanaged roles, takes managed roles from unlinked members, and a full resync re-reads members', async () => {
    rig = await syncRig();
    const unlinked = rig.scenario.members.find(
      (m) => !m.user.bot && !rig!.scenario.links.some((l) => l.discordUserId === m.user.id),
    )!;
    const [contributor] = rig.scenario.roleIds.tiers;
    const keep = [...unlinked.roles, contributor!];
    rig.sim.control.setMemberRoles(unlinked.user.id, keep);
    await vi.waitFor(() =>
      expect(rig!.client.guilds.cache.get(rig!.guildId)?.members.cache.size).toBeGreaterThan(0),
    );
    await rig.sync.run(rig.guildId, { dryRun: false, trigger: 'manual', actor: 'admin:test' });
    expect(rig.roles(unlinked.user.id)).toEqual([...unlinked.roles].sort());
    rig.mark();
    const full = await rig.sync.run(rig.guildId, {
      dryRun: false,
      trigger: 'manual',
      actor: 'admin:test',
      full: true,
    });
    expect(full.membersChanged).toBe(0);
    const reads = rig
      .calls()
      .filter(isRead)
      .map((c) => c.route);
    expect(reads).toEqual(['GET /guilds/:guild_id/roles', 'GET /guilds/:guild_id/members']);
    expect(rig.store.history.syncRuns({ limit: 1 })[0]).toMatchObject({
      full: true,
      counts: { reads: 2 },
    });
  });

  it('posts applied changes to the audit channel without pinging anyone', async () => {
    rig = await syncRig({ guild: { auditChannelId: undefined } });
    await rig.store.guilds.upsert({
      ...rig.store.guilds.get(rig.guildId)!,
      auditChannelId: rig.scenario.channelIds.general,
    });
    const result = await rig.sync.run(rig.guildId, {
      dryRun: false,
      trigger: 'manual',
      actor: 'admin:test',
    });
    const messages = rig.sim.control.messages(rig.scenario.channelIds.general);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]?.content).toContain(`GitGuild sync** \`${result.runId}\``);
    expect(messages.map((m) => m.content).join('\n')).toMatch(/➕ <@\d+> <@&\d+>: commits ≥/);
  });

  it('gives a linked newcomer their roles when they join', async () => {
    rig = await syncRig();
    await rig.sync.run(rig.guildId, { dryRun: false, trigger: 'manual', actor: 'admin:test' });
    const stop = watchMemberTriggers(rig.client, rig.sync, () => true);
    try {
      const user = {
        id: '990000000000000001',
        username: 'newbie',
        discriminator: '0',
        global_name: null,
        avatar: null,
      };
      // A login nobody linked, with 3i mod 70 commits between 20 and 49: Regular.
      const login = Array.from({ length: 40 }, (_, i) => `dev${i}`).find(
        (l) =>
          !rig!.scenario.links.some((x) => x.githubLogin === l) &&
          (Number(l.slice(3)) * 3) % 70 >= 20 &&
          (Number(l.slice(3)) * 3) % 70 < 50,
      )!;
      await rig.store.links.linkMember({
        discordUserId: user.id,
        githubLogin: login,
        linkedBy: user.id,
        method: 'device_flow',
      });
      rig.sim.control.addMember(user);
      const regular = rig.scenario.roleIds.tiers[1]!;
      await vi.waitFor(() => expect(rig!.roles(user.id)).toEqual([regular]), {
        timeout: 10_000,
        interval: 50,
      });
      // The roles land before the run is recorded: wait for the record, not just the roles.
      await vi.waitFor(() =>
        expect(rig!.store.history.syncRuns({ limit: 1 })[0]).toMatchObject({
          trigger: 'member_join',
          outcome: 'ok',
          counts: { membersChecked: 1, writes: 1 },
        }),
      );
    } finally {
      stop();
    }
  });

  it('takes the managed roles of a member who unlinks, in every guild, at once', async () => {
    rig = await syncRig();
    await rig.sync.run(rig.guildId, { dryRun: false, trigger: 'manual', actor: 'admin:test' });
    const holder = rig.sim.control
      .guild()
      .members.find((m) => m.roles.some((r) => rig!.scenario.roleIds.tiers.includes(r)))!;
    const unmanaged = holder.roles.filter((r) => !rig!.scenario.roleIds.tiers.includes(r));
    await rig.store.links.unlinkMember(holder.user.id);
    rig.sync.syncUser(holder.user.id, 'unlink');
    await vi.waitFor(() => expect(rig!.roles(holder.user.id)).toEqual([...unmanaged].sort()), {
      timeout: 10_000,
      interval: 50,
    });
    await vi.waitFor(() =>
      expect(rig!.store.history.syncRuns({ limit: 1 })[0]).toMatchObject({
        trigger: 'unlink',
        outcome: 'ok',
        counts: { membersChanged: 1 },
      }),
    );
    expect(rig.store.history.audit({ limit: 1 })[0]?.reason).toBe('not linked to GitHub');
  });
});
