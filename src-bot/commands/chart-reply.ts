// The answer every chart command gives: the PNG the host rendered, in an embed that carries its
// description (what the chart shows, or why it is empty) and a partial-data warning.
import { AttachmentBuilder, EmbedBuilder } from 'discord.js';
import { COLORS } from '../format.js';
import { CommandError } from '../interaction/command-error.js';
import type { CommandReply } from '../interaction/responder.js';
import type { ChartRequest } from '../ports.js';
import type { CommandContext } from './types.js';

export const CHART_FILE = 'chart.png';

export async function chartReply(
  ctx: CommandContext,
  request: ChartRequest,
  title: string,
): Promise<CommandReply> {
  const chart = await ctx.ports.charts.render(ctx.caller.guildId, request);
  if ('ready' in chart)
    throw new CommandError('data_not_ready', chart.message, { reason: chart.reason });
  const file = new AttachmentBuilder(chart.png, {
    name: CHART_FILE,
    description: chart.description.slice(0, 1024),
  });
  const embed = new EmbedBuilder()
    .setColor(chart.partial ? COLORS.warning : COLORS.brand)
    .setTitle(title)
    .setDescription(chart.description)
    .setImage(`attachment://${CHART_FILE}`);
  if (chart.partial)
    embed.setFooter({
      text: 'Partial data: the last crawl was incomplete, so numbers may be low.',
    });
  return { embeds: [embed], files: [file] };
}
