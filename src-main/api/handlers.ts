// The handlers behind every AdminApi method, composed from one small module per domain. The host
// passes the domain services in; handlers receive input `invokeMethod` has already parsed.
import type { AdminHandlers } from './handler-types.js';
import { botHandlers, type BotControl } from './handlers/bot.js';
import { chartsHandlers, type ChartsHandlerDeps } from './handlers/charts.js';
import { authHandlers, type AuthHandlerDeps } from './handlers/auth.js';
import { configHandlers, type ConfigHandlerDeps } from './handlers/config.js';
import { crawlHandlers, type CrawlService } from './handlers/crawl.js';
import { hostInfoHandlers, type HostInfoDeps } from './handlers/host-info.js';
import { membersHandlers, type MembersHandlerDeps } from './handlers/members.js';
import { rolesHandlers, type RolesHandlerDeps } from './handlers/roles.js';
import { secretsHandlers, type SecretsHandlerDeps } from './handlers/secrets.js';
import { settingsHandlers, type SettingsHandlerDeps } from './handlers/settings.js';
import { statsHandlers, type StatsHandlerDeps } from './handlers/stats.js';
import { statsDashboardHandlers, type StatsDashboardDeps } from './handlers/stats-dashboard.js';
import { storeHandlers, type StoreHandlerDeps } from './handlers/store.js';
import { syncHandlers, type SyncHandlerDeps } from './handlers/sync.js';

export type { AdminHandlers, ParsedInput } from './handler-types.js';
export type { CrawlService } from './handlers/crawl.js';

export interface AdminHandlerDeps {
  settings: SettingsHandlerDeps;
  crawl: CrawlService;
  stats: StatsHandlerDeps & Pick<StatsDashboardDeps, 'snapshotFor'>;
  config: ConfigHandlerDeps;
  store: StoreHandlerDeps;
  secrets: SecretsHandlerDeps;
  bot: BotControl;
  charts: ChartsHandlerDeps;
  hostInfo: HostInfoDeps;
  roles: RolesHandlerDeps;
  sync: SyncHandlerDeps;
  auth: AuthHandlerDeps;
  members: MembersHandlerDeps;
}

export function createAdminHandlers(deps: AdminHandlerDeps): AdminHandlers {
  return {
    ...settingsHandlers(deps.settings),
    ...crawlHandlers(deps.crawl),
    ...statsHandlers(deps.stats),
    ...configHandlers(deps.config),
    ...storeHandlers(deps.store),
    ...secretsHandlers(deps.secrets),
    ...botHandlers(deps.bot),
    ...chartsHandlers(deps.charts),
    ...statsDashboardHandlers(deps.stats),
    ...hostInfoHandlers(deps.hostInfo),
    ...rolesHandlers(deps.roles),
    ...syncHandlers(deps.sync),
    ...authHandlers(deps.auth),
    ...membersHandlers(deps.members),
  };
}
