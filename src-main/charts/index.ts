// Charts from stats: specs (shared with the admin UI) and their PNG rendering, plus rank cards.
export {
  buildChartSpec,
  topContributorsSpec,
  activityComparisonSpec,
  activityTrendsSpec,
  timeSeriesSpec,
  WINDOW_LABELS,
  type ChartInput,
} from './specs.js';
export { renderChartPng, type RenderedPng } from './render.js';
export { renderRankCard, RANK_CARD_SIZE, type RankCardInput } from './rank-card.js';
export { CARD, METRIC_COLORS, METRIC_LABELS, contrastRatio } from './theme.js';
export { pngSize } from './png-size.js';
export { inProcessRenderer, workerRenderer, type ChartRenderer } from './chart-renderer.js';
