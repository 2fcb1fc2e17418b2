// Wires the OAuth services for the host: the flow registry, the admin's sign-in, the member link
// service behind the bot's LinkPort, the token refresh job and the public routes the headless
// web server mounts. create-host calls this once and passes the pieces on.
import type { EventHub } from '../api/event-hub.js';
import type { AuthHandlerDeps } from '../api/handlers/auth.js';
import type { Logger } from '../log/logger.js';
import { AdminAuthService } from '../oauth/admin-auth.js';
import { DashboardSessions } from '../oauth/dashboard-sessions.js';
import type { Sleep } from '../oauth/github-device-flow.js';
import { MemberLinkService, type LinkChange } from '../oauth/member-links.js';
import { OAuthFlows } from '../oauth/oauth-flows.js';
import { createPublicRoutes, type PublicRoutes } from '../oauth/public-routes.js';
import { TokenRefreshJob } from '../oauth/token-refresh-job.js';
import type { SecretStore } from '../secrets/types.js';
import type { Store } from '../store/index.js';

export interface OAuthServicesOptions {
  store: Pick<Store, 'settings' | 'links' | 'guilds'>;
  secrets: SecretStore;
  events: EventHub;
  logger: Logger;
  mode: 'desktop' | 'headless';
  userAgent: string;
  /** Electron passes shell.openExternal; headless hosts have none and return the URL to the UI. */
  openExternal?: (url: string) => Promise<void>;
  /** A member was linked or unlinked: the host re-plans their roles (SyncService.syncUser). */
  onLinked?: (change: LinkChange) => void;
  onUnlinked?: (change: LinkChange) => void;
  /** Tests: a virtual clock and sleep for device-flow polling. */
  now?: () => number;
  sleep?: Sleep;
}

export interface OAuthServices {
  flows: OAuthFlows;
  auth: AdminAuthService;
  /** The bot's LinkPort. */
  links: MemberLinkService;
  /** Headless dashboard sign-in; its `authenticate` is the web server's session authenticator. */
  sessions: DashboardSessions;
  /** Name: `oauth-token-refresh` (TOKEN_REFRESH_JOB_NAME); the scheduler may run `run()` itself. */
  refreshJob: TokenRefreshJob;
  handlerDeps: AuthHandlerDeps;
  publicRoutes: PublicRoutes;
  /** The public base URL from settings ('' when none): its host is accepted by the web server. */
  publicBaseUrl(): string;
  start(): void;
  stop(): Promise<void>;
}

export function createOAuthServices(options: OAuthServicesOptions): OAuthServices {
  const { events, logger } = options;
  const { settings, guilds } = options.store;
  const flows = new OAuthFlows({ logger, ...(options.now ? { now: options.now } : {}) });
  const auth = new AdminAuthService({
    settings,
    secrets: options.secrets,
    flows,
    logger,
    userAgent: options.userAgent,
    mode: options.mode,
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    managedGuildIds: () => new Set(guilds.list().map((g) => g.id)),
    onChange: (change) => events.publish({ type: 'auth-changed', ...change }),
    ...(options.now ? { now: options.now } : {}),
  });
  const links = new MemberLinkService({
    links: options.store.links,
    settings,
    secrets: options.secrets,
    flows,
    logger,
    userAgent: options.userAgent,
    onLinked: (change) => {
      events.publish({
        type: 'link-changed',
        discordUserId: change.discordUserId,
        githubLogin: change.link.githubLogin,
        actor: change.actor,
      });
      options.onLinked?.(change);
    },
    onUnlinked: (change) => {
      events.publish({
        type: 'link-changed',
        discordUserId: change.discordUserId,
        githubLogin: null,
        actor: change.actor,
      });
      options.onUnlinked?.(change);
    },
    ...(options.now ? { now: options.now } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const sessions = new DashboardSessions({
    settings,
    secrets: options.secrets,
    flows,
    logger,
    ...(options.now ? { now: options.now } : {}),
  });
  const refreshJob = new TokenRefreshJob(
    [
      { name: 'discord admin sign-in', refresh: () => auth.refreshTokens() },
      { name: 'dashboard sessions', refresh: () => sessions.refreshAll() },
    ],
    logger.child('oauth'),
  );
  const publicRoutes = createPublicRoutes({
    settings,
    flows,
    links,
    dashboard: sessions,
    logger,
  });
  return {
    flows,
    auth,
    links,
    refreshJob,
    sessions,
    handlerDeps: { auth, links, sessions },
    publicRoutes,
    publicBaseUrl: () => settings.get().publicBaseUrl,
    start: () => refreshJob.start(),
    stop: async () => {
      links.stop();
      sessions.stop();
      await refreshJob.stop();
      await flows.stop();
    },
  };
}
