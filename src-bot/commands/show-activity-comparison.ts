// /show-activity-comparison [window]: grouped bars of the ten most active, one bar per metric.
import { WINDOW_LABELS } from '../format.js';
import { windowOption } from '../interaction/options.js';
import { memberCommand, windowChoice } from './builder.js';
import { chartReply } from './chart-reply.js';
import { defineCommand } from './types.js';

export const showActivityComparison = defineCommand({
  data: memberCommand(
    'show-activity-comparison',
    'Grouped bar chart comparing the top 10 contributors across all metrics',
  )
    .addStringOption((o) => windowChoice(o, 'Time window (default: last 30 days)'))
    .toJSON(),
  preconditions: ['data'],
  ephemeral: false,
  defer: true,
  parse: (interaction) => windowOption(interaction) ?? '30d',
  run: (ctx, window) =>
    chartReply(
      ctx,
      { kind: 'activity-comparison', window },
      `Activity comparison (${WINDOW_LABELS[window].toLowerCase()})`,
    ),
});
