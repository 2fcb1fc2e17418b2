// How the bot writes: formatted numbers, metric and window names, colours and the shared embeds
// (data not ready, partial data). Labels match src-main/charts/theme.ts, which the bot may not import.
import { EmbedBuilder, time, TimestampStyles } from 'discord.js';
import type { DataNotReady, StatsMetric, StatsWindow } from './ports.js';

export const COLORS = {
  brand: 0x4f7ff0,
  success: 0x2d9d78,
  warning: 0xf0b232,
  error: 0xed4245,
  neutral: 0x4e5058,
} as const;

export const METRICS: readonly StatsMetric[] = [
  'prs_opened',
  'prs_merged',
  'issues',
  'commits',
  'reviews',
];

export const METRIC_LABELS: Record<StatsMetric, string> = {
  prs_opened: 'PRs opened',
  prs_merged: 'PRs merged',
  issues: 'Issues',
  commits: 'Commits',
  reviews: 'Reviews',
};

/** The same names inside a sentence ("3 PRs merged", "1 review"). */
export function metricNoun(metric: StatsMetric, count = 2): string {
  const plural: Record<StatsMetric, [string, string]> = {
    prs_opened: ['PR opened', 'PRs opened'],
    prs_merged: ['PR merged', 'PRs merged'],
    issues: ['issue', 'issues'],
    commits: ['commit', 'commits'],
    reviews: ['review', 'reviews'],
  };
  return plural[metric][count === 1 ? 0 : 1];
}

export const WINDOWS: readonly StatsWindow[] = ['24h', '7d', '30d', '90d', 'month', 'all'];

export const WINDOW_LABELS: Record<StatsWindow, string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  month: 'This month',
  all: 'All time',
};

const integer = new Intl.NumberFormat('en-US');
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export const formatCount = (n: number): string => integer.format(n);
export const formatAverage = (n: number): string => decimal.format(n);
export const formatRank = (rank: number | null): string =>
  rank === null ? 'unranked' : `#${integer.format(rank)}`;

/** A Discord timestamp tag, shown in each member's own time zone and language. */
export function relativeTime(iso: string): string {
  return time(new Date(iso), TimestampStyles.RelativeTime);
}

export function notReadyEmbed(notReady: DataNotReady): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(COLORS.warning)
    .setTitle(notReady.reason === 'no_org' ? 'No GitHub organisation yet' : 'No stats yet')
    .setDescription(notReady.message);
}

export function partialNote(missingRepos: readonly string[]): string {
  const names = missingRepos.slice(0, 5).join(', ');
  const more = missingRepos.length > 5 ? ` and ${missingRepos.length - 5} more` : '';
  return missingRepos.length > 0
    ? `⚠️ Partial data: the last crawl could not read ${names}${more}, so numbers may be low.`
    : '⚠️ Partial data: the last crawl was incomplete, so numbers may be low.';
}

/** Cuts text to Discord's limits (embed description 4096, field value 1024). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
