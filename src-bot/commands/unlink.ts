// /unlink: removes the member's link; the host's sync then takes away the roles GitGuild gave.
import { EmbedBuilder } from 'discord.js';
import { COLORS } from '../format.js';
import { memberCommand } from './builder.js';
import { defineCommand } from './types.js';

export const unlink = defineCommand({
  data: memberCommand('unlink', 'Unlink your GitHub account and drop the roles it earned').toJSON(),
  preconditions: ['linked'],
  ephemeral: true,
  defer: true,
  parse: () => undefined,
  async run(ctx) {
    const removed = await ctx.ports.links.unlink({
      guildId: ctx.caller.guildId,
      userId: ctx.caller.userId,
    });
    const embed = new EmbedBuilder();
    if (!removed)
      return {
        embeds: [
          embed
            .setColor(COLORS.neutral)
            .setDescription('You have no GitHub account linked, so there was nothing to remove.'),
        ],
      };
    return {
      embeds: [
        embed
          .setColor(COLORS.success)
          .setTitle('Unlinked')
          .setDescription(
            `GitHub **${removed.githubLogin}** is no longer linked to you. GitGuild takes back the roles it gave for your contributions; other roles stay. Use \`/link\` to link again.`,
          ),
      ],
    };
  },
});
