// /link: connects the member's GitHub account through the host's LinkPort (GitHub's device flow
// or a web link). Private: the code and link are the member's own. The outcome arrives later as
// a private follow-up on the same interaction.
import { EmbedBuilder, time, TimestampStyles } from 'discord.js';
import { COLORS } from '../format.js';
import type { CommandReply } from '../interaction/responder.js';
import type { LinkOutcome, LinkStart } from '../ports.js';
import { memberCommand } from './builder.js';
import { defineCommand, type CommandContext } from './types.js';

const until = (iso: string) => time(new Date(iso), TimestampStyles.RelativeTime);

function startReply(start: LinkStart): CommandReply {
  const embed = new EmbedBuilder().setColor(COLORS.brand).setTitle('Link your GitHub account');
  switch (start.kind) {
    case 'already_linked':
      return {
        embeds: [
          embed
            .setColor(COLORS.success)
            .setTitle('Already linked')
            .setDescription(
              `You are linked to GitHub **${start.link.githubLogin}** since ${time(new Date(start.link.linkedAt), TimestampStyles.LongDate)}. Use \`/unlink\` to remove it.`,
            ),
        ],
      };
    case 'device':
      return {
        embeds: [
          embed.setDescription(
            [
              `1. Open **${start.verificationUri}**`,
              `2. Enter the code **\`${start.userCode}\`**`,
              '3. Approve GitGuild on GitHub',
              '',
              `The code expires ${until(start.expiresAt)}.${start.reused ? ' (This is the code from your earlier `/link`.)' : ''} I will tell you here when the link is done.`,
            ].join('\n'),
          ),
        ],
      };
    case 'web':
      return {
        embeds: [
          embed.setDescription(
            `[Open this link to sign in with GitHub](${start.url}). It works once and expires ${until(start.expiresAt)}.${start.reused ? ' (Same link as your earlier `/link`.)' : ''} I will tell you here when the link is done.`,
          ),
        ],
      };
    case 'unavailable':
      return { embeds: [embed.setColor(COLORS.neutral).setDescription(start.message)] };
  }
}

function outcomeReply(outcome: LinkOutcome): CommandReply {
  const embed = new EmbedBuilder();
  switch (outcome.kind) {
    case 'linked':
      return {
        embeds: [
          embed
            .setColor(COLORS.success)
            .setTitle('Linked')
            .setDescription(
              `Your Discord account is now linked to GitHub **${outcome.link.githubLogin}**. Your roles update in a moment; \`/getstats\` shows your stats.`,
            ),
        ],
      };
    case 'expired':
      return {
        embeds: [
          embed
            .setColor(COLORS.warning)
            .setDescription(
              'The code expired before GitHub approved it. Run `/link` again for a new one.',
            ),
        ],
      };
    case 'denied':
      return {
        embeds: [
          embed
            .setColor(COLORS.warning)
            .setDescription(
              'GitHub says the request was denied, so nothing was linked. Run `/link` again if that was a mistake.',
            ),
        ],
      };
    case 'conflict':
    case 'failed':
      return { embeds: [embed.setColor(COLORS.error).setDescription(outcome.message)] };
  }
}

function deliverOutcome(ctx: CommandContext, outcome: LinkOutcome): void {
  ctx.responder.followUp(outcomeReply(outcome)).catch((error: unknown) =>
    // The interaction's token lives 15 minutes; a slower approval is linked but not announced.
    ctx.logger.warn('could not announce the /link outcome', { outcome: outcome.kind, error }),
  );
}

export const link = defineCommand({
  data: memberCommand('link', 'Link your Discord account to your GitHub account').toJSON(),
  preconditions: [],
  ephemeral: true,
  defer: true,
  parse: () => undefined,
  async run(ctx) {
    const start = await ctx.ports.links.start(
      { guildId: ctx.caller.guildId, userId: ctx.caller.userId, username: ctx.caller.username },
      (outcome) => deliverOutcome(ctx, outcome),
    );
    return startReply(start);
  },
});
