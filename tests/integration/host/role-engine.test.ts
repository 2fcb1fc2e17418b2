// The role engine in a real host, driven through the AdminApi the way the UI and scripts drive
// it, against both simulators: a preset that creates its roles on Discord, the live preview of
// unsaved mappings, sync runs, history, audit and CSV, voice stats, and the scheduler with a
// hand-moved clock (crawl → sync on time, catch-up once after sleep, single-flight, pause).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../../src-main/api/contract.js';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { createHost } from '../../../src-main/host/create-host.js';
import type { Host } from '../../../src-main/host/host.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { settingsForSimulators, startSimulators, type Simulators } from '../../../sim/index.js';
import { ManualClock } from '../../unit/scheduler/manual-clock.js';

const MIN = 60_000;
let sims: Simulators | undefined;
let host: Host | undefined;
let dir: string | undefined;
afterEach(async () => {
  await host?.stop();
  await sims?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  host = sims = dir = undefined;
});

async function start(clock: ManualClock) {
  sims = await startSimulators({ seed: 3, preset: 'tiny' });
  dir = await mkdtemp(join(tmpdir(), 'gitguild-roles-'));
  const created = await createHost({
    mode: 'headless',
    dataDir: dir,
    logger: createLogger('test', { level: 'warn', sinks: [memorySink(5000)] }),
    secrets: { backend: 'memory' },
    crawlTuning: { settleMs: 0, retryBaseDelayMs: 20 },
    roleEngine: { schedulerClock: clock },
  });
  host = created;
  const call = <M extends Parameters<typeof invokeMethod>[1]>(method: M, input?: unknown) =>
    invokeMethod(created.handlers, method, input);
  await call('settings.update', settingsForSimulators(sims));
  await created.secrets.set('discord.botToken', sims.discord.botToken);
  await created.secrets.set('github.token', sims.github.token);
  for (const link of sims.discord.guild.links)
    await created.links.linkMember({ ...link, linkedBy: link.discordUserId, method: 'admin' });
  await created.start();
  await vi.waitFor(() => expect(created.health().bot.state).toBe('ready'), {
    timeout: 20_000,
    interval: 50,
  });
  return { host: created, sims, call };
}

