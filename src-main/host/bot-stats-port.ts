// The bot's StatsPort over the same stats the admin UI shows (src-main/stats through the shared
// StatsSnapshots): readiness, a member's windows, the hall of fame and role-tier progress.
import type {
  DataNotReady,
  GuildSettingsPort,
  HallOfFameView,
  MemberStatsView,
  StatsPort,
  StatsReadiness,
  TierProgressView,
  WindowStatsView,
} from '../../src-bot/ports.js';
import { utcDayIndex } from '../stats/calendar.js';
import { sumBetween } from '../stats/contribution-index.js';
import type { ContributorStats } from '../stats/index.js';
import { WINDOWS } from '../stats/windows.js';
import type { ContributionsRepository, MappingsRepository } from '../store/repositories.js';
import { METRICS, type Mapping, type Metric } from '../store/types.js';
import { METRIC_LABELS } from '../charts/theme.js';
import type { OrgStats, OrgStatsSource } from './bot-org-stats.js';

export interface StatsPortDeps {
  guilds: GuildSettingsPort;
  stats: OrgStatsSource;
  contributions: Pick<ContributionsRepository, 'lastCrawl'>;
  mappings: Pick<MappingsRepository, 'list'>;
}

export const NO_ORG_MESSAGE =
  'This server follows no GitHub organisation yet. An admin picks one in the GitGuild app (Guilds → this server).';
export const NO_CRAWL_MESSAGE =
  'No crawl has finished yet, so there are no stats. An admin can start one in the GitGuild app (Stats → Crawl now); the scheduler also runs one every hour.';

export function readinessOf(
  guilds: GuildSettingsPort,
  contributions: Pick<ContributionsRepository, 'lastCrawl'>,
  guildId: string,
): StatsReadiness {
  const org = guilds.forGuild(guildId)?.org ?? null;
  if (!org) return { ready: false, reason: 'no_org', message: NO_ORG_MESSAGE };
  const last = contributions.lastCrawl(org);
  if (!last) return { ready: false, reason: 'no_crawl', message: NO_CRAWL_MESSAGE };
  return { ready: true, org, partial: !last.complete, lastCrawlAt: last.finishedAt };
}

function memberView(stats: OrgStats, login: string, contributor: ContributorStats | undefined) {
  const metrics = {} as MemberStatsView['metrics'];
  for (const metric of METRICS) {
    const m = contributor?.metrics[metric];
    const windows = {} as Record<(typeof WINDOWS)[number], WindowStatsView>;
    for (const w of WINDOWS)
      windows[w] = {
        count: m?.counts[w] ?? 0,
        rank: m?.ranks[w] ?? null,
        dailyAverage: m?.averages[w] ?? 0,
      };
    metrics[metric] = { windows, streak: m ? { ...m.streak } : { current: 0, longest: 0 } };
  }
  const view: MemberStatsView = {
    ready: true,
    org: stats.org,
    login: contributor?.login ?? login,
    partial: stats.snapshot.partial,
    missingRepos: stats.last?.missing.map((m) => m.repo) ?? [],
    lastCrawlAt: stats.last?.finishedAt ?? null,
    metrics,
    activityStreak: contributor
      ? { current: contributor.activity.current, longest: contributor.activity.longest }
      : { current: 0, longest: 0 },
  };
  return view;
}

/**
 * A mapping as a tier rule: only a plain metric threshold is a tier a member can climb (rank,
 * team and combined conditions have no "distance to the next").
 */
interface TierRule {
  roleId: string;
  metric: Metric;
  threshold: number;
  label: string;
  /** Rolling days, or null for all time. */
  days: number | null;
}

function tierRule(mapping: Mapping): TierRule | null {
  const condition = mapping.condition;
  if (condition.kind !== 'metric') return null;
  return {
    roleId: mapping.roleId,
    metric: condition.metric,
    threshold: condition.threshold,
    label: mapping.label ?? '',
    days: condition.window.kind === 'rolling' ? condition.window.days : null,
  };
}

