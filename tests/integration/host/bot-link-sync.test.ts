// Issues 10, 11 and 12 together, the way a community uses them: one real host (createHost, as
// `npm run serve` builds it) against both simulators, its bot answering slash commands that
// members send through the Discord simulator. A member runs /link, approves the device code on
// the GitHub simulator and gets their tier roles from the role engine; /getstats shows the same
// tiers; /unlink takes the roles away; an admin previews and applies a sync with /sync and sets
// up voice stats with /setup_voice_stats; a linked newcomer is synced once when they join.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { settingsForSimulators, startSimulators, type Simulators } from '../../../sim/index.js';
import type { InteractionOptionValue } from '../../../sim/discord/interaction-factory.js';
import { orgTruth } from '../../../sim/scenarios/org.js';
import type { MethodName, MethodOutput } from '../../../src-main/api/contract.js';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { createHost } from '../../../src-main/host/create-host.js';
import type { Host } from '../../../src-main/host/host.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import type { Mapping, Metric } from '../../../src-main/store/types.js';
import { ManualClock } from '../../unit/scheduler/manual-clock.js';
import { answerOf, embedText } from '../bot/bot-rig.js';

const WAIT = { timeout: 20_000, interval: 50 };

let sims: Simulators;
let host: Host;
let dir: string;
let guildId: string;
let mappings: Mapping[];
const sink = memorySink(50_000);

const call = async <M extends MethodName>(method: M, input: unknown = {}) =>
  (await invokeMethod(host.handlers, method, input)) as MethodOutput<M>;

/** Injects a slash command as a member and returns the answer as they see it. */
async function run(
  userId: string,
  commandName: string,
  options: Record<string, InteractionOptionValue> = {},
) {
  const { id } = sims.discord.control.injectInteraction({ userId, commandName, options });
  const view = await answerOf(sims.discord, id, 30_000, 0);
  const message = view.original!;
  return {
    id,
    view,
    ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
    text: [message.content, embedText(message.embeds)].join('\n'),
  };
}

/** All-time counts per lower-case login and metric, from the scenario's truth (not from GitGuild). */
function truthCounts(): Map<string, Record<string, number>> {
  const counts = new Map<string, Record<string, number>>();
  for (const row of orgTruth(sims.github.org, { includeBots: false })) {
    const key = row.login.toLowerCase();
    const entry = counts.get(key) ?? {};
    entry[row.metric] = (entry[row.metric] ?? 0) + row.count;
    counts.set(key, entry);
  }
  return counts;
}

function thresholdOf(mapping: Mapping): { metric: Metric; threshold: number } {
  if (mapping.condition.kind !== 'metric') throw new Error('the preset gives metric tiers');
  return mapping.condition;
}

/** The preset's tier roles a login earns: in each group, the highest tier reached. */
function expectedRoles(login: string): string[] {
  const counts = truthCounts().get(login.toLowerCase()) ?? {};
  const roles: string[] = [];
  for (const group of new Set(mappings.map((m) => m.group))) {
    const reached = mappings
      .filter((m) => m.group === group)
      .filter((m) => (counts[thresholdOf(m).metric] ?? 0) >= thresholdOf(m).threshold)
      .sort((a, b) => thresholdOf(b).threshold - thresholdOf(a).threshold);
    if (reached[0]) roles.push(reached[0].roleId);
  }
  return roles.sort();
}

const managed = () => new Set(mappings.map((m) => m.roleId));
const managedRolesOf = (userId: string) =>
  sims.discord.control
    .member(userId)
    .roles.filter((r) => managed().has(r))
    .sort();
const memberPatches = (userId?: string) =>
  sims.discord.control
    .callLog()
    .filter(
      (c) =>
        c.route === 'PATCH /guilds/:guild_id/members/:user_id' &&
        (userId === undefined || c.path.endsWith(`/members/${userId}`)),
    );

