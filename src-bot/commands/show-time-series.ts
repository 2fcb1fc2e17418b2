// /show-time-series metrics days: daily counts of chosen metrics over 7 to 365 days.
import { METRICS } from '../format.js';
import { integerOption, metricListOption } from '../interaction/options.js';
import { CommandError } from '../interaction/command-error.js';
import { memberCommand } from './builder.js';
import { chartReply } from './chart-reply.js';
import { defineCommand } from './types.js';

export const showTimeSeries = defineCommand({
  data: memberCommand('show-time-series', 'Line chart of daily counts for the metrics you pick')
    .addStringOption((o) =>
      o
        .setName('metrics')
        .setDescription(`Comma-separated: ${METRICS.join(', ')} (or all)`)
        .setRequired(true)
        .setMaxLength(200),
    )
    .addIntegerOption((o) =>
      o
        .setName('days')
        .setDescription('How many days back (7 to 365)')
        .setRequired(true)
        .setMinValue(7)
        .setMaxValue(365),
    )
    .toJSON(),
  preconditions: ['data'],
  ephemeral: false,
  defer: true,
  parse: (interaction) => {
    const metrics = metricListOption(interaction, 'metrics');
    const days = integerOption(interaction, 'days', { min: 7, max: 365 });
    if (metrics === null || days === null)
      throw new CommandError(
        'bad_option',
        'Give both `metrics` (for example `commits, reviews`) and `days` (7 to 365).',
      );
    return { metrics, days };
  },
  run: (ctx, { metrics, days }) =>
    chartReply(ctx, { kind: 'time-series', metrics, days }, `Daily activity, last ${days} days`),
});
