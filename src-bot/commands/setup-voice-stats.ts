// /setup_voice_stats (admin): creates or repairs the stats category and its voice channels
// through the host's voice stats engine.
import { EmbedBuilder, channelMention } from 'discord.js';
import { COLORS, clip } from '../format.js';
import { adminCommand } from './builder.js';
import { defineCommand } from './types.js';

export const setupVoiceStats = defineCommand({
  data: adminCommand(
    'setup_voice_stats',
    'Create the voice channels that show live repository stats',
  ).toJSON(),
  preconditions: ['admin'],
  ephemeral: true,
  defer: true,
  parse: () => undefined,
  async run(ctx) {
    const setup = await ctx.ports.voiceStats.setup(
      ctx.caller.guildId,
      `admin:${ctx.caller.userId}`,
    );
    const created = setup.channels.filter((c) => c.created).length;
    return {
      embeds: [
        new EmbedBuilder()
          .setColor(COLORS.success)
          .setTitle(created > 0 ? 'Voice stats ready' : 'Voice stats already set up')
          .setDescription(
            clip(
              [
                `${created} channel${created === 1 ? '' : 's'} created, ${setup.channels.length - created} already there, in ${channelMention(setup.categoryId)}. GitGuild updates their names after each crawl.`,
                '',
                ...setup.channels.map(
                  (c) => `${c.created ? '🆕' : '✅'} ${channelMention(c.id)} (${c.name})`,
                ),
              ].join('\n'),
              4096,
            ),
          ),
      ],
    };
  },
});
