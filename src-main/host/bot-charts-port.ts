// The bot's ChartsPort: chart specs from src-main/charts rendered to PNG in the main process (on
// its chart worker thread), and rank cards, over the same stats snapshots the UI's numbers come from.
import type {
  ChartRequest,
  ChartsPort,
  GuildSettingsPort,
  RenderedChart,
  TierProgressView,
} from '../../src-bot/ports.js';
import { buildChartSpec, type ChartRenderer, type RankCardInput } from '../charts/index.js';
import { METRIC_LABELS, METRIC_NOUNS } from '../charts/theme.js';
import type { ContributionsRepository, MappingsRepository } from '../store/repositories.js';
import { METRICS, type Metric } from '../store/types.js';
import { readinessOf, tierProgressOf } from './bot-stats-port.js';
import type { OrgStats, OrgStatsSource } from './bot-org-stats.js';

export interface ChartsPortDeps {
  guilds: GuildSettingsPort;
  stats: OrgStatsSource;
  contributions: Pick<ContributionsRepository, 'lastCrawl'>;
  mappings: Pick<MappingsRepository, 'list'>;
  renderer: ChartRenderer;
}

type RankCardRequest = Extract<ChartRequest, { kind: 'rank-card' }>;

function cardTier(
  tiers: TierProgressView[],
  metric: Metric,
  roleNames: Record<string, string>,
): RankCardInput['tier'] {
  const tier = tiers.find((t) => t.metric === metric) ?? tiers[0];
  if (!tier) return null;
  const name = (role: { roleId: string; name: string } | null) =>
    role ? roleNames[role.roleId] || role.name || 'a tier role' : null;
  return {
    current: name(tier.current),
    next: name(tier.next),
    metric: tier.metric,
    value: tier.value ?? 0,
    target: tier.next?.threshold ?? null,
  };
}

async function rankCard(
  stats: OrgStats,
  request: RankCardRequest,
  tiers: TierProgressView[],
  renderer: ChartRenderer,
): Promise<RenderedChart> {
  const contributor = stats.byLowerLogin.get(request.githubLogin.toLowerCase());
  const metric = request.metric ?? 'prs_merged';
  const counts = Object.fromEntries(
    METRICS.map((m) => [m, contributor?.metrics[m].counts.all ?? 0]),
  ) as Record<Metric, number>;
  const rank = contributor?.metrics[metric].ranks.all ?? null;
  const streak = contributor
    ? { current: contributor.activity.current, longest: contributor.activity.longest }
    : { current: 0, longest: 0 };
  const rendered = await renderer.rankCard({
    displayName: request.displayName,
    login: contributor?.login ?? request.githubLogin,
    avatarPng: request.avatarPng,
    windowLabel: 'all time',
    counts,
    rank: { metric, rank },
    streak,
    tier: cardTier(tiers, metric, request.roleNames ?? {}),
    partial: stats.snapshot.partial,
  });
  const total = METRICS.map((m) => `${counts[m].toLocaleString('en-US')} ${METRIC_NOUNS[m]}`).join(
    ', ',
  );
  return {
    ...rendered,
    description: `Rank card for ${request.displayName} (GitHub ${request.githubLogin}): ${total} all time; ${rank === null ? 'unranked' : `rank ${rank}`} in ${METRIC_LABELS[metric]}; current streak ${streak.current} days.`,
    partial: stats.snapshot.partial,
  };
}

export function createChartsPort(deps: ChartsPortDeps): ChartsPort {
  return {
    async render(guildId, request) {
      const readiness = readinessOf(deps.guilds, deps.contributions, guildId);
      if (!readiness.ready) return readiness;
      const stats = deps.stats.get(readiness.org);
      if (request.kind === 'rank-card') {
        const tiers = tierProgressOf(stats, deps.mappings.list(guildId), request.githubLogin);
        return rankCard(stats, request, tiers, deps.renderer);
      }
      const spec = buildChartSpec(
        { org: stats.org, index: stats.index, snapshot: stats.snapshot },
        request,
      );
      const png = await deps.renderer.chart(spec);
      return { ...png, description: spec.description, partial: spec.partial };
    },
  };
}
