// What the member sees from /link, /unlink, /sync and /setup_voice_stats whatever the port behind
// them answers: each outcome of a link (approved, already linked, expired), a sync summary with
// problems, channels created or already there, and ports that throw, refuse or are slow. The ports
// here are small stand-ins that produce those answers on demand; the same commands over the
// host's real services are in tests/integration/host/bot-link-sync.test.ts and below.
import { ChannelType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PortError,
  type LinkOutcome,
  type LinkPort,
  type SyncPort,
  type SyncRunSummary,
  type VoiceStatsPort,
} from '../../../src-bot/ports.js';
import { COMMANDS } from '../../../src-bot/commands/index.js';
import { defineCommand } from '../../../src-bot/commands/types.js';
import { memberCommand } from '../../../src-bot/commands/builder.js';
import type { Store } from '../../../src-main/store/index.js';
import { startBotRig, waitFor, type BotRig } from './bot-rig.js';

/** A device-flow LinkPort over the real links repository; the test approves the code. */
function deviceLinkPort(store: () => Store) {
  const pending = new Map<string, (outcome: LinkOutcome) => void>();
  const port: LinkPort = {
    linkOf: async (userId) => {
      const link = store().links.byDiscordUser(userId);
      return link
        ? { githubLogin: link.githubLogin, linkedAt: link.linkedAt, method: link.method }
        : null;
    },
    start: async (member, onOutcome) => {
      const existing = await port.linkOf(member.userId);
      if (existing) return { kind: 'already_linked', link: existing };
      const reused = pending.has(member.userId);
      pending.set(member.userId, onOutcome);
      return {
        kind: 'device',
        userCode: 'WDJB-MJHT',
        verificationUri: 'https://github.com/login/device',
        expiresAt: new Date(Date.now() + 900_000).toISOString(),
        reused,
      };
    },
    unlink: async (member) => {
      const removed = await store().links.unlinkMember(member.userId);
      return removed
        ? { githubLogin: removed.githubLogin, linkedAt: removed.linkedAt, method: removed.method }
        : null;
    },
  };
  return {
    port,
    async approve(userId: string, githubLogin: string) {
      const link = await store().links.linkMember({
        discordUserId: userId,
        githubLogin,
        linkedBy: userId,
        method: 'device_flow',
      });
      pending.get(userId)?.({
        kind: 'linked',
        link: { githubLogin, linkedAt: link.linkedAt, method: 'device_flow' },
      });
      pending.delete(userId);
    },
    expire(userId: string) {
      pending.get(userId)?.({ kind: 'expired' });
      pending.delete(userId);
    },
  };
}

/** Plans from the real tier mappings against the members the bot has cached; writes nothing. */
function planningSyncPort(rig: () => BotRig) {
  const calls: { guildId: string; dryRun: boolean; actor: string }[] = [];
  const joined: string[] = [];
  const port: SyncPort = {
    async run(guildId, options) {
      calls.push({ guildId, dryRun: options.dryRun, actor: options.actor });
      const guild = rig().bot.client!.guilds.cache.get(guildId)!;
      const mappings = rig().store.mappings.list(guildId);
      const roles = mappings.map((m) => {
        const has = guild.members.cache.filter((member) => member.roles.cache.has(m.roleId)).size;
        return {
          roleId: m.roleId,
          name: guild.roles.cache.get(m.roleId)?.name ?? '',
          added: 0,
          removed: has,
        };
      });
      const summary: SyncRunSummary = {
        runId: `run-${calls.length}`,
        guildId,
        dryRun: options.dryRun,
        needsConfirmation: false,
        membersChecked: guild.members.cache.size,
        membersChanged: roles.reduce((n, r) => n + r.removed, 0),
        membersFailed: 0,
        roles,
        problems: [{ message: 'Role Core is above GitGuild.', fix: 'Drag GitGuild above Core.' }],
      };
      return summary;
    },
    syncMember: (ref, trigger) => joined.push(`${trigger}:${ref.userId}`),
    memberLeft: (ref) => joined.push(`left:${ref.userId}`),
  };
  return { port, calls, joined };
}

