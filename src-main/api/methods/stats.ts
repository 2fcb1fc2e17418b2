// The Stats dashboard's methods: the whole leaderboard of one metric and window (the UI sorts,
// searches and virtualises it), org totals, and an org activity trend. All computed by
// src-main/stats from the stored daily counts; the hall of fame stays in contract.ts.
import { z } from 'zod';
import { WINDOWS } from '../../stats/windows.js';
import { METRICS, SettingsSchema } from '../../store/types.js';

/** The same rule as the configured orgs, so a login the settings accept is accepted here. */
const OrgLoginSchema = SettingsSchema.shape.githubOrgs.element;
const MetricSchema = z.enum(METRICS);
const WindowSchema = z.enum(WINDOWS);

/** Where the numbers come from: shared by every stats answer. */
const CrawlBasis = {
  org: z.string(),
  now: z.string(),
  timeZone: z.string(),
  /** True when the last crawl of the org was incomplete or never ran: the numbers may be low. */
  partial: z.boolean(),
  missing: z.array(z.strictObject({ repo: z.string(), reason: z.string() })),
  lastCrawlAt: z.string().nullable(),
};

export const LeaderboardEntrySchema = z.strictObject({
  login: z.string(),
  count: z.number().int(),
  /** Competition rank: ties share a rank (1, 2, 2, 4). */
  rank: z.number().int(),
  /** Count per day of the window (all time: per day since the contributor's first active day). */
  dailyAverage: z.number(),
  /** Streaks of this metric, in days, counted in the configured time zone. */
  currentStreak: z.number().int(),
  longestStreak: z.number().int(),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntrySchema>;

export const LeaderboardSchema = z.strictObject({
  ...CrawlBasis,
  metric: MetricSchema,
  window: WindowSchema,
  /** Everyone with any counted contribution, all metrics and all time. */
  contributors: z.number().int(),
  /** Every contributor with a count above zero in this metric and window, best rank first. */
  entries: z.array(LeaderboardEntrySchema),
});

export const OrgTotalsSchema = z.strictObject({
  ...CrawlBasis,
  window: WindowSchema,
  /** Everyone with any counted contribution, all time. */
  contributors: z.number().int(),
  /** Contributors with any contribution in the window. */
  activeContributors: z.number().int(),
  /** Sum per metric over every contributor in the window. */
  metrics: z.record(MetricSchema, z.number().int()),
  /** Day span of the window, for labels ("since 2026-02-13"). */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /**
   * Repository facts (stars, forks, open issues and PRs) from the last crawl; null while the
   * host does not keep them (the crawl reads them, the store does not hold them yet).
   */
  repos: z
    .strictObject({
      repos: z.number().int(),
      stars: z.number().int(),
      forks: z.number().int(),
      openIssues: z.number().int(),
      openPrs: z.number().int(),
      /** Some repos' open counts are unknown, so those totals are lower bounds. */
      partial: z.boolean(),
    })
    .nullable(),
});

export const TrendSchema = z.strictObject({
  ...CrawlBasis,
  metric: MetricSchema,
  granularity: z.enum(['day', 'week', 'month']),
  /** Oldest first; `period` is the first local day of each period. */
  points: z.array(z.strictObject({ period: z.string(), count: z.number().int() })),
});

export const statsMethods = {
  'stats.leaderboard': {
    input: z.strictObject({
      org: OrgLoginSchema.optional(),
      metric: MetricSchema.default('prs_merged'),
      window: WindowSchema.default('30d'),
    }),
    output: LeaderboardSchema,
  },
  'stats.orgTotals': {
    input: z.strictObject({ org: OrgLoginSchema.optional(), window: WindowSchema.default('30d') }),
    output: OrgTotalsSchema,
  },
  'stats.trend': {
    input: z.strictObject({
      org: OrgLoginSchema.optional(),
      metric: MetricSchema.default('prs_merged'),
      granularity: z.enum(['day', 'week', 'month']).default('week'),
      periods: z.number().int().min(1).max(366).default(26),
    }),
    output: TrendSchema,
  },
} as const;
