// charts.spec: a chart spec for the admin UI, built from the same stats snapshot the bot's
// charts use, for a configured org.
import { buildChartSpec } from '../../charts/specs.js';
import type { StatsSnapshot, ContributionIndex } from '../../stats/index.js';
import type { SettingsRepository } from '../../store/repositories.js';
import type { HandlersFor } from '../handler-types.js';
import { resolveConfiguredOrg } from '../../stats/configured-org.js';

export interface ChartsHandlerDeps {
  settings: Pick<SettingsRepository, 'get'>;
  /** The org's index and current snapshot (shared with the bot; see host/stats-snapshots.ts). */
  statsFor: (org: string) => { index: ContributionIndex; snapshot: StatsSnapshot };
}

export function chartsHandlers(deps: ChartsHandlerDeps): HandlersFor<'charts.spec'> {
  return {
    'charts.spec': async ({ org: requested, chart }) => {
      const org = resolveConfiguredOrg(deps.settings.get().githubOrgs, requested);
      const { index, snapshot } = deps.statsFor(org);
      return buildChartSpec({ org, index, snapshot }, chart);
    },
  };
}
