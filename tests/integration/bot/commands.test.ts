// Every stats and chart command through a real discord.js client against the Discord simulator,
// answered from a real store by the host's own ports: what the member reads, whether only they
// see it, and the PNGs attached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { pngSize } from '../../../src-main/charts/png-size.js';
import { orgTruth } from '../../../sim/scenarios/org.js';
import { startBotRig, type Answer, type BotRig } from './bot-rig.js';

const CHART = { width: 960, height: 540 };
const CARD = { width: 900, height: 300 };

function expectPng(answer: Answer, size: { width: number; height: number }, name: string) {
  expect(answer.files.map((f) => f.filename)).toEqual([name]);
  const file = answer.files[0]!;
  expect(file.contentType).toBe('image/png');
  expect(pngSize(file.data)).toEqual(size);
  // A real picture, not a blank canvas: compressed PNGs of drawn charts are well over 5 KB.
  expect(file.data.length).toBeGreaterThan(5_000);
  expect(answer.embeds[0]?.image?.url).toBe(`attachment://${name}`);
}

describe('slash commands against a completed crawl', () => {
  let rig: BotRig;
  beforeAll(async () => {
    rig = await startBotRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('registers every command in the managed guild, guild-only, admin ones behind Manage Server', () => {
    const commands = rig.sim.control.commands();
    expect(commands.map((c) => c.name).sort()).toEqual(
      [
        'check_permissions',
        'getstats',
        'halloffame',
        'help',
        'link',
        'setup_voice_stats',
        'show-activity-comparison',
        'show-activity-trends',
        'show-time-series',
        'show-top-contributors',
        'sync',
        'unlink',
      ].sort(),
    );
    for (const c of commands) expect(c.contexts).toEqual([0]);
    const admin = commands.filter((c) => c.default_member_permissions !== null).map((c) => c.name);
    expect(admin.sort()).toEqual(['check_permissions', 'setup_voice_stats', 'sync']);
    expect(commands.find((c) => c.name === 'sync')?.default_member_permissions).toBe(
      PermissionFlagsBits.ManageGuild.toString(),
    );
  });

  it('/getstats answers publicly with windows, ranks, streaks, tiers and a rank card', async () => {
    const answer = await rig.run(rig.people.linked, 'getstats');
    expect(answer.callbackType).toBe(5);
    expect(answer.ephemeral).toBe(false);
    const link = rig.guild.links.find((l) => l.discordUserId === rig.people.linked)!;
    const allTime = orgTruth(rig.org, { includeBots: false })
      .filter((r) => r.login === link.githubLogin && r.metric === 'commits')
      .reduce((sum, r) => sum + r.count, 0);
    expect(answer.text).toContain(`GitHub **${link.githubLogin}** in **${rig.org.login}**`);
    for (const heading of [
      'Last 24 hours',
      'Last 7 days',
      'Last 30 days',
      'All time',
      'Streak',
      'Role tiers',
    ])
      expect(answer.text).toContain(heading);
    const allTimeField = answer.embeds[0]!.fields!.find((f) => f.name === 'All time')!;
    expect(allTimeField.value).toContain(`Commits **${allTime.toLocaleString('en-US')}**`);
    expect(answer.text).toMatch(/<@&\d+>/);
    expectPng(answer, CARD, 'rank-card.png');
  });

  it('/getstats metric:… focuses one metric with daily averages per window', async () => {
    const answer = await rig.run(rig.people.linked, 'getstats', { metric: 'reviews' });
    const fields = answer.embeds[0]!.fields!.map((f) => f.name);
    expect(fields).toEqual(
      expect.arrayContaining(['Last 90 days', 'This month', 'All time', 'Streak']),
    );
    expect(answer.text).toMatch(/a day/);
    expect(answer.text).toMatch(/reviews?\n/);
  });

  it('/getstats user:… shows another linked member, and says when someone is not linked', async () => {
    const other = await rig.run(rig.people.unlinked, 'getstats', { user: rig.people.linked });
    expect(other.text).toContain('Contributions of');
    expectPng(other, CARD, 'rank-card.png');
    const unlinked = await rig.run(rig.people.linked, 'getstats', { user: rig.people.unlinked });
    expect(unlinked.text).toContain(
      `<@${rig.people.unlinked}> has not linked a GitHub account yet`,
    );
  });

  it('/getstats tells an unlinked member to /link first, privately', async () => {
    const answer = await rig.run(rig.people.unlinked, 'getstats');
    expect(answer.callbackType).toBe(5);
    expect(answer.text).toContain('Link yours with `/link` first');
    expect(answer.files).toEqual([]);
  });

  it('/getstats for a linked member with no contributions says so and still draws a card', async () => {
    const newcomer = rig.guild.members.find(
      (m) =>
        !m.user.bot &&
        m.user.id !== rig.people.unlinked &&
        !rig.guild.links.some((l) => l.discordUserId === m.user.id),
    )!;
    await rig.store.links.linkMember({
      discordUserId: newcomer.user.id,
      githubLogin: 'newcomer-without-prs',
      linkedBy: newcomer.user.id,
      method: 'admin',
    });
    const answer = await rig.run(newcomer.user.id, 'getstats');
    expect(answer.text).toContain('No contributions by');
    expect(answer.text).toContain('count from the next crawl');
    expectPng(answer, CARD, 'rank-card.png');
  });

  it('/halloffame lists the top 10 with medals and marks the caller inside it', async () => {
    const answer = await rig.run(rig.people.linked, 'halloffame', {
      metric: 'commits',
      window: 'all',
    });
    expect(answer.callbackType).toBe(4);
    expect(answer.ephemeral).toBe(false);
    expect(answer.text).toContain('Hall of fame: Commits');
    expect(answer.text).toMatch(/🥇 \S+: [\d,]+ commits/);
    expect(answer.text).toContain('🥈');
    expect(answer.text).toContain('🥉');
    expect(answer.text).toContain('`#4`');
    const login = rig.guild.links.find((l) => l.discordUserId === rig.people.linked)!.githubLogin;
    expect(answer.text).toMatch(new RegExp(`\\*\\*.*${login}: [\\d,]+ commits ← you\\*\\*`));
    expect(answer.text).not.toContain('**You:**');
  });

  it('/halloffame shows the caller’s own place when they are outside the top 10', async () => {
    const answer = await rig.run(rig.people.outsideTop, 'halloffame', {
      metric: 'commits',
      window: 'all',
    });
    const login = rig.guild.links.find(
      (l) => l.discordUserId === rig.people.outsideTop,
    )!.githubLogin;
    expect(answer.text).toMatch(new RegExp(`\\*\\*You:\\*\\* \`#\\d+\` ${login}: [\\d,]+ commits`));
  });

  it('/halloffame for an empty window says so', async () => {
    // A scenario whose activity ended three days ago: nothing in the last 24 hours.
    const quiet = await startBotRig({ quietDays: 3 });
    try {
      const answer = await quiet.run(quiet.people.unlinked, 'halloffame', {
        metric: 'issues',
        window: '24h',
      });
      expect(answer.text).toContain(`No issues in **${quiet.org.login}** in the last 24 hours.`);
      expect(answer.embeds[0]?.footer?.text).toContain('Link your GitHub account with /link');
    } finally {
      await quiet.close();
    }
  });

  it.each([
    [
      'show-top-contributors',
      { metric: 'prs_merged', window: 'all' },
      'Top contributors: PRs merged',
    ],
    ['show-activity-comparison', { window: '90d' }, 'Activity comparison'],
    ['show-activity-trends', { granularity: 'weekly' }, 'Activity trends (weekly)'],
    ['show-time-series', { metrics: 'commits, reviews', days: 60 }, 'Daily activity, last 60 days'],
  ] as const)('/%s answers publicly with a %s PNG', async (command, options, title) => {
    const answer = await rig.run(rig.people.linked, command, options);
    expect(answer.callbackType).toBe(5);
    expect(answer.ephemeral).toBe(false);
    expect(answer.text).toContain(title);
    expect(answer.embeds[0]?.description).toMatch(/chart/i);
    expectPng(answer, CHART, 'chart.png');
  });

  it('/show-time-series refuses unknown metrics and out-of-range days privately, before deferring', async () => {
    const metrics = await rig.run(rig.people.linked, 'show-time-series', {
      metrics: 'stars',
      days: 30,
    });
    expect(metrics.callbackType).toBe(4);
    expect(metrics.ephemeral).toBe(true);
    expect(metrics.text).toContain('`stars` is not a metric');
    const days = await rig.run(rig.people.linked, 'show-time-series', {
      metrics: 'all',
      days: 1000,
    });
    expect(days.ephemeral).toBe(true);
    expect(days.text).toContain('from 7 to 365');
  });

  it('/help lists member commands to members and admin commands only to admins', async () => {
    const member = await rig.run(rig.people.unlinked, 'help');
    expect(member.ephemeral).toBe(true);
    expect(member.text).toContain('`/getstats`');
    expect(member.text).not.toContain('`/sync`');
    const admin = await rig.run(rig.people.admin, 'help');
    expect(admin.text).toContain('For admins');
    expect(admin.text).toContain('`/sync`');
    expect(admin.text).toContain('`/check_permissions`');
  });

  it('/check_permissions passes every permission and the role order for a well set-up bot', async () => {
    const answer = await rig.run(rig.people.admin, 'check_permissions');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('Permission check: all good');
    expect(answer.text.match(/PASS/g)?.length).toBe(8);
  });

  it.each(['check_permissions', 'sync', 'setup_voice_stats'])(
    '/%s is refused to a member without Manage Server, privately',
    async (command) => {
      const answer = await rig.run(rig.people.unlinked, command);
      expect(answer.callbackType).toBe(4);
      expect(answer.ephemeral).toBe(true);
      expect(answer.text).toContain('Only server admins (members with **Manage Server**)');
    },
  );
});

describe('slash commands when the bot lacks a permission', () => {
  let rig: BotRig;
  beforeAll(async () => {
    rig = await startBotRig({ seed: 8 });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('/check_permissions names the missing permission and a tier role above the bot, with fixes', async () => {
    const botRole = rig.guild.roles.find((r) => r.id === rig.guild.roleIds.bot)!;
    const without = BigInt(botRole.permissions) & ~PermissionFlagsBits.ManageRoles;
    rig.sim.control.updateRole(botRole.id, { permissions: without.toString() });
    // Core (a tier role) moved above the bot's role: GitGuild could no longer give it.
    const core = rig.guild.roleIds.tiers[2]!;
    rig.sim.control.updateRole(core, { position: 10 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const answer = await rig.run(rig.people.admin, 'check_permissions');
    expect(answer.text).toContain('Permission check: 2 problems');
    expect(answer.text).toContain('❌ **FAIL** Manage Roles');
    expect(answer.text).toContain('turn on **Manage Roles**');
    expect(answer.text).toContain(`<@&${core}> is at or above GitGuild's highest role`);
    expect(answer.text).toContain('drag **GitGuild** above **Core**');
  });
});

describe('slash commands against a partial crawl', () => {
  let rig: BotRig;
  beforeAll(async () => {
    rig = await startBotRig({ seed: 9, crawl: 'partial' });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('/getstats and /halloffame warn that numbers may be low and name the missing repos', async () => {
    const stats = await rig.run(rig.people.linked, 'getstats');
    expect(stats.text).toContain('Partial data: the last crawl could not read');
    const repo = (await rig.store.contributions.lastCrawl(rig.org.login))!.missing[0]!.repo;
    expect(stats.text).toContain(repo);
    const hof = await rig.run(rig.people.linked, 'halloffame', {
      metric: 'prs_opened',
      window: 'all',
    });
    expect(hof.text).toContain('Partial data');
  });

  it('charts carry the warning in their footer', async () => {
    const chart = await rig.run(rig.people.linked, 'show-activity-comparison');
    expect(chart.embeds[0]?.footer?.text).toContain('Partial data');
    expect(chart.embeds[0]?.description).toContain('Partial data');
  });
});

describe('slash commands before any crawl or outside a managed guild', () => {
  let rig: BotRig;
  let unmanaged: BotRig;
  beforeAll(async () => {
    rig = await startBotRig({ seed: 10, crawl: 'none' });
  });
  afterAll(async () => {
    await rig?.close();
    await unmanaged?.close();
  });

  it.each(['getstats', 'halloffame', 'show-activity-trends'])(
    '/%s says no crawl has finished yet and how to start one, privately',
    async (command) => {
      const answer = await rig.run(rig.people.linked, command);
      expect(answer.callbackType).toBe(4);
      expect(answer.ephemeral).toBe(true);
      expect(answer.text).toContain('No crawl has finished yet');
      expect(answer.text).toContain('Crawl now');
    },
  );

  it('answers in a guild GitGuild does not manage that it is not set up there', async () => {
    unmanaged = await startBotRig({ seed: 11, managed: false });
    const { id } = unmanaged.sim.control.injectInteraction({
      userId: unmanaged.people.admin,
      commandName: 'help',
    });
    const view = await unmanaged.sim.control.waitForResponse(id);
    expect(JSON.stringify(view.original?.embeds)).toContain(
      'GitGuild is not set up for this server yet',
    );
  });
});