beforeAll(async () => {
  sims = await startSimulators({
    seed: 3,
    preset: 'tiny',
    github: { deviceFlow: { interval: 1, expiresIn: 120 } },
  });
  dir = await mkdtemp(join(tmpdir(), 'gitguild-link-sync-'));
  host = await createHost({
    mode: 'headless',
    dataDir: dir,
    logger: createLogger('test', { level: 'debug', sinks: [sink] }),
    secrets: { backend: 'memory' },
    crawlTuning: { settleMs: 0, retryBaseDelayMs: 20 },
    // The scheduler's clock never moves here: every run below is one a member or admin asked for.
    roleEngine: { schedulerClock: new ManualClock() },
  });
  await call('settings.update', settingsForSimulators(sims));
  await host.secrets.set('discord.botToken', sims.discord.botToken);
  await host.secrets.set('github.token', sims.github.token);
  await host.secrets.set('github.clientSecret', sims.github.oauthApps[0]!.clientSecret);
  await host.start();
  await vi.waitFor(() => expect(host.health().bot.state).toBe('ready'), WAIT);

  guildId = sims.discord.guild.guild.id;
  await call('guilds.update', {
    id: guildId,
    org: sims.github.org.login,
    enabled: true,
    maxChangesPerRun: 500,
  });
  await call('mappings.applyPreset', { guildId, preset: 'python-bot-tiers' });
  mappings = (await call('mappings.list', { guildId })).mappings;
  expect(mappings).toHaveLength(15);
  await call('crawl.run');
  await vi.waitFor(
    async () => {
      const status = await call('crawl.status');
      expect(status.running).toBeNull();
      expect(status.orgs).toHaveLength(1);
    },
    { timeout: 60_000, interval: 100 },
  );
  await vi.waitFor(() => expect(host.bot.membersComplete(guildId)).toBe(true), WAIT);
  await vi.waitFor(() => expect(sims.discord.control.commands().length).toBeGreaterThan(0), WAIT);
}, 120_000);

