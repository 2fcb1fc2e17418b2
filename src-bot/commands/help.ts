// /help: what the bot can do. Admin commands are listed only to admins.
import { EmbedBuilder } from 'discord.js';
import { COLORS } from '../format.js';
import { memberCommand } from './builder.js';
import { defineCommand, type BotCommand } from './types.js';

const line = (c: BotCommand) => `\`/${c.data.name}\`: ${c.data.description}`;

export const help = defineCommand({
  data: memberCommand('help', 'What GitGuild can do for you').toJSON(),
  preconditions: [],
  ephemeral: true,
  defer: false,
  parse: () => undefined,
  async run(ctx) {
    const isAdminCommand = (c: BotCommand) => c.preconditions.includes('admin');
    const embed = new EmbedBuilder()
      .setColor(COLORS.brand)
      .setTitle('GitGuild commands')
      .setDescription(
        'GitGuild turns GitHub contributions into roles and stats here. Start with `/link`, then try `/getstats`.',
      )
      .addFields({
        name: 'For everyone',
        value: ctx.commands
          .filter((c) => !isAdminCommand(c))
          .map(line)
          .join('\n'),
      });
    if (ctx.isAdmin)
      embed.addFields({
        name: 'For admins',
        value: ctx.commands.filter(isAdminCommand).map(line).join('\n'),
      });
    return { embeds: [embed] };
  },
});
