// /sync [dry_run] (admin): runs or previews a role sync for this server through the host's
// SyncPort and summarises adds and removes per role.
import { EmbedBuilder, roleMention } from 'discord.js';
import { COLORS, clip, formatCount } from '../format.js';
import { booleanOption } from '../interaction/options.js';
import type { SyncRunSummary } from '../ports.js';
import { adminCommand } from './builder.js';
import { defineCommand } from './types.js';

/** A run that did not go through (another run of the guild was going, or it failed): why. */
function refusedEmbed(summary: SyncRunSummary, error: string): EmbedBuilder {
  const embed = new EmbedBuilder()
    .setColor(summary.outcome === 'failed' ? COLORS.error : COLORS.warning)
    .setTitle(summary.outcome === 'failed' ? 'Sync failed' : 'Sync not started')
    .setDescription(clip(error, 4096));
  return summary.runId ? embed.setFooter({ text: `Run ${summary.runId}` }) : embed;
}

function summaryEmbed(summary: SyncRunSummary): EmbedBuilder {
  if (summary.error && !summary.needsConfirmation) return refusedEmbed(summary, summary.error);
  const title = summary.needsConfirmation
    ? 'Sync stopped: confirmation needed'
    : summary.dryRun
      ? 'Sync preview (nothing changed)'
      : summary.outcome === 'failed'
        ? 'Sync failed'
        : summary.outcome === 'partial' || summary.outcome === 'interrupted'
          ? 'Sync partly done'
          : 'Sync done';
  const lines = [
    `Checked **${formatCount(summary.membersChecked)}** members; **${formatCount(summary.membersChanged)}** ${summary.dryRun ? 'would change' : 'changed'}${summary.membersFailed > 0 ? `, **${formatCount(summary.membersFailed)}** failed` : ''}.`,
  ];
  if (summary.needsConfirmation)
    lines.push(
      'More members would change than the safety cap allows, so nothing was written. Review and confirm the run in GitGuild (Sync).',
    );
  const embed = new EmbedBuilder()
    .setColor(
      summary.outcome === 'failed'
        ? COLORS.error
        : summary.needsConfirmation || summary.membersFailed > 0
          ? COLORS.warning
          : COLORS.success,
    )
    .setTitle(title)
    .setDescription(lines.join('\n'))
    .setFooter({ text: `Run ${summary.runId}` });
  const roles = summary.roles.filter((r) => r.added > 0 || r.removed > 0);
  embed.addFields({
    name: 'Roles',
    value: clip(
      roles.length > 0
        ? roles
            .map(
              (r) =>
                `${roleMention(r.roleId)}: +${formatCount(r.added)} / −${formatCount(r.removed)}`,
            )
            .join('\n')
        : 'No role changes: everyone already has the roles their contributions earn.',
      1024,
    ),
  });
  if (summary.problems.length > 0)
    embed.addFields({
      name: 'Problems',
      value: clip(summary.problems.map((p) => `❌ ${p.message} Fix: ${p.fix}`).join('\n'), 1024),
    });
  return embed;
}

export const sync = defineCommand({
  data: adminCommand('sync', 'Sync roles with GitHub contributions now, or preview the changes')
    .addBooleanOption((o) =>
      o.setName('dry_run').setDescription('Only show what would change (default: false)'),
    )
    .toJSON(),
  preconditions: ['admin'],
  ephemeral: true,
  defer: true,
  parse: (interaction) => booleanOption(interaction, 'dry_run') ?? false,
  async run(ctx, dryRun) {
    const summary = await ctx.ports.sync.run(ctx.caller.guildId, {
      dryRun,
      trigger: 'command',
      actor: `admin:${ctx.caller.userId}`,
    });
    return { embeds: [summaryEmbed(summary)] };
  },
});