describe('the role engine through the AdminApi', () => {
  it('applies a preset with its roles, previews, syncs, audits and exports', async () => {
    const clock = new ManualClock();
    const { host: h, sims: s, call } = await start(clock);
    await h.scheduler.pause(); // this test drives runs by hand
    const guildId = s.discord.guild.guild.id;
    const listed = (await call('guilds.list')) as MethodOutput<'guilds.list'>;
    expect(listed.guilds).toEqual([
      expect.objectContaining({ id: guildId, configured: false, botPresent: true }),
    ]);
    const guild = (await call('guilds.update', {
      id: guildId,
      org: s.github.org.login,
      enabled: true,
      maxChangesPerRun: 500,
    })) as MethodOutput<'guilds.update'>;
    expect(guild).toMatchObject({ configured: true, org: s.github.org.login });
    expect(guild.roles.find((r) => r.name === 'Moderator')?.assignable).toBe(false);

    const preset = (await call('mappings.applyPreset', {
      guildId,
      preset: 'python-bot-tiers',
    })) as MethodOutput<'mappings.applyPreset'>;
    expect(preset.createdRoles.map((r) => r.name)).toContain('🌸 1+ PRs');
    expect(preset.mappings).toHaveLength(15);
    const onDiscord = s.discord.control.guild().roles;
    const bot = onDiscord.find((r) => r.id === s.discord.guild.roleIds.bot)!;
    const pink = onDiscord.find((r) => r.name === '🌸 1+ PRs')!;
    expect(pink.color).toBe(0xffb6c1);
    expect(pink.position).toBeLessThan(bot.position);
    const again = (await call('mappings.applyPreset', {
      guildId,
      preset: 'python-bot-tiers',
    })) as MethodOutput<'mappings.applyPreset'>;
    expect(again.createdRoles).toEqual([]);
    expect(
      ((await call('mappings.list', { guildId })) as { mappings: unknown[] }).mappings,
    ).toHaveLength(15);

    await call('crawl.run');
    await vi.waitFor(
      async () => {
        const status = (await call('crawl.status')) as MethodOutput<'crawl.status'>;
        expect(status.running).toBeNull();
        expect(status.orgs).toHaveLength(1);
      },
      { timeout: 60_000, interval: 100 },
    );

    // The editor's live preview of an unsaved mapping: nothing is stored or sent.
    const draftRole = guild.roles.find((r) => r.assignable)!.id;
    const preview = (await call('sync.preview', {
      guildId,
      mappings: [{ roleId: draftRole, condition: { kind: 'linked' } }],
    })) as MethodOutput<'sync.preview'>;
    expect(preview.changes.every((c) => c.add.every((a) => a.roleId === draftRole))).toBe(true);
    expect(
      ((await call('mappings.list', { guildId })) as { mappings: unknown[] }).mappings,
    ).toHaveLength(15);

    const run = (await call('sync.run', { guildId })) as MethodOutput<'sync.run'>;
    expect(run.status).toBe('started');
    // Single-flight per guild: a second run while the first applies is refused, not stacked.
    const twice = (await call('sync.run', { guildId })) as MethodOutput<'sync.run'>;
    expect(twice).toMatchObject({ status: 'already_running', runId: run.runId });
    await vi.waitFor(
      async () => {
        const status = (await call('sync.status', { guildId })) as MethodOutput<'sync.status'>;
        expect(status.running).toEqual([]);
        expect(status.guilds[0]?.lastApplied?.outcome).toBe('ok');
      },
      { timeout: 30_000, interval: 100 },
    );
    const history = (await call('sync.history', { guildId })) as MethodOutput<'sync.history'>;
    expect(history.runs[0]).toMatchObject({
      trigger: 'manual',
      actor: 'admin:desktop',
      dryRun: false,
    });
    const added = history.runs[0]!.counts.rolesAdded;
    expect(added).toBe(run.plan!.totalAdds);
    const audit = (await call('audit.list', {
      guildId,
      runId: run.runId,
    })) as MethodOutput<'audit.list'>;
    expect(audit.entries.filter((e) => e.change === 'add')).toHaveLength(added);
    const csv = (await call('audit.exportCsv', { guildId })) as MethodOutput<'audit.exportCsv'>;
    expect(csv.csv.split('\r\n')[0]).toContain('member_id');
    expect(csv.csv).toContain(run.runId!);
    const runsCsv = (await call('sync.exportHistoryCsv')) as MethodOutput<'sync.exportHistoryCsv'>;
    expect(runsCsv.csv).toContain(`${run.runId},sync,${guildId},manual`);

    const bad = await call('mappings.reorder', { guildId, ids: ['nope'] }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ identifier: 'invalid_input' });
    const voice = (await call('voiceStats.setup', { guildId })) as MethodOutput<'voiceStats.setup'>;
    expect(voice.channels).toHaveLength(6);
    const voiceAgain = await h.rolePorts.voiceStats.setup(guildId, 'admin:test');
    expect(voiceAgain.channels.map((c) => c.name)).toEqual(voice.channels.map((c) => c.name));
    // A second setup finds the channels the first one made.
    expect(voiceAgain.channels.every((c) => !c.created)).toBe(true);
  }, 120_000);

  it('runs crawl → sync on time, catches up once after a sleep, never overlaps, and pauses', async () => {
    const clock = new ManualClock();
    const { host: h, sims: s, call } = await start(clock);
    const guildId = s.discord.guild.guild.id;
    await call('guilds.update', { id: guildId, org: s.github.org.login, syncIntervalMinutes: 15 });
    await call('mappings.create', {
      guildId,
      roleId: s.discord.guild.roleIds.tiers[0],
      condition: { kind: 'linked' },
    });
    const scheduled = () =>
      h.scheduler.status().jobs.find((j) => j.id === `guild-sync:${guildId}`)!;
    expect(h.health().scheduler.jobs?.map((j) => j.id)).toContain(`guild-sync:${guildId}`);
    expect(h.health().scheduler.nextRunAt).not.toBeNull();

    const scheduleRuns = () =>
      (
        invokeMethod(h.handlers, 'sync.history', { guildId }) as never as Promise<
          MethodOutput<'sync.history'>
        >
      ).then((r) => r.runs.filter((x) => x.trigger === 'schedule'));
    await clock.advance(MIN);
    await vi.waitFor(() => expect(scheduled().running).toBe(true));
    // While the job runs its timer is not even armed: it cannot start a second copy of itself.
    expect(scheduled().nextRunAt).toBeNull();
    await vi.waitFor(async () => expect(await scheduleRuns()).toHaveLength(1), {
      timeout: 60_000,
      interval: 100,
    });
    await vi.waitFor(() => expect(scheduled().running).toBe(false));
    expect((await call('crawl.status')) as MethodOutput<'crawl.status'>).toMatchObject({
      orgs: [expect.objectContaining({ org: s.github.org.login })],
    });
    const linked = s.discord.guild.links[0]!.discordUserId;
    expect(s.discord.control.member(linked).roles).toContain(s.discord.guild.roleIds.tiers[0]);

    // Asleep for three hours (twelve intervals): on wake, one run, not twelve.
    clock.sleep(3 * 60 * MIN);
    h.scheduler.notifyResume();
    await clock.advance(MIN);
    await vi.waitFor(async () => expect(await scheduleRuns()).toHaveLength(2), {
      timeout: 60_000,
      interval: 100,
    });
    await vi.waitFor(() => expect(scheduled().running).toBe(false));
    await clock.advance(10 * MIN);
    expect(await scheduleRuns()).toHaveLength(2);

    const paused = (await call('scheduler.pause')) as MethodOutput<'scheduler.pause'>;
    expect(paused.paused).toBe(true);
    expect(h.health().scheduler).toMatchObject({ paused: true, nextRunAt: null });
    await clock.advance(60 * MIN);
    expect(await scheduleRuns()).toHaveLength(2);
    const resumed = (await call('scheduler.resume')) as MethodOutput<'scheduler.resume'>;
    expect(resumed.nextRunAt).not.toBeNull();
  }, 180_000);
});
