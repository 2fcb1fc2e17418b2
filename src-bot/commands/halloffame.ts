// /halloffame metric window: the top ten with medals, and the caller's own place when they are
// outside it.
import { EmbedBuilder } from 'discord.js';
import {
  COLORS,
  METRIC_LABELS,
  WINDOW_LABELS,
  clip,
  formatCount,
  metricNoun,
  partialNote,
} from '../format.js';
import { CommandError } from '../interaction/command-error.js';
import { metricOption, windowOption } from '../interaction/options.js';
import type { HallOfFameView } from '../ports.js';
import { memberCommand, metricChoice, windowChoice } from './builder.js';
import { defineCommand } from './types.js';

const MEDALS: Record<number, string> = { 1: '🥇', 2: '🥈', 3: '🥉' };

function body(view: HallOfFameView, callerLogin: string | null): string {
  const noun = (n: number) => metricNoun(view.metric, n);
  const window = WINDOW_LABELS[view.window].toLowerCase();
  const lines: string[] = [];
  if (view.top.length === 0) {
    lines.push(
      `No ${noun(2)} in **${view.org}** ${view.window === 'all' ? 'yet' : `in the ${window}`}. The first one to land here takes 🥇.`,
    );
  } else {
    for (const entry of view.top) {
      const place = MEDALS[entry.rank] ?? `\`#${entry.rank}\``;
      const mine = callerLogin !== null && entry.login.toLowerCase() === callerLogin.toLowerCase();
      const row = `${place} ${entry.login}: ${formatCount(entry.count)} ${noun(entry.count)}`;
      lines.push(mine ? `**${row} ← you**` : row);
    }
  }
  if (view.caller) {
    lines.push(
      '',
      view.caller.rank === null
        ? `You (${view.caller.login}) have no ${noun(2)} ${view.window === 'all' ? 'yet' : `in the ${window}`}.`
        : `**You:** \`#${view.caller.rank}\` ${view.caller.login}: ${formatCount(view.caller.count)} ${noun(view.caller.count)}`,
    );
  }
  if (view.partial) lines.push('', partialNote(view.missingRepos));
  return clip(lines.join('\n'), 4096);
}

export const halloffame = defineCommand({
  data: memberCommand('halloffame', 'The top 10 contributors with medals')
    .addStringOption((o) => metricChoice(o, 'What to count').setRequired(true))
    .addStringOption((o) => windowChoice(o, 'Time window').setRequired(true))
    .toJSON(),
  preconditions: ['data'],
  ephemeral: false,
  defer: false,
  parse: (interaction) => ({
    // Required in the slash data; a client that still leaves them out gets the usual defaults.
    metric: metricOption(interaction) ?? 'prs_merged',
    window: windowOption(interaction) ?? '30d',
  }),
  async run(ctx, { metric, window }) {
    const link = await ctx.ports.links.linkOf(ctx.caller.userId);
    const login = link?.githubLogin ?? null;
    const view = await ctx.ports.stats.hallOfFame(ctx.caller.guildId, metric, window, login);
    if (!view.ready) throw new CommandError('data_not_ready', view.message);
    const embed = new EmbedBuilder()
      .setColor(view.partial ? COLORS.warning : COLORS.brand)
      .setTitle(`Hall of fame: ${METRIC_LABELS[metric]}`)
      .setDescription(`${WINDOW_LABELS[window]} in **${view.org}**\n\n${body(view, login)}`);
    if (!link)
      embed.setFooter({ text: 'Link your GitHub account with /link to see your own place.' });
    return { embeds: [embed] };
  },
});