afterAll(async () => {
  await host?.stop();
  await sims?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The contributor with the most merged PRs whom the scenario does not link to anyone. */
function freeContributor(): string {
  const taken = new Set(sims.discord.guild.links.map((l) => l.githubLogin.toLowerCase()));
  const [login] = [...truthCounts()]
    .filter(([l, c]) => !taken.has(l) && (c['prs_merged'] ?? 0) > 0)
    .sort((a, b) => (b[1]['prs_merged'] ?? 0) - (a[1]['prs_merged'] ?? 0))
    .map(([l]) => l);
  if (!login) throw new Error('the scenario has no unlinked contributor with merged PRs');
  return login;
}

/** A human member the scenario does not link, holding no roles. */
function unlinkedMember(skip: string[] = []): string {
  const linked = new Set(sims.discord.guild.links.map((l) => l.discordUserId));
  const member = sims.discord.guild.members.find(
    (m) =>
      !m.user.bot && !linked.has(m.user.id) && m.roles.length === 0 && !skip.includes(m.user.id),
  );
  if (!member) throw new Error('the scenario has no unlinked member');
  return member.user.id;
}

describe('a member links, gets roles, sees their tier and unlinks', () => {
  let member: string;
  let login: string;

  it('/link through discord.js runs GitHub’s device flow; the link is stored and the member’s tier roles appear', async () => {
    member = unlinkedMember();
    login = freeContributor();
    const expected = expectedRoles(login);
    expect(expected.length).toBeGreaterThan(0);
    expect(managedRolesOf(member)).toEqual([]);
    const syncMember = vi.spyOn(host.rolePorts.sync, 'syncMember');

    const answer = await run(member, 'link');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain(`${sims.github.webUrl}/login/device`);
    const code = /\*\*`([A-Z0-9]{4}-[A-Z0-9]{4})`\*\*/.exec(answer.text)?.[1];
    expect(code).toBeDefined();
    expect(host.links.byDiscordUser(member)).toBeUndefined();

    sims.github.control.approveDevice(code!, login);
    await vi.waitFor(
      () => expect(sims.discord.control.interaction(answer.id).followUps).toHaveLength(1),
      WAIT,
    );
    const outcome = sims.discord.control.interaction(answer.id).followUps[0]!;
    expect((outcome.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(embedText(outcome.embeds)).toContain(`now linked to GitHub **${login}**`);
    expect(host.links.byDiscordUser(member)).toMatchObject({
      githubLogin: login,
      method: 'device_flow',
      linkedBy: member,
    });

    await vi.waitFor(() => expect(managedRolesOf(member)).toEqual(expected), WAIT);
    // One member write with the full role list, for this member only.
    expect(memberPatches(member)).toHaveLength(1);
    expect(memberPatches()).toHaveLength(1);
    expect(syncMember.mock.calls.filter(([, trigger]) => trigger === 'link')).toEqual([
      [{ guildId, userId: member }, 'link'],
    ]);
    syncMember.mockRestore();
  });

  it('/getstats shows the tiers of the role engine’s mappings: the role the sync gave, and the next one', async () => {
    const counts = truthCounts().get(login.toLowerCase()) ?? {};
    const answer = await run(member, 'getstats');
    expect(answer.ephemeral).toBe(false);
    const held = new Set(managedRolesOf(member));
    const groups = [...new Set(mappings.map((m) => m.group))];
    for (const group of groups) {
      const tiers = mappings
        .filter((m) => m.group === group)
        .sort((a, b) => thresholdOf(a).threshold - thresholdOf(b).threshold);
      const value = counts[thresholdOf(tiers[0]!).metric] ?? 0;
      const current = tiers.filter((m) => value >= thresholdOf(m).threshold).at(-1);
      const next = tiers.find((m) => value < thresholdOf(m).threshold);
      // What /getstats calls the current tier is exactly the role the member now holds.
      if (current) expect(held.has(current.roleId)).toBe(true);
      const left = current ? `<@&${current.roleId}>` : 'no tier yet';
      const line = next
        ? `${left} → <@&${next.roleId}>: **${thresholdOf(next).threshold - value}** more`
        : `${left}: top tier reached`;
      expect(answer.text).toContain(line);
    }
  });

  it('/unlink removes the link and the managed roles', async () => {
    const answer = await run(member, 'unlink');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain(`GitHub **${login}** is no longer linked to you`);
    expect(host.links.byDiscordUser(member)).toBeUndefined();
    await vi.waitFor(() => expect(managedRolesOf(member)).toEqual([]), WAIT);
    expect(memberPatches(member)).toHaveLength(2);
    // Their other roles are not GitGuild's to touch.
    const again = await run(member, 'unlink');
    expect(again.text).toContain('You have not linked a GitHub account yet');
  });
});

describe('an admin runs the role engine from Discord', () => {
  it('/sync dry_run previews per role and writes nothing; /sync applies that plan; a second /sync has nothing to do', async () => {
    const admin = sims.discord.guild.guild.ownerId;
    for (const link of sims.discord.guild.links)
      await host.links.linkMember({ ...link, linkedBy: admin, method: 'admin' });
    const preview = await call('sync.preview', { guildId });
    const changing = preview.roles.filter((r) => r.added > 0 || r.removed > 0);
    expect(changing.length).toBeGreaterThan(0);
    const writesBefore = memberPatches().length;

    const dry = await run(admin, 'sync', { dry_run: true });
    expect(dry.ephemeral).toBe(true);
    expect(dry.text).toContain('Sync preview (nothing changed)');
    for (const role of changing)
      expect(dry.text).toContain(`<@&${role.roleId}>: +${role.added} / −${role.removed}`);
    expect(dry.text).toContain(`**${preview.changes.length}** would change`);
    expect(memberPatches()).toHaveLength(writesBefore);

    const applied = await run(admin, 'sync');
    expect(applied.text).toContain('Sync done');
    for (const role of changing)
      expect(applied.text).toContain(`<@&${role.roleId}>: +${role.added} / −${role.removed}`);
    expect(memberPatches().length - writesBefore).toBe(preview.changes.length);
    for (const link of sims.discord.guild.links)
      expect(managedRolesOf(link.discordUserId)).toEqual(expectedRoles(link.githubLogin));
    const history = await call('sync.history', { guildId });
    expect(history.runs[0]).toMatchObject({
      trigger: 'command',
      actor: `admin:${admin}`,
      dryRun: false,
      outcome: 'ok',
    });
    expect(history.runs[1]).toMatchObject({ trigger: 'command', dryRun: true });

    const again = await run(admin, 'sync');
    expect(again.text).toContain('No role changes');
    expect(memberPatches().length - writesBefore).toBe(preview.changes.length);
  });

  it('/sync while another sync of the guild is applying says so, instead of "done, no changes"', async () => {
    const admin = sims.discord.guild.guild.ownerId;
    const link = sims.discord.guild.links.find((l) => expectedRoles(l.githubLogin).length > 0)!;
    const others = sims.discord.control
      .member(link.discordUserId)
      .roles.filter((r) => !managed().has(r));
    // An admin strips the member's roles by hand; the next run puts them back, slowly.
    sims.discord.control.setMemberRoles(link.discordUserId, others);
    const cached = () =>
      host.bot.client!.guilds.cache.get(guildId)!.members.cache.get(link.discordUserId)!;
    await vi.waitFor(
      () => expect(cached().roles.cache.some((r) => managed().has(r.id))).toBe(false),
      WAIT,
    );
    sims.discord.control.addLatency({ ms: 1500, route: '/guilds/:guild_id/members/:user_id' });
    try {
      const started = await call('sync.run', { guildId });
      expect(started.status).toBe('started');
      const answer = await run(admin, 'sync');
      expect(answer.ephemeral).toBe(true);
      expect(answer.text).toContain('Sync not started');
      expect(answer.text).toContain('A sync of this guild is running');
      expect(answer.text).not.toContain('Sync done');
      expect(answer.text).not.toContain('No role changes');
    } finally {
      sims.discord.control.clearFaults();
    }
    await vi.waitFor(
      async () => expect((await call('sync.status', { guildId })).running).toEqual([]),
      WAIT,
    );
    expect(managedRolesOf(link.discordUserId)).toEqual(expectedRoles(link.githubLogin));
  });

  it('/sync refuses members who are not admins', async () => {
    const answer = await run(unlinkedMember(), 'sync', { dry_run: true });
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).not.toContain('Sync preview');
  });

  it('/setup_voice_stats creates the voice stats engine’s channels once, and finds them again', async () => {
    const admin = sims.discord.guild.guild.ownerId;
    const first = await run(admin, 'setup_voice_stats');
    expect(first.ephemeral).toBe(true);
    expect(first.text).toContain('6 channels created, 0 already there');
    const channels = sims.discord.control.guild().channels;
    const category = channels.find((c) => c.type === 4 && first.text.includes(`<#${c.id}>`));
    expect(category).toBeDefined();
    const voice = channels.filter((c) => c.parent_id === category!.id);
    expect(voice).toHaveLength(6);
    expect(voice.every((c) => c.type === 2)).toBe(true);
    // Named by the engine from the org's numbers, and listed in the answer.
    for (const c of voice) {
      expect(c.name).toMatch(/\d/);
      expect(first.text).toContain(`<#${c.id}> (${c.name})`);
    }
    const second = await run(admin, 'setup_voice_stats');
    expect(second.text).toContain('Voice stats already set up');
    expect(second.text).toContain('0 channels created, 6 already there');
    expect(sims.discord.control.guild().channels).toHaveLength(channels.length);
    const viaApi = await call('voiceStats.setup', { guildId });
    expect(viaApi.categoryId).toBe(category!.id);
    expect(viaApi.channels.map((c) => c.channelId).sort()).toEqual(voice.map((c) => c.id).sort());
    expect(viaApi.channels.every((c) => !c.created)).toBe(true);
  });
});

describe('member join', () => {
  it('a linked newcomer is synced exactly once and gets their roles', async () => {
    const login = freeContributor();
    const user = {
      id: '912345678901234599',
      username: 'newcomer',
      discriminator: '0',
      global_name: null,
      avatar: null,
    };
    await host.links.linkMember({
      discordUserId: user.id,
      githubLogin: login,
      linkedBy: user.id,
      method: 'admin',
    });
    const syncMember = vi.spyOn(host.rolePorts.sync, 'syncMember');
    sims.discord.control.addMember(user);
    await vi.waitFor(() => expect(managedRolesOf(user.id)).toEqual(expectedRoles(login)), WAIT);
    // Long enough for a second trigger's batch to have run, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(syncMember.mock.calls).toEqual([[{ guildId, userId: user.id }, 'member_join']]);
    expect(memberPatches(user.id)).toHaveLength(1);
    syncMember.mockRestore();
  });
});
