// stats.hallOfFame: the top ten per metric for one window, computed from the stored daily
// aggregates in the configured time zone, and marked partial when the last crawl was incomplete.
import { resolveConfiguredOrg } from '../../stats/configured-org.js';
import { computeStats, type ContributionIndex } from '../../stats/index.js';
import { METRICS } from '../../store/types.js';
import type { ContributionsRepository, SettingsRepository } from '../../store/repositories.js';
import type { MethodOutput } from '../contract.js';
import type { HandlersFor } from '../handler-types.js';

/** Moved to src-main/stats; re-exported for callers in the API layer. */
export { resolveConfiguredOrg };

export interface StatsHandlerDeps {
  settings: SettingsRepository;
  contributions: Pick<ContributionsRepository, 'lastCrawl'>;
  /** The org's contribution index; the host caches it and drops it after each crawl. */
  indexFor: (org: string) => ContributionIndex;
  now?: () => Date;
}

export function statsHandlers(deps: StatsHandlerDeps): HandlersFor<'stats.hallOfFame'> {
  const now = deps.now ?? (() => new Date());
  return {
    'stats.hallOfFame': async ({ org: requested, window }) => {
      const settings = deps.settings.get();
      const org = resolveConfiguredOrg(settings.githubOrgs, requested);
      const last = deps.contributions.lastCrawl(org);
      const snapshot = computeStats(deps.indexFor(org), {
        now: now(),
        timeZone: settings.timeZone,
      });
      const metrics = Object.fromEntries(
        METRICS.map((metric) => [
          metric,
          snapshot.hallOfFame[metric][window].map((e) => ({ ...e })),
        ]),
      ) as MethodOutput<'stats.hallOfFame'>['metrics'];
      return {
        org,
        window,
        now: snapshot.now,
        timeZone: snapshot.timeZone,
        // Never crawled counts as partial: there is nothing yet, and the UI should say why.
        partial: last === undefined || !last.complete,
        missing: last?.missing.map((m) => ({ ...m })) ?? [],
        lastCrawlAt: last?.finishedAt ?? null,
        metrics,
      };
    },
  };
}
