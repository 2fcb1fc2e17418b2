// Sync benchmark on the `large` guild (10,000 members) against sim/discord with a real discord.js
// client and the host's SyncService: 2,000 linked members each need three role changes (a tier
// promotion and a new role). Figures: writes sent vs members changed (goal: equal), REST reads in
// a steady-state run (goal: 0) and in a full resync, wall time vs the time the simulator's
// configured member bucket allows (goal: within 1.1×), the ETA first shown vs the real time, and,
// in the same run on the same guild, the per-role PUT/DELETE baseline of the role-sync module in
// seeds/003 (one awaited call per role change). Prints figures; asserts nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { CallRecord } from '../../sim/discord/index.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateGuild } from '../../sim/scenarios/guild.js';
import { EventHub } from '../../src-main/api/event-hub.js';
import { ContributionIndexes } from '../../src-main/host/contribution-indexes.js';
import { SyncService } from '../../src-main/host/sync-service.js';
import { silentLogger } from '../../src-main/log/logger.js';
import { openStore } from '../../src-main/store/index.js';
import type { MappingInput } from '../../src-main/store/types.js';
import { readGuildSnapshot } from '../../src-bot/sync/snapshot.js';
import { buildPlanInput } from '../../src-main/host/sync-plan-input.js';
import { planGuildSync } from '../../src-main/roles/planner.js';

