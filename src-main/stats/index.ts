// Contributor stats, computed purely from stored daily aggregates.
export { ContributionIndex } from './contribution-index.js';
export {
  computeStats,
  type ComputeStatsOptions,
  type ContributorStats,
  type MetricStats,
  type StatsSnapshot,
} from './snapshot.js';
export { WINDOWS, type WindowId } from './windows.js';
export { rankCounts, topTen, type RankedEntry } from './ranking.js';
export { streaksOf, type Streaks } from './streaks.js';
export {
  activityTrend,
  compareTopContributors,
  type Granularity,
  type TrendPoint,
  type TopComparison,
} from './trends.js';
export { orgTotals, type OrgTotals, type RepoTotalsInput } from './org-totals.js';
