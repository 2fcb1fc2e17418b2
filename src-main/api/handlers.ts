// The handlers behind every AdminApi method, composed from one small module per domain. The host
// passes the domain services in; handlers receive input `invokeMethod` has already parsed.
import type { AdminHandlers } from './handler-types.js';
import { authHandlers, type AuthHandlerDeps } from './handlers/auth.js';
import { configHandlers, type ConfigHandlerDeps } from './handlers/config.js';
import { crawlHandlers, type CrawlService } from './handlers/crawl.js';
import { secretsHandlers, type SecretsHandlerDeps } from './handlers/secrets.js';
import { settingsHandlers, type SettingsHandlerDeps } from './handlers/settings.js';
import { statsHandlers, type StatsHandlerDeps } from './handlers/stats.js';
import { storeHandlers, type StoreHandlerDeps } from './handlers/store.js';

export type { AdminHandlers, ParsedInput } from './handler-types.js';
export type { CrawlService } from './handlers/crawl.js';

export interface AdminHandlerDeps {
  settings: SettingsHandlerDeps;
  crawl: CrawlService;
  stats: StatsHandlerDeps;
  config: ConfigHandlerDeps;
  store: StoreHandlerDeps;
  secrets: SecretsHandlerDeps;
  auth: AuthHandlerDeps;
}

export function createAdminHandlers(deps: AdminHandlerDeps): AdminHandlers {
  return {
    ...settingsHandlers(deps.settings),
    ...crawlHandlers(deps.crawl),
    ...statsHandlers(deps.stats),
    ...configHandlers(deps.config),
    ...storeHandlers(deps.store),
    ...secretsHandlers(deps.secrets),
    ...authHandlers(deps.auth),
  };
}