const CHANGED = 2000;
const BUCKET = { limit: 50, windowMs: 1000 };
const GLOBAL_PER_SECOND = 500;
const PATCH = 'PATCH /guilds/:guild_id/members/:user_id';
const PUT = 'PUT /guilds/:guild_id/members/:user_id/roles/:role_id';
const DELETE = 'DELETE /guilds/:guild_id/members/:user_id/roles/:role_id';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function run(): Promise<void> {
  // The same guild the simulator process generates from the same seed.
  const guild = generateGuild({ seed: 11, preset: 'large' });
  const sim = await startSimProcess(11, {
    global: { limit: GLOBAL_PER_SECOND, windowMs: 1000 },
    routes: { [PATCH]: BUCKET, [PUT]: BUCKET, [DELETE]: BUCKET },
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'gitguild-bench-sync-'));
  const [contributor, regular, core] = guild.roleIds.tiers as [string, string, string];
  const guildId = guild.guild.id;
  const targets = guild.members
    .filter((m) => !m.user.bot && m.roles.length === 0)
    .slice(0, CHANGED)
    .map((m) => m.user.id);
  // Before: every target holds the lowest tier. The plan: promote to Regular (replacing
  // Contributor in the tier group) and add Core: three role changes, one PATCH, per member.
  const resetRoles = async () => {
    for (const id of targets) await sim.setRoles(guild.guild.id, id, [contributor]);
  };
  await resetRoles();
  await writeFile(
    join(dataDir, 'links.json'),
    JSON.stringify({
      schemaVersion: 1,
      links: targets.map((id, i) => ({
        discordUserId: id,
        githubLogin: `bench-${i}`,
        linkedBy: id,
        linkedAt: '2025-01-01T00:00:00.000Z',
        method: 'admin',
      })),
    }),
  );
  const store = await openStore({ dataDir, logger: silentLogger });
  await store.guilds.upsert({
    id: guildId,
    name: guild.guild.name,
    enabled: true,
    removeRolesOnUnlink: false,
    maxChangesPerRun: 100_000,
  });
  const linked = { kind: 'linked' } as const;
  const mappings: MappingInput[] = [
    {
      id: 'c',
      guildId,
      roleId: contributor,
      enabled: true,
      order: 1,
      group: 't',
      condition: linked,
    },
    { id: 'r', guildId, roleId: regular, enabled: true, order: 2, group: 't', condition: linked },
    { id: 'core', guildId, roleId: core, enabled: true, order: 3, condition: linked },
  ];
  await store.mappings.upsertMany(mappings);

  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
    rest: { api: sim.restUrl, globalRequestsPerSecond: GLOBAL_PER_SECOND },
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(sim.botToken);
  await ready;
  const events = new EventHub();
  // Progress events with their time, to compare the ETA shown early on with what it took.
  const progress: { at: number; done: number; total: number; detail: string }[] = [];
  events.subscribe((e) => {
    if (e.type === 'progress' && e.job === 'sync')
      progress.push({
        at: performance.now(),
        done: e.done,
        total: e.total,
        detail: e.detail ?? '',
      });
  });
  const indexes = new ContributionIndexes(store.contributions);
  const sync = new SyncService({
    store,
    indexFor: (org) => indexes.get(org),
    client: () => client,
    events,
    logger: silentLogger,
  });
  const since = async (mark: number): Promise<CallRecord[]> => (await sim.calls()).slice(mark);
  const runOnce = async (full: boolean) => {
    const mark = (await sim.calls()).length;
    const t0 = performance.now();
    const summary = await sync.run(guildId, {
      dryRun: false,
      trigger: 'manual',
      actor: 'bench',
      confirm: true,
      full,
    });
    const ms = performance.now() - t0;
    const calls = await since(mark);
    return {
      summary,
      ms,
      calls,
      writes: calls.filter((c) => c.method !== 'GET').length,
      reads: calls.filter((c) => c.method === 'GET').length,
      limited: calls.filter((c) => c.status === 429).length,
      run: store.history.syncRun(summary.runId)!,
    };
  };

  try {
    // Warm-up: the gateway fills the member cache (op 8 chunks, not REST), so the timed run
    // measures applying only.
    const warm = await sync.run(guildId, { dryRun: true, trigger: 'manual', actor: 'bench' });
    const plan = await sync.requestRun({
      guildId,
      dryRun: true,
      full: false,
      confirm: false,
      trigger: 'manual',
      actor: 'bench',
    });
    const roleChanges = (plan.plan?.totalAdds ?? 0) + (plan.plan?.totalRemoves ?? 0);

    const first = await runOnce(false);
    const steady = await runOnce(false);
    const full = await runOnce(true);

    // Baseline: the same plan, one awaited PUT or DELETE per role change (seeds/003's BotService).
    await resetRoles();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { snapshot } = await readGuildSnapshot(client, guildId);
    const fullPlan = planGuildSync(
      buildPlanInput(
        { store, indexFor: (org) => indexes.get(org) },
        store.guilds.get(guildId)!,
        store.mappings.list(guildId),
        snapshot,
        new Date(),
      ),
    );
    const mark = (await sim.calls()).length;
    const b0 = performance.now();
    for (const change of fullPlan.changes) {
      for (const a of change.add)
        await client.rest.put(Routes.guildMemberRole(guildId, change.userId, a.roleId), {
          reason: 'baseline',
        });
      for (const r of change.remove)
        await client.rest.delete(Routes.guildMemberRole(guildId, change.userId, r.roleId), {
          reason: 'baseline',
        });
    }
    const baselineMs = performance.now() - b0;
    const baselineCalls = await since(mark);
    const baselineRequests = baselineCalls.filter((c) => c.method !== 'GET').length;
    const covered = fullPlan.changes.length;
    const check = await runOnce(false);

    // This machine's own ceiling right now: the same kind of writes with every limit off. When a
    // write's round trip (client, simulator and gateway echo on shared cores) takes longer than
    // the bucket's pace, the apply is bound by the machine, not by the bucket.
    const sample = targets.slice(0, 500);
    for (const id of sample) await sim.setRoles(guildId, id, [contributor]);
    await sim.setLimits({ enabled: false });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const unlimited = await runOnce(false);
    const msPerWrite = unlimited.ms / Math.max(1, unlimited.writes);

    const patches = (calls: CallRecord[]) => calls.filter((c) => c.route === PATCH);
    const firstPatches = patches(first.calls);
    const applyMs = firstPatches.at(-1)!.at - firstPatches[0]!.at;
    // The configured rate: `limit` writes per window, so N writes take N / limit windows.
    const floorMs = (first.writes / BUCKET.limit) * BUCKET.windowMs;
    const early = progress.find((p) => p.done >= p.total * 0.1 && /about/.test(p.detail));
    const last = progress.filter((p) => p.total === first.writes).at(-1);
    const eta = early && parseEta(early.detail);

    // How full each bucket window was: writes between two waits for the bucket to reset.
    const bursts: number[] = [0];
    firstPatches.forEach((c, i) => {
      const gap = i === 0 ? 0 : c.at - firstPatches[i - 1]!.at;
      if (gap > BUCKET.windowMs / 4) bursts.push(0);
      bursts[bursts.length - 1]! += 1;
    });
    const lines = [
      `machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} (simulator in its own process)`,
      `guild: ${guild.members.length} members, ${targets.length} linked; mappings: a two-tier group and one more role`,
      `plan: ${plan.plan?.membersChanging} members change, ${roleChanges} role changes (member cache filled over the gateway first: ${warm.membersChecked} members)`,
      `apply: ${first.writes} writes for ${first.run.counts.membersChanged} changed members (goal: equal), ${first.run.counts.membersFailed} failed, ${first.limited} answered 429`,
      `apply wall time (first to last write): ${seconds(applyMs)} vs ${seconds(floorMs)} at the member bucket's configured rate (${BUCKET.limit} per ${BUCKET.windowMs} ms): ${(applyMs / floorMs).toFixed(3)}× (goal ≤ 1.1×; discord.js waits 50 ms past each reset, 5% of a 1 s window)`,
      `this machine's pace with no limits at all: ${msPerWrite.toFixed(1)} ms per member write (${Math.round(1000 / msPerWrite)}/s; the bucket allows ${(1000 * BUCKET.limit) / BUCKET.windowMs}/s); expected apply time max(bucket, pace): ${seconds(Math.max(floorMs, msPerWrite * first.writes))}, measured ${(applyMs / Math.max(floorMs, msPerWrite * first.writes)).toFixed(3)}× of it`,
      `bucket windows used: ${bursts.length} (writes per window: ${[...new Set(bursts)]
        .sort((a, b) => b - a)
        .slice(0, 4)
        .join(', ')}…)`,
      `whole run (read cache, plan, write-ahead, apply, record ${first.run.counts.rolesAdded + first.run.counts.rolesRemoved} audit entries): ${seconds(first.ms)}`,
      eta && early && last
        ? `ETA at ${early.done}/${early.total} members: ${seconds(eta)}; it took ${seconds(last.at - early.at)}`
        : 'ETA: not shown',
      `steady-state re-run: ${steady.writes} writes, ${steady.reads} REST reads (goal: 0), ${seconds(steady.ms)}`,
      `full resync: ${full.reads} REST reads (roles + ${full.reads - 1} member pages of ≤1000; Discord's list bucket is 10 per 10 s), ${full.writes} writes, ${seconds(full.ms)}`,
      `baseline, seeds/003's pattern (one awaited PUT or DELETE per role change) on the same plan and limits: ${baselineRequests} requests for ${covered} members (${(baselineRequests / covered).toFixed(1)} per member), ${seconds(baselineMs)}`,
      `GitGuild vs baseline: ${first.writes} vs ${baselineRequests} requests (${(baselineRequests / first.writes).toFixed(1)}×), ${seconds(applyMs)} vs ${seconds(baselineMs)} (${(baselineMs / applyMs).toFixed(1)}×)`,
      `after the baseline the guild already matched: GitGuild's next run wrote ${check.writes}`,
    ];
    for (const line of lines) console.log(line);
  } finally {
    await sync.stop();
    await client.destroy();
    await store.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function parseEta(detail: string): number | null {
  const m = /about (?:(\d+) h )?(?:(\d+) min ?)?(?:(\d+) s)? left/.exec(detail);
  if (!m) return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

interface SimProcess {
  restUrl: string;
  botToken: string;
  calls(): Promise<CallRecord[]>;
  setLimits(limits: object): Promise<void>;
  setRoles(guildId: string, userId: string, roles: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Starts sim/discord in a child process and talks to its control API over HTTP. */
async function startSimProcess(seed: number, limits: object): Promise<SimProcess> {
  const script = fileURLToPath(new URL('./support/discord-sim-process.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, String(seed), 'large', JSON.stringify(limits)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const info = JSON.parse(first) as { restUrl: string; controlUrl: string; botToken: string };
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${info.controlUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  return {
    restUrl: info.restUrl,
    botToken: info.botToken,
    calls: async () => (await control('GET', '/calls')) as CallRecord[],
    setLimits: async (limits) => void (await control('PATCH', '/rate-limits', limits)),
    setRoles: async (guildId, userId, roles) =>
      void (await control('PUT', `/guilds/${guildId}/members/${userId}/roles`, { roles })),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
