// Labels and small decisions for the Stats page, kept apart from React so they are unit-tested.
import type { MethodInput, MethodOutput } from '../../../src-main/api/contract';

export type HallOfFame = MethodOutput<'stats.hallOfFame'>;
export type StatsWindow = NonNullable<MethodInput<'stats.hallOfFame'>['window']>;
export type StatsMetric = keyof HallOfFame['metrics'];

/** Every window the host computes, in selector order; the Record makes a missing one a type error. */
const WINDOW_LABELS: Record<StatsWindow, string> = {
  '24h': 'Last 24 hours',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  month: 'This month',
  all: 'All time',
};
export const WINDOW_OPTIONS = Object.entries(WINDOW_LABELS).map(([id, label]) => ({
  id: id as StatsWindow,
  label,
}));
export const DEFAULT_WINDOW: StatsWindow = '30d';

const METRIC_LABELS: Record<StatsMetric, string> = {
  prs_merged: 'PRs merged',
  prs_opened: 'PRs opened',
  commits: 'Commits',
  reviews: 'Reviews',
  issues: 'Issues opened',
};
export const METRIC_OPTIONS = Object.entries(METRIC_LABELS).map(([id, label]) => ({
  id: id as StatsMetric,
  label,
}));

/** "3 minutes ago", "2 days ago": enough to tell a fresh crawl from a stale one at a glance. */
export function relativeTime(iso: string, now: Date): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 45) return 'just now';
  const steps: [number, string][] = [
    [60, 'minute'],
    [60, 'hour'],
    [24, 'day'],
    [30, 'month'],
    [12, 'year'],
  ];
  let value = seconds / 60;
  let unit = 'minute';
  for (let i = 1; i < steps.length; i++) {
    const [size, name] = steps[i]!;
    if (value < size) break;
    value /= size;
    unit = name;
  }
  const rounded = Math.max(1, Math.round(value));
  return `${rounded} ${unit}${rounded === 1 ? '' : 's'} ago`;
}

/** How many rows share a rank with another, so ties can be marked ("=2"). */
export function tiedRanks(entries: readonly { rank: number }[]): Set<number> {
  const seen = new Map<number, number>();
  for (const { rank } of entries) seen.set(rank, (seen.get(rank) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n > 1).map(([rank]) => rank));
}

/** True when a crawl has stored data for the org (the host says `partial` for "never crawled" too). */
export function hasCrawled(stats: { lastCrawlAt: string | null }): boolean {
  return stats.lastCrawlAt !== null;
}

export function missingSummary(missing: HallOfFame['missing']): string {
  const n = missing.length;
  return n === 0
    ? 'The last crawl did not finish, so these numbers may be low.'
    : `The last crawl could not read ${n} repositor${n === 1 ? 'y' : 'ies'}, so these numbers may be low:`;
}