/** The member's count for a rule's window: all time from the snapshot, rolling days from the index. */
function countFor(stats: OrgStats, login: string, rule: TierRule): number {
  const contributor = stats.byLowerLogin.get(login.toLowerCase());
  if (!contributor) return 0;
  if (rule.days === null) return contributor.metrics[rule.metric].counts.all;
  const series = stats.index.series(contributor.login, rule.metric);
  if (!series) return 0;
  const now = new Date(stats.snapshot.now);
  // The same rolling rule as the stats windows: every UTC day overlapping the last N×24 hours.
  const from = utcDayIndex(new Date(now.getTime() - rule.days * 86_400_000));
  return sumBetween(series, from, Number.POSITIVE_INFINITY);
}

export function tierProgressOf(
  stats: OrgStats,
  mappings: Mapping[],
  login: string,
): TierProgressView[] {
  const groups = new Map<string, TierRule[]>();
  for (const mapping of mappings) {
    if (!mapping.enabled) continue;
    const rule = tierRule(mapping);
    if (!rule) continue;
    const key = `${rule.metric}:${rule.days ?? 'all'}`;
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  return [...groups.values()].map((rules) => {
    rules.sort((a, b) => a.threshold - b.threshold);
    const first = rules[0]!;
    const value = countFor(stats, login, first);
    const reached = rules.filter((r) => value >= r.threshold);
    const current = reached[reached.length - 1] ?? null;
    const next = rules.find((r) => value < r.threshold) ?? null;
    return {
      group: `${METRIC_LABELS[first.metric]}, ${first.days === null ? 'all time' : `last ${first.days} days`}`,
      metric: first.metric,
      current: current && {
        roleId: current.roleId,
        name: current.label,
        threshold: current.threshold,
      },
      next: next && {
        roleId: next.roleId,
        name: next.label,
        threshold: next.threshold,
        remaining: next.threshold - value,
      },
      value,
    };
  });
}

export function createStatsPort(deps: StatsPortDeps): StatsPort {
  const ready = (guildId: string): { stats: OrgStats } | DataNotReady => {
    const readiness = readinessOf(deps.guilds, deps.contributions, guildId);
    return readiness.ready ? { stats: deps.stats.get(readiness.org) } : readiness;
  };
  return {
    readiness: async (guildId) => readinessOf(deps.guilds, deps.contributions, guildId),
    async memberStats(guildId, githubLogin) {
      const r = ready(guildId);
      if (!('stats' in r)) return r;
      return memberView(r.stats, githubLogin, r.stats.byLowerLogin.get(githubLogin.toLowerCase()));
    },
    async hallOfFame(guildId, metric, window, callerLogin) {
      const r = ready(guildId);
      if (!('stats' in r)) return r;
      const { stats } = r;
      const top = stats.snapshot.hallOfFame[metric][window].map((e) => ({ ...e }));
      let caller: HallOfFameView['caller'] = null;
      if (callerLogin !== null) {
        const inTop = top.some((e) => e.login.toLowerCase() === callerLogin.toLowerCase());
        const c = stats.byLowerLogin.get(callerLogin.toLowerCase());
        if (!inTop)
          caller = {
            login: c?.login ?? callerLogin,
            count: c?.metrics[metric].counts[window] ?? 0,
            rank: c?.metrics[metric].ranks[window] ?? null,
          };
      }
      return {
        ready: true,
        org: stats.org,
        metric,
        window,
        partial: stats.snapshot.partial,
        missingRepos: stats.last?.missing.map((m) => m.repo) ?? [],
        top,
        caller,
      };
    },
    async tierProgress(guildId, githubLogin) {
      const r = ready(guildId);
      if (!('stats' in r)) return [];
      return tierProgressOf(r.stats, deps.mappings.list(guildId), githubLogin);
    },
  };
}
