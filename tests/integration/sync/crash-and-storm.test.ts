// The applier under stress: a GitGuild process killed in the middle of applying, then a re-run
// that converges without writing any member twice and audits what the dead run did; and a storm
// of 429s that slows the run down without losing a single change.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlanView } from '../../../src-main/api/methods/sync.js';
import { startDiscordSim, type DiscordSim } from '../../../sim/discord/index.js';
import { generateGuild } from '../../../sim/scenarios/guild.js';
import { PATCH_MEMBER, syncRig, type SyncRig } from './sync-rig.js';

const CHILD = fileURLToPath(new URL('./apply-child.ts', import.meta.url));
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const scenario = () =>
  generateGuild({
    seed: 9,
    preset: 'demo',
    githubLogins: Array.from({ length: 40 }, (_, i) => `dev${i}`),
  });

const roleMap = (sim: DiscordSim) =>
  new Map(sim.control.guild().members.map((m) => [m.user.id, [...m.roles].sort()]));

function applied(before: Map<string, string[]>, plan: PlanView): Map<string, string[]> {
  const after = new Map([...before].map(([id, roles]) => [id, [...roles]]));
  for (const c of plan.changes) {
    const kept = (after.get(c.userId) ?? []).filter((id) => !c.remove.some((r) => r.roleId === id));
    after.set(c.userId, [...kept, ...c.add.map((a) => a.roleId)].sort());
  }
  return after;
}

const successfulPatches = (sim: DiscordSim) =>
  sim.control.callLog().filter((c) => c.route === PATCH_MEMBER && c.status === 200);

describe('applying under failure', () => {
  it('converges after the applying process is killed mid-run, writing no member twice', async () => {
    const guild = scenario();
    // 2 member writes per 400 ms: the 30-odd writes take seconds, long enough to kill mid-way.
    const sim = await startDiscordSim({
      guild,
      heartbeatIntervalMs: 1000,
      rateLimits: { routes: { [PATCH_MEMBER]: { limit: 2, windowMs: 400 } } },
    });
    const dataDir = await mkdtemp(join(tmpdir(), 'gitguild-kill-'));
    cleanup.push(
      () => sim.close(),
      () => rm(dataDir, { recursive: true, force: true }),
    );

    const seeding = await syncRig({ reuse: { sim, scenario: guild }, dataDir, seedStore: true });
    const before = roleMap(sim);
    const dry = await seeding.sync.requestRun({
      guildId: seeding.guildId,
      dryRun: true,
      full: false,
      confirm: false,
      trigger: 'manual',
      actor: 'admin:test',
    });
    const plan = dry.plan!;
    expect(plan.changes.length).toBeGreaterThan(10);
    await seeding.close();

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, guild.guild.id], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SIM_REST_URL: sim.restUrl, SIM_BOT_TOKEN: sim.botToken },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<string | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await vi.waitFor(() => expect(successfulPatches(sim).length).toBeGreaterThanOrEqual(5), {
      timeout: 30_000,
      interval: 20,
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(output).not.toContain('done');
    const landedBeforeKill = successfulPatches(sim).length;
    expect(landedBeforeKill).toBeLessThan(plan.changes.length);

    const rerun: SyncRig = await syncRig({
      reuse: { sim, scenario: guild },
      dataDir,
      seedStore: false,
    });
    cleanup.push(() => rerun.close());
    const killed = rerun.store.history
      .syncRuns({ limit: 5 })
      .find((r) => r.actor === 'admin:child')!;
    expect(killed.outcome).toBe('interrupted');
    const summary = await rerun.sync.run(guild.guild.id, {
      dryRun: false,
      trigger: 'manual',
      actor: 'admin:test',
      confirm: true,
    });
    expect(summary.outcome).toBe('ok');
    expect(roleMap(sim)).toEqual(applied(before, plan));
    // Every changed member was written exactly once across both lives.
    const written = successfulPatches(sim).map((c) => c.path);
    expect(written).toHaveLength(plan.changes.length);
    expect(new Set(written).size).toBe(plan.changes.length);
    // The dead run's changes were audited afterwards; together with the re-run, every change is.
    const dead = rerun.store.history.audit({ runId: killed.id });
    expect(dead.length).toBeGreaterThan(0);
    expect(dead[0]?.reason).toContain('(recorded after the run was interrupted)');
    const live = rerun.store.history.audit({ runId: summary.runId });
    expect(dead.length + live.length).toBe(plan.totalAdds + plan.totalRemoves);
    expect(rerun.store.history.syncState().inFlight).toEqual({});
  }, 90_000);

  it('slows down in a storm of 429s but loses no change', async () => {
    const rig = await syncRig({
      seed: 12,
      sim: { rateLimits: { routes: { [PATCH_MEMBER]: { limit: 4, windowMs: 300 } } } },
    });
    cleanup.push(() => rig.close());
    const before = roleMap(rig.sim);
    // A global cap far below the 50/s discord.js assumes, and the member bucket emptied again
    // and again while the run goes on: both kinds of 429, for seconds.
    rig.sim.control.setRateLimits({ global: { limit: 8, windowMs: 1000 } });
    const storm = setInterval(() => {
      rig.sim.control.exhaustBucket({
        method: 'PATCH',
        route: '/guilds/:guild_id/members/:user_id',
        retryAfterMs: 200,
      });
    }, 500);
    let summary;
    try {
      summary = await rig.sync.run(rig.guildId, {
        dryRun: false,
        trigger: 'manual',
        actor: 'admin:test',
        confirm: true,
      });
    } finally {
      clearInterval(storm);
    }
    const calls = rig.calls().filter((c) => c.route === PATCH_MEMBER);
    const limited = calls.filter((c) => c.status === 429);
    // How many 429s a storm produces depends on the machine's pace; both kinds must have come.
    expect(rig.calls().some((c) => c.status === 429 && c.rateLimitScope === 'global')).toBe(true);
    expect(limited.some((c) => c.rateLimitScope === 'user')).toBe(true);
    expect(summary).toMatchObject({ outcome: 'ok', membersFailed: 0 });
    const run = rig.store.history.syncRun(summary.runId)!;
    expect(calls.filter((c) => c.status === 200)).toHaveLength(run.counts.membersChanged);
    const plan = rig.store.history.audit({ runId: summary.runId });
    expect(plan).toHaveLength(run.counts.rolesAdded + run.counts.rolesRemoved);
    // Every change landed: a dry run now finds nothing left to do.
    const check = await rig.sync.requestRun({
      guildId: rig.guildId,
      dryRun: true,
      full: true,
      confirm: false,
      trigger: 'manual',
      actor: 'admin:test',
    });
    expect(check.plan?.changes).toEqual([]);
    expect(roleMap(rig.sim)).not.toEqual(before);
  }, 60_000);
});
