// /show-activity-trends [granularity]: the org's contributions per day, week or month.
import { choiceOption } from '../interaction/options.js';
import { memberCommand } from './builder.js';
import { chartReply } from './chart-reply.js';
import { defineCommand } from './types.js';

const GRANULARITIES = ['daily', 'weekly', 'monthly'] as const;

export const showActivityTrends = defineCommand({
  data: memberCommand('show-activity-trends', 'Line chart of recent activity in the organisation')
    .addStringOption((o) =>
      o
        .setName('granularity')
        .setDescription('Points per day (30 days), week (12 weeks) or month (12 months)')
        .addChoices(
          { name: 'Daily (last 30 days)', value: 'daily' },
          { name: 'Weekly (last 12 weeks)', value: 'weekly' },
          { name: 'Monthly (last 12 months)', value: 'monthly' },
        ),
    )
    .toJSON(),
  preconditions: ['data'],
  ephemeral: false,
  defer: true,
  parse: (interaction) => choiceOption(interaction, 'granularity', GRANULARITIES) ?? 'daily',
  run: (ctx, granularity) =>
    chartReply(ctx, { kind: 'activity-trends', granularity }, `Activity trends (${granularity})`),
});
