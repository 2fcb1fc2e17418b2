// /show-top-contributors [metric] [window]: a bar chart of the top ten.
import { METRIC_LABELS, WINDOW_LABELS } from '../format.js';
import { metricOption, windowOption } from '../interaction/options.js';
import { memberCommand, metricChoice, windowChoice } from './builder.js';
import { chartReply } from './chart-reply.js';
import { defineCommand } from './types.js';

export const showTopContributors = defineCommand({
  data: memberCommand('show-top-contributors', 'Bar chart of the top 10 contributors')
    .addStringOption((o) => metricChoice(o, 'What to count (default: PRs opened)'))
    .addStringOption((o) => windowChoice(o, 'Time window (default: last 30 days)'))
    .toJSON(),
  preconditions: ['data'],
  ephemeral: false,
  defer: true,
  parse: (interaction) => ({
    metric: metricOption(interaction) ?? 'prs_opened',
    window: windowOption(interaction) ?? '30d',
  }),
  run: (ctx, { metric, window }) =>
    chartReply(
      ctx,
      { kind: 'top-contributors', metric, window },
      `Top contributors: ${METRIC_LABELS[metric]} (${WINDOW_LABELS[window].toLowerCase()})`,
    ),
});
