// The simulator's ground truth in its own words: `sim` imports nothing from the product, so a
// product change cannot quietly bend the truth it is measured against. A test
// (tests/unit/sim/truth-types.test.ts) checks these shapes against the product's DailyCount.
export const TRUTH_METRICS = ['prs_opened', 'prs_merged', 'issues', 'commits', 'reviews'] as const;
export type TruthMetric = (typeof TRUTH_METRICS)[number];

/** One day's count for one contributor in one repository; `day` is a UTC day, YYYY-MM-DD. */
export interface TruthDailyCount {
  login: string;
  repo: string; // "owner/name"
  metric: TruthMetric;
  day: string;
  count: number;
}