/** Creates the stats category and channels through the bot's own discord.js client. */
function clientVoiceStats(rig: () => BotRig): VoiceStatsPort {
  return {
    async setup(guildId) {
      const guild = rig().bot.client!.guilds.cache.get(guildId)!;
      const existing = guild.channels.cache.find(
        (c) => c.type === ChannelType.GuildCategory && c.name === '📊 Repo stats',
      );
      const category =
        existing ??
        (await guild.channels.create({ name: '📊 Repo stats', type: ChannelType.GuildCategory }));
      const names = ['Stars: 0', 'Open PRs: 0'];
      const channels = [];
      for (const name of names) {
        const found = guild.channels.cache.find(
          (c) => c.parentId === category.id && c.name === name,
        );
        const channel =
          found ??
          (await guild.channels.create({
            name,
            type: ChannelType.GuildVoice,
            parent: category.id,
          }));
        channels.push({ id: channel.id, name, created: !found });
      }
      return { categoryId: category.id, channels };
    },
  };
}

describe('/link, /unlink, /sync and /setup_voice_stats with their ports', () => {
  let rig: BotRig;
  const links = deviceLinkPort(() => rig.store);
  const sync = planningSyncPort(() => rig);
  beforeAll(async () => {
    rig = await startBotRig({
      seed: 12,
      ports: { links: links.port, sync: sync.port, voiceStats: clientVoiceStats(() => rig) },
    });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('/link shows the device code privately, then announces the link privately', async () => {
    const answer = await rig.run(rig.people.unlinked, 'link');
    expect(answer.callbackType).toBe(5);
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('https://github.com/login/device');
    expect(answer.text).toContain('**`WDJB-MJHT`**');
    expect(answer.text).toMatch(/expires <t:\d+:R>/);
    await links.approve(rig.people.unlinked, 'octo-newbie');
    await waitFor(
      () => rig.sim.control.interaction(answer.view.id).followUps.length === 1,
      'the /link outcome',
    );
    const outcome = rig.sim.control.interaction(answer.view.id).followUps[0]!;
    expect(outcome.flags! & 64).toBe(64);
    expect(JSON.stringify(outcome.embeds)).toContain('now linked to GitHub **octo-newbie**');
  });

  it('/link tells an already linked member where they stand', async () => {
    const answer = await rig.run(rig.people.linked, 'link');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('Already linked');
    expect(answer.text).toContain('`/unlink`');
  });

  it('/link announces an expired code with what to do', async () => {
    const member = rig.guild.members.find(
      (m) => !m.user.bot && m.roles.length === 0 && !rig.store.links.byDiscordUser(m.user.id),
    )!;
    const answer = await rig.run(member.user.id, 'link');
    links.expire(member.user.id);
    await waitFor(
      () => rig.sim.control.interaction(answer.view.id).followUps.length === 1,
      'the outcome',
    );
    expect(
      JSON.stringify(rig.sim.control.interaction(answer.view.id).followUps[0]!.embeds),
    ).toContain('Run `/link` again');
  });

  it('/unlink removes the link privately and refuses members with nothing to unlink', async () => {
    const answer = await rig.run(rig.people.unlinked, 'unlink');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('GitHub **octo-newbie** is no longer linked to you');
    expect(rig.store.links.byDiscordUser(rig.people.unlinked)).toBeUndefined();
    const again = await rig.run(rig.people.unlinked, 'unlink');
    expect(again.callbackType).toBe(4);
    expect(again.ephemeral).toBe(true);
    expect(again.text).toContain('You have not linked a GitHub account yet');
  });

  it('/sync dry_run:true previews per role, privately, as the admin who asked', async () => {
    const answer = await rig.run(rig.people.admin, 'sync', { dry_run: true });
    expect(answer.callbackType).toBe(5);
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('Sync preview (nothing changed)');
    expect(answer.text).toMatch(/<@&\d+>: \+0 \/ −\d+/);
    expect(answer.text).toContain('❌ Role Core is above GitGuild. Fix: Drag GitGuild above Core.');
    expect(sync.calls.at(-1)).toEqual({
      guildId: rig.guild.guild.id,
      dryRun: true,
      actor: `admin:${rig.people.admin}`,
    });
    const run = await rig.run(rig.people.admin, 'sync');
    expect(run.text).toContain('Sync done');
    expect(sync.calls.at(-1)?.dryRun).toBe(false);
  });

  it('/setup_voice_stats creates the channels through the bot, then reports them as already there', async () => {
    const first = await rig.run(rig.people.admin, 'setup_voice_stats');
    expect(first.ephemeral).toBe(true);
    expect(first.text).toContain('Voice stats ready');
    expect(first.text).toContain('2 channels created');
    const created = rig.sim.control
      .guild()
      .channels.filter((c) => c.name.startsWith('Stars') || c.name.startsWith('Open PRs'));
    expect(created).toHaveLength(2);
    await waitFor(
      () =>
        rig.bot
          .client!.guilds.cache.get(rig.guild.guild.id)!
          .channels.cache.filter((c) => c.name === 'Stars: 0').size === 1,
      'the channel events',
    );
    const second = await rig.run(rig.people.admin, 'setup_voice_stats');
    expect(second.text).toContain('Voice stats already set up');
    expect(second.text).toContain('0 channels created, 2 already there');
  });

  it('a member joining is synced and a member leaving is forgotten, through the SyncPort', async () => {
    const user = {
      id: '912345678901234567',
      username: 'fresh-face',
      discriminator: '0',
      global_name: null,
      avatar: null,
    };
    rig.sim.control.addMember(user);
    await waitFor(
      () => sync.joined.includes(`member_join:${user.id}`),
      'the join to reach the SyncPort',
    );
    rig.sim.control.removeMember(user.id);
    await waitFor(() => sync.joined.includes(`left:${user.id}`), 'the leave to reach the SyncPort');
  });
});

/** A command whose work takes longer than the defer timer and that does not defer itself. */
const slowEcho = defineCommand({
  data: memberCommand('slow-echo', 'Answers after a while').toJSON(),
  preconditions: [],
  ephemeral: true,
  defer: false,
  parse: () => undefined,
  async run() {
    await new Promise((resolve) => setTimeout(resolve, 900));
    return { content: 'done after a while' };
  },
});

describe('a port that fails or is slow', () => {
  let rig: BotRig;
  let mode: 'crash' | 'slow' | 'missing-permission' = 'crash';
  beforeAll(async () => {
    rig = await startBotRig({
      seed: 13,
      bot: { deferAfterMs: 300, commands: [...COMMANDS, slowEcho] },
      ports: {
        sync: {
          async run() {
            if (mode === 'crash') throw new Error('database exploded: secret detail');
            await new Promise((resolve) => setTimeout(resolve, 900));
            throw new PortError(
              'unavailable',
              'Sync is paused while a crawl runs; try again in a minute.',
            );
          },
          syncMember: () => undefined,
          memberLeft: () => undefined,
        },
        voiceStats: clientVoiceStats(() => rig),
      },
    });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('an interaction whose work throws still gets an answer, with a log reference and no internals', async () => {
    mode = 'crash';
    const answer = await rig.run(rig.people.admin, 'sync');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('Something went wrong while running `/sync`');
    const reference = /reference `([0-9a-f]{8})`/.exec(answer.text)?.[1];
    expect(reference).toBeDefined();
    expect(answer.text).not.toContain('database exploded');
    const logged = rig.logs.find((r) => r.msg === 'command failed' && r['reference'] === reference);
    expect(JSON.stringify(logged)).toContain('database exploded');
  });

  it('a port refusal after a deferral replaces the deferred reply with the port’s message', async () => {
    mode = 'slow';
    const answer = await rig.run(rig.people.admin, 'sync');
    expect(answer.callbackType).toBe(5);
    expect(answer.view.history.map((h) => h.kind)).toEqual(['callback', 'edit-original']);
    expect(answer.text).toContain('Sync is paused while a crawl runs');
  });

  it('a slow command that does not defer by itself is deferred by the safety timer, then answered', async () => {
    const answer = await rig.run(rig.people.unlinked, 'slow-echo');
    expect(answer.callbackType).toBe(5);
    expect(answer.ephemeral).toBe(true);
    const [callback, edit] = answer.view.history;
    expect(callback!.at - answer.view.createdAt).toBeLessThan(1500);
    expect(edit!.kind).toBe('edit-original');
    expect(answer.text).toContain('done after a while');
  });

  it('a missing Discord permission is explained with /check_permissions', async () => {
    const botRole = rig.guild.roleIds.bot;
    const permissions = BigInt(rig.guild.roles.find((r) => r.id === botRole)!.permissions);
    rig.sim.control.updateRole(botRole, { permissions: (permissions & ~16n).toString() }); // no Manage Channels
    const answer = await rig.run(rig.people.admin, 'setup_voice_stats');
    expect(answer.text).toContain('GitGuild is missing a Discord permission');
    expect(answer.text).toContain('`/check_permissions`');
  });
});

describe('the host’s own services behind the ports', () => {
  let rig: BotRig;
  beforeAll(async () => {
    rig = await startBotRig({ seed: 14 });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('/link says what the admin must set up when GitHub linking has no OAuth App yet', async () => {
    const answer = await rig.run(rig.people.unlinked, 'link');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('client ID');
    expect(rig.services.links.pendingCount()).toBe(0);
  });

  it('/sync previews the tier mappings; /unlink takes the member’s tier role back through the sync', async () => {
    const preview = await rig.run(rig.people.admin, 'sync', { dry_run: true });
    expect(preview.text).toContain('Sync preview (nothing changed)');
    expect(preview.text).toMatch(/<@&\d+>: \+\d+ \/ −\d+/);
    const tier = rig.guild.roleIds.tiers[0]!;
    const before = rig.sim.control.member(rig.people.linked).roles;
    rig.sim.control.setMemberRoles(rig.people.linked, [...before, tier]);
    await waitFor(
      () =>
        rig.bot
          .client!.guilds.cache.get(rig.guild.guild.id)!
          .members.cache.get(rig.people.linked)!
          .roles.cache.has(tier),
      'the role to reach the cache',
    );
    const answer = await rig.run(rig.people.linked, 'unlink');
    expect(answer.text).toContain('is no longer linked to you');
    expect(rig.store.links.byDiscordUser(rig.people.linked)).toBeUndefined();
    await waitFor(
      () => !rig.sim.control.member(rig.people.linked).roles.includes(tier),
      'the tier role to go',
    );
    // Its other roles stay: only the roles the mappings manage are GitGuild's.
    const tiers = new Set(rig.guild.roleIds.tiers);
    expect(rig.sim.control.member(rig.people.linked).roles).toEqual(
      before.filter((r) => !tiers.has(r)),
    );
  });

  it('/setup_voice_stats creates the six stats channels through the voice stats engine', async () => {
    const answer = await rig.run(rig.people.admin, 'setup_voice_stats');
    expect(answer.text).toContain('6 channels created, 0 already there');
  });

  it('answers stats from the org the guild follows, never another configured org', async () => {
    const guild = rig.store.guilds.get(rig.guild.guild.id)!;
    expect(rig.store.settings.get().githubOrgs).toEqual([rig.org.login]);
    await rig.store.guilds.upsert({ ...guild, org: null });
    try {
      const answer = await rig.run(rig.people.admin, 'getstats');
      expect(answer.text).toContain('This server follows no GitHub organisation yet');
    } finally {
      await rig.store.guilds.upsert(guild);
    }
  });
});
