// The Stats dashboard's handlers: the full leaderboard of one metric and window, org totals and
// the org's activity trend, all from one cached stats snapshot per org (see
// src-main/host/stats-snapshots.ts), so switching metric or window costs no recompute.
import {
  activityTrend,
  computeStats,
  orgTotals,
  type ContributionIndex,
  type StatsSnapshot,
} from '../../stats/index.js';
import type { ContributionsRepository, SettingsRepository } from '../../store/repositories.js';
import { METRICS, type Metric, type Settings } from '../../store/types.js';
import type { MethodOutput } from '../contract.js';
import type { HandlersFor } from '../handler-types.js';
import { resolveConfiguredOrg } from '../../stats/configured-org.js';

export interface StatsDashboardDeps {
  settings: SettingsRepository;
  contributions: Pick<ContributionsRepository, 'lastCrawl'>;
  indexFor: (org: string) => ContributionIndex;
  /** A snapshot of the org's stats now; the host caches it. Computed afresh when absent. */
  snapshotFor?: (org: string, settings: Settings) => StatsSnapshot;
  now?: () => Date;
}

type DashboardMethod = 'stats.leaderboard' | 'stats.orgTotals' | 'stats.trend';

export function statsDashboardHandlers(deps: StatsDashboardDeps): HandlersFor<DashboardMethod> {
  const now = deps.now ?? (() => new Date());
  const snapshotFor =
    deps.snapshotFor ??
    ((org: string, settings: Settings) =>
      computeStats(deps.indexFor(org), { now: now(), timeZone: settings.timeZone }));

  /** The org, its snapshot, and what the last crawl says about completeness. */
  function basis(requested: string | undefined) {
    const settings = deps.settings.get();
    const org = resolveConfiguredOrg(settings.githubOrgs, requested);
    const snapshot = snapshotFor(org, settings);
    const last = deps.contributions.lastCrawl(org);
    return {
      settings,
      snapshot,
      fields: {
        org,
        now: snapshot.now,
        timeZone: snapshot.timeZone,
        // Never crawled counts as partial, as in stats.hallOfFame.
        partial: last === undefined || !last.complete,
        missing: last?.missing.map((m) => ({ ...m })) ?? [],
        lastCrawlAt: last?.finishedAt ?? null,
      },
    };
  }

  return {
    'stats.leaderboard': async ({ org, metric, window }) => {
      const { snapshot, fields } = basis(org);
      const entries: MethodOutput<'stats.leaderboard'>['entries'] = [];
      for (const c of snapshot.contributors) {
        const m = c.metrics[metric];
        const rank = m.ranks[window];
        if (rank === null) continue;
        entries.push({
          login: c.login,
          count: m.counts[window],
          rank,
          dailyAverage: m.averages[window],
          currentStreak: m.streak.current,
          longestStreak: m.streak.longest,
        });
      }
      entries.sort((a, b) => a.rank - b.rank || (a.login < b.login ? -1 : 1));
      return {
        ...fields,
        metric,
        window,
        contributors: snapshot.contributors.length,
        entries,
      };
    },

    'stats.orgTotals': async ({ org, window }) => {
      const { snapshot, fields } = basis(org);
      const metrics = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>;
      let active = 0;
      for (const c of snapshot.contributors) {
        let any = false;
        for (const m of METRICS) {
          const count = c.metrics[m].counts[window];
          metrics[m] += count;
          if (count > 0) any = true;
        }
        if (any) active += 1;
      }
      // Repository facts are not stored yet: orgTotals over no repos gives the contribution part.
      const totals = orgTotals([], deps.indexFor(fields.org));
      return {
        ...fields,
        window,
        contributors: totals.contributors,
        activeContributors: active,
        metrics,
        from: snapshot.windows[window].from,
        to: snapshot.windows[window].to,
        repos: null,
      };
    },

    'stats.trend': async ({ org, metric, granularity, periods }) => {
      const { settings, snapshot, fields } = basis(org);
      const points = activityTrend(deps.indexFor(fields.org), {
        metric,
        granularity,
        periods,
        now: new Date(snapshot.now),
        timeZone: settings.timeZone,
      });
      return { ...fields, metric, granularity, points };
    },
  };
}
