// Builds the BotPorts the host hands the bot: stats, charts and guild settings over the store and
// src-main/stats, plus the services other parts of the host own: links (src-main/oauth's
// MemberLinkService), sync and audit (the role engine's SyncService) and voice stats.
import type { BotPorts } from '../../src-bot/ports.js';
import { workerRenderer, type ChartRenderer } from '../charts/chart-renderer.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/index.js';
import { createChartsPort } from './bot-charts-port.js';
import { createGuildsPort } from './bot-guilds-port.js';
import { createStatsPort } from './bot-stats-port.js';
import type { ContributionIndexes } from './contribution-indexes.js';
import { OrgStatsSource } from './bot-org-stats.js';
import { StatsSnapshots } from './stats-snapshots.js';

export interface BotPortDeps {
  store: Pick<Store, 'settings' | 'guilds' | 'mappings' | 'contributions'>;
  indexes: Pick<ContributionIndexes, 'get'>;
  /** The host's shared snapshot cache (one per host); a private one when absent. */
  snapshots?: StatsSnapshots;
  logger: Logger;
  now?: () => Date;
  /** Where PNGs are drawn; a worker thread by default. The caller closes it. */
  renderer?: ChartRenderer;
}

/** The ports other parts of the host implement: always passed in, never made up here. */
export type BotPortServices = Pick<BotPorts, 'links' | 'sync' | 'audit' | 'voiceStats'>;

export function createBotPorts(
  deps: BotPortDeps,
  services: BotPortServices,
): { ports: BotPorts; stats: OrgStatsSource; renderer: ChartRenderer } {
  const { store, logger } = deps;
  const snapshots = deps.snapshots ?? new StatsSnapshots((org) => deps.indexes.get(org), deps.now);
  const stats = new OrgStatsSource({
    settings: store.settings,
    contributions: store.contributions,
    indexes: deps.indexes,
    snapshots,
  });
  const guilds = createGuildsPort(store);
  const renderer = deps.renderer ?? workerRenderer(logger.child('charts'));
  const shared = {
    guilds,
    stats,
    contributions: store.contributions,
    mappings: store.mappings,
  };
  const ports: BotPorts = {
    logger: logger.child('bot'),
    guilds,
    stats: createStatsPort(shared),
    charts: createChartsPort({ ...shared, renderer }),
    links: services.links,
    sync: services.sync,
    audit: services.audit,
    voiceStats: services.voiceStats,
  };
  return { ports, stats, renderer };
}
