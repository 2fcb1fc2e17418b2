// /getstats [user] [metric]: a member's counts per window with ranks, daily averages, streaks
// and role tiers, plus a rank card. Public, like the old bot's: stats are for sharing.
import { AttachmentBuilder, EmbedBuilder, roleMention, userMention, type User } from 'discord.js';
import {
  COLORS,
  METRIC_LABELS,
  METRICS,
  WINDOW_LABELS,
  clip,
  formatAverage,
  formatCount,
  formatRank,
  metricNoun,
  partialNote,
  relativeTime,
} from '../format.js';
import { CommandError } from '../interaction/command-error.js';
import { metricOption, userOption } from '../interaction/options.js';
import type { MemberStatsView, StatsMetric, StatsWindow, TierProgressView } from '../ports.js';
import { memberCommand, metricChoice } from './builder.js';
import { defineCommand, type CommandContext } from './types.js';

export const RANK_CARD_FILE = 'rank-card.png';
const SUMMARY_WINDOWS: StatsWindow[] = ['24h', '7d', '30d', 'all'];
const AVATAR_TIMEOUT_MS = 1500;

async function avatarPng(user: User): Promise<Buffer | null> {
  // Members without their own avatar get initials on the card: no request for Discord's default.
  if (!user.avatar) return null;
  try {
    const response = await fetch(user.displayAvatarURL({ extension: 'png', size: 256 }), {
      signal: AbortSignal.timeout(AVATAR_TIMEOUT_MS),
    });
    return response.ok ? Buffer.from(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

function windowLines(stats: MemberStatsView, window: StatsWindow): string {
  return METRICS.map((m) => {
    const w = stats.metrics[m].windows[window];
    return `${METRIC_LABELS[m]} **${formatCount(w.count)}**${w.rank === null ? '' : ` (${formatRank(w.rank)})`}`;
  }).join('\n');
}

function tierLine(tier: TierProgressView): string {
  const current = tier.current ? roleMention(tier.current.roleId) : 'no tier yet';
  if (!tier.next) return `${current}: top tier reached`;
  return `${current} → ${roleMention(tier.next.roleId)}: **${formatCount(tier.next.remaining)}** more ${metricNoun(tier.metric, tier.next.remaining)}`;
}

function statsEmbed(
  displayName: string,
  stats: MemberStatsView,
  tiers: TierProgressView[],
  metric: StatsMetric | null,
): EmbedBuilder {
  const allZero = METRICS.every((m) => stats.metrics[m].windows.all.count === 0);
  const lines = [
    `GitHub **${stats.login}** in **${stats.org}**${stats.lastCrawlAt ? ` · last crawl ${relativeTime(stats.lastCrawlAt)}` : ''}`,
  ];
  if (allZero)
    lines.push(
      `No contributions by **${stats.login}** in **${stats.org}** yet. PRs, issues, commits and reviews count from the next crawl after they happen.`,
    );
  if (stats.partial) lines.push(partialNote(stats.missingRepos));
  const embed = new EmbedBuilder()
    .setColor(stats.partial ? COLORS.warning : COLORS.brand)
    .setTitle(clip(`Contributions of ${displayName}`, 256))
    .setDescription(clip(lines.join('\n\n'), 4096))
    .setImage(`attachment://${RANK_CARD_FILE}`);
  if (metric) {
    const s = stats.metrics[metric];
    embed.addFields(
      ...(['24h', '7d', '30d', '90d', 'month', 'all'] as const).map((w) => ({
        name: WINDOW_LABELS[w],
        value: `**${formatCount(s.windows[w].count)}** ${metricNoun(metric, s.windows[w].count)}\nRank ${formatRank(s.windows[w].rank)}\n${formatAverage(s.windows[w].dailyAverage)} a day`,
        inline: true,
      })),
      {
        name: 'Streak',
        value: `${formatCount(s.streak.current)} day${s.streak.current === 1 ? '' : 's'} now, longest ${formatCount(s.streak.longest)}`,
      },
    );
  } else {
    embed.addFields(
      ...SUMMARY_WINDOWS.map((w) => ({
        name: WINDOW_LABELS[w],
        value: windowLines(stats, w),
        inline: true,
      })),
      {
        name: 'Daily average (last 30 days)',
        value: METRICS.map(
          (m) =>
            `${METRIC_LABELS[m]} ${formatAverage(stats.metrics[m].windows['30d'].dailyAverage)}`,
        ).join(' · '),
      },
      {
        name: 'Streak',
        value: `Active ${formatCount(stats.activityStreak.current)} day${stats.activityStreak.current === 1 ? '' : 's'} in a row, longest ${formatCount(stats.activityStreak.longest)}`,
      },
    );
  }
  embed.addFields({
    name: 'Role tiers',
    value:
      tiers.length > 0
        ? clip(tiers.slice(0, 5).map(tierLine).join('\n'), 1024)
        : 'This server has no role tiers yet.',
  });
  return embed;
}

async function targetLogin(ctx: CommandContext, target: User): Promise<string> {
  const self = target.id === ctx.caller.userId;
  if (target.bot) throw new CommandError('bad_option', 'Bots have no GitHub stats.');
  const link = self && ctx.link ? ctx.link : await ctx.ports.links.linkOf(target.id);
  if (link) return link.githubLogin;
  throw new CommandError(
    'not_linked',
    self
      ? 'You have not linked a GitHub account yet. Link yours with `/link` first, then `/getstats` shows your stats.'
      : `${userMention(target.id)} has not linked a GitHub account yet; they can link one with \`/link\`.`,
  );
}

export const getstats = defineCommand({
  data: memberCommand('getstats', 'GitHub contribution stats and rank card for you or a member')
    .addUserOption((o) => o.setName('user').setDescription('Whose stats (default: yours)'))
    .addStringOption((o) => metricChoice(o, 'Focus on one metric (default: all of them)'))
    .toJSON(),
  preconditions: ['data'],
  ephemeral: false,
  defer: true,
  parse: (interaction) => ({
    user: userOption(interaction, 'user'),
    metric: metricOption(interaction),
  }),
  async run(ctx, { user, metric }) {
    const target = user ?? ctx.interaction.user;
    const login = await targetLogin(ctx, target);
    const { guildId } = ctx.caller;
    const stats = await ctx.ports.stats.memberStats(guildId, login);
    if (!stats.ready) throw new CommandError('data_not_ready', stats.message);
    const tiers = await ctx.ports.stats.tierProgress(guildId, login);
    const member = ctx.interaction.guild.members.cache.get(target.id);
    const displayName = member?.displayName ?? target.displayName;
    const roleNames: Record<string, string> = {};
    for (const tier of tiers)
      for (const roleId of [tier.current?.roleId, tier.next?.roleId])
        if (roleId) roleNames[roleId] = ctx.interaction.guild.roles.cache.get(roleId)?.name ?? '';
    const card = await ctx.ports.charts.render(guildId, {
      kind: 'rank-card',
      githubLogin: login,
      displayName,
      avatarPng: await avatarPng(target),
      metric: metric ?? 'prs_merged',
      roleNames,
    });
    if ('ready' in card) throw new CommandError('data_not_ready', card.message);
    return {
      embeds: [statsEmbed(displayName, stats, tiers, metric)],
      files: [
        new AttachmentBuilder(card.png, { name: RANK_CARD_FILE, description: card.description }),
      ],
    };
  },
});
