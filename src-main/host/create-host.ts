// The composition root, shared by Electron and the headless server: opens the store and the
// SecretStore, runs the bot, and exposes the AdminApi handlers and event stream over them.
// Transports (IPC, HTTP) receive the returned Host and add nothing but their own checks.
import type { Health } from '../api/contract.js';
import { EventHub } from '../api/event-hub.js';
import { createAdminHandlers } from '../api/handlers.js';
import type { Logger } from '../log/logger.js';
import { openSecretStore, type OpenSecretStoreOptions } from '../secrets/index.js';
import type { SecretStore } from '../secrets/types.js';
import { CrawlJob } from '../scheduler/crawl-job.js';
import { openStore, publicStoreProblem, type Store } from '../store/index.js';
import type { Settings } from '../store/types.js';
import { createBotPorts } from './bot-ports.js';
import { BotRunner, type BotRunnerOptions } from './bot-runner.js';
import { ContributionIndexes } from './contribution-indexes.js';
import { createRoleEngine, type RoleEngineOptions } from './role-engine.js';
import type { Host, HostMode } from './host.js';
import { TOKEN_REFRESH_MINUTES } from '../oauth/token-refresh-job.js';
import { readGuildSnapshot } from '../../src-bot/sync/snapshot.js';
import { createOAuthServices, type OAuthServicesOptions } from './oauth-services.js';
import { StatsSnapshots } from './stats-snapshots.js';
import { APP_VERSION, runtimeVersions } from './versions.js';

export interface HostConfig {
  mode: HostMode;
  dataDir: string;
  logger: Logger;
  /**
   * How to open the SecretStore, or one already opened (the demo seeds a memory store first).
   * There is no default on purpose: desktops pass keytar, servers pass env.
   */
  secrets: Omit<OpenSecretStoreOptions, 'logger'> | { store: SecretStore };
  /** Shorter crawl waits for tests (settle window, rate-limit and retry waits). */
  crawlTuning?: { settleMs?: number; maxRateLimitWaitMs?: number; retryBaseDelayMs?: number };
  /** Injected for tests of uptime; defaults to the wall clock. */
  now?: () => number;
  /** Tests: the scheduler's clock and Discord's channel rename limit as the simulator sets it. */
  roleEngine?: Pick<RoleEngineOptions, 'schedulerClock' | 'renameLimit'>;
  /** Bot tuning for tests and benchmarks (defer timer, answer counting). */
  bot?: BotRunnerOptions['bot'];
  /** Opens the system browser for OAuth sign-in (Electron: `shell.openExternal`); headless: none. */
  openExternal?: (url: string) => Promise<void>;
  /** Tests: virtual time for OAuth device-flow polling. */
  oauthTiming?: Pick<OAuthServicesOptions, 'now' | 'sleep'>;
  /** Called after settings change (update, import, restore); the desktop applies launch at login. */
  onSettingsChanged?: (settings: Settings) => void;
}

function storeHealth(store: Store): Health['store'] {
  const status = store.status;
  if (status.ok) return { ok: true };
  // Health is answered without a token: say which kind of file, never where it is.
  return { ok: false, problem: status.problems.map(publicStoreProblem).join(' ') };
}

function keychainHealth(secrets: SecretStore): Health['keychain'] {
  const { available, backend, problem } = secrets.status();
  return problem ? { available, backend, problem } : { available, backend };
}

export async function createHost(config: HostConfig): Promise<Host> {
  const logger = config.logger;
  const now = config.now ?? Date.now;
  const startedAt = now();
  const events = new EventHub(logger.child('events'));

  const store = await openStore({ dataDir: config.dataDir, logger });
  let secrets: SecretStore;
  try {
    secrets =
      'store' in config.secrets
        ? config.secrets.store
        : await openSecretStore({ ...config.secrets, logger });
  } catch (error) {
    await store.close();
    throw error;
  }

  let state: 'created' | 'started' | 'stopped' = 'created';
  const health = (): Health => {
    const bot = bots.status;
    return {
      app: { name: 'GitGuild', version: APP_VERSION },
      versions: runtimeVersions(),
      mode: config.mode,
      bot,
      scheduler: roles.schedulerHealth({
        stopped: state === 'stopped',
        crawlRunning: crawls.isRunning,
        crawlLastRunAt: crawls.lastRunAt,
      }),
      keychain: keychainHealth(secrets),
      store: storeHealth(store),
      uptimeSeconds: Math.max(0, Math.round((now() - startedAt) / 1000)),
    };
  };
  const publishStatus = (): void => events.publish({ type: 'status', health: health() });

  const indexes = new ContributionIndexes(store.contributions);
  const snapshots = new StatsSnapshots((org) => indexes.get(org));
  // The stats snapshot of an org is computed once per crawl (seconds for a large org). Doing it
  // just after the crawl, and after start, spares the first Stats page or /getstats that wait.
  const warmStats = (orgs: readonly string[]): void => {
    setTimeout(() => {
      for (const org of orgs) {
        if (state !== 'started') return;
        const started = Date.now();
        try {
          snapshots.get(org, store.settings.get().timeZone);
          logger.debug('stats snapshot ready', { org, ms: Date.now() - started });
        } catch (error) {
          logger.warn('stats snapshot could not be computed', { org, error });
        }
      }
    }, 0).unref?.();
  };
  const crawls = new CrawlJob({
    settings: store.settings,
    contributions: store.contributions,
    secrets,
    logger,
    userAgent: `GitGuild/${APP_VERSION}`,
    ...(config.crawlTuning ? { crawlTuning: config.crawlTuning } : {}),
    onProgress: (p) => {
      const budget =
        p.rateLimitRemaining === null
          ? 'rate limit unknown'
          : `${p.rateLimitRemaining} requests left in the rate limit`;
      events.publish({
        type: 'progress',
        job: 'crawl',
        done: p.reposDone,
        total: p.reposTotal,
        detail: `${p.org}: ${p.requests} requests, ${budget}`,
      });
    },
    onFinished: (org, summary, error) => {
      indexes.invalidate(org);
      events.publish({ type: 'crawl-finished', summary, error });
      warmStats([org]);
    },
    onRunningChange: () => publishStatus(),
  });

  const roles = createRoleEngine({
    store,
    secrets,
    crawls,
    indexFor: (org) => indexes.get(org),
    client: () => bots.client,
    events,
    logger,
    userAgent: `GitGuild/${APP_VERSION}`,
    onChange: () => publishStatus(),
    // The bot passes member join and leave to BotPorts.sync.
    watchMembers: false,
    ...config.roleEngine,
  });

  // Sign-in, /link and its LinkPort. A link or unlink re-plans that member's roles everywhere.
  const oauth = createOAuthServices({
    ...{ store, secrets, events, logger, mode: config.mode, userAgent: `GitGuild/${APP_VERSION}` },
    ...(config.openExternal ? { openExternal: config.openExternal } : {}),
    onLinked: (change) => roles.sync.syncUser(change.discordUserId, 'link'),
    onUnlinked: (change) => roles.sync.syncUser(change.discordUserId, 'unlink'),
    ...config.oauthTiming,
  });
  // Token refresh runs as one of the scheduler's jobs: paused with it, caught up after a sleep.
  roles.registerRefreshJob({
    id: oauth.refreshJob.name,
    label: 'OAuth token refresh',
    intervalMinutes: TOKEN_REFRESH_MINUTES,
    run: async () => {
      await oauth.refreshJob.run();
    },
  });

  const {
    ports: botPorts,
    stats: orgStats,
    renderer: charts,
  } = createBotPorts(
    { store, indexes, snapshots, logger },
    {
      links: oauth.links,
      sync: roles.sync,
      audit: roles.sync,
      voiceStats: roles.voiceStatsPort,
    },
  );
  const bots = new BotRunner({
    secrets,
    logger,
    ports: botPorts,
    endpoints: () => {
      const settings = store.settings.get();
      return {
        apiBaseUrl: settings.discordApiBaseUrl,
        gatewayUrl: settings.discordGatewayUrl || null,
      };
    },
    ...(config.bot ? { bot: config.bot } : {}),
    onStatus: (status) => {
      logger.info('bot status', {
        state: status.state,
        guilds: status.guilds,
        detail: status.detail,
        reason: status.reason,
      });
      roles.onBotStatus();
      publishStatus();
    },
  });
  const restartBot = (): void => {
    if (state !== 'started') return;
    bots.start().catch(() => undefined);
  };
  // A guild the admin starts managing gets its commands and member cache now, not at the bot's
  // next start; edits that leave the managed guilds as they were leave the bot alone.
  let managedGuilds = botPorts.guilds.managedGuildIds().sort().join(',');
  const refreshManagedGuilds = (always: boolean): void => {
    const managed = botPorts.guilds.managedGuildIds().sort().join(',');
    if (!always && managed === managedGuilds) return;
    managedGuilds = managed;
    bots.refreshManagedGuilds().catch(() => undefined);
  };
  const settingsChanged = (): void => config.onSettingsChanged?.(store.settings.get());
  const handlers = createAdminHandlers({
    settings: {
      settings: store.settings,
      health,
      onSettingsChanged: () => {
        bots.applyEndpoints().catch(() => undefined);
        roles.reconcile();
        settingsChanged();
      },
    },
    crawl: crawls,
    stats: {
      settings: store.settings,
      contributions: store.contributions,
      indexFor: (org) => indexes.get(org),
      snapshotFor: (org, settings) => snapshots.get(org, settings.timeZone),
    },
    config: {
      store,
      onConfigReplaced: () => {
        bots.applyEndpoints().catch(() => undefined);
        refreshManagedGuilds(true);
        roles.reconcile();
        settingsChanged();
        publishStatus();
      },
    },
    store: {
      store,
      onRestored: () => {
        settingsChanged();
        publishStatus();
      },
      onDiscarded: () => {
        indexes.invalidateAll();
        publishStatus();
      },
    },
    hostInfo: { dataDir: config.dataDir, mode: config.mode },
    secrets: {
      secrets,
      logger,
      onSecretChanged: (account) => {
        // The bot reads its token only when it starts: a new or removed token means a restart.
        if (account === 'discord.botToken') restartBot();
        publishStatus();
      },
    },
    roles: {
      ...roles.handlers.roles,
      onChanged: () => {
        roles.handlers.roles.onChanged();
        refreshManagedGuilds(false);
      },
    },
    sync: roles.handlers.sync,
    bot: bots,
    charts: { settings: store.settings, statsFor: (org) => orgStats.get(org) },
    auth: oauth.handlerDeps,
    members: {
      store,
      indexFor: (org) => indexes.get(org),
      snapshot: async (guildId) => {
        const client = bots.client;
        return client ? (await readGuildSnapshot(client, guildId)).snapshot : null;
      },
    },
  });

  return {
    mode: config.mode,
    dataDir: config.dataDir,
    logger,
    events,
    handlers,
    secrets,
    links: store.links,
    rolePorts: { sync: roles.sync, audit: roles.sync, voiceStats: roles.voiceStatsPort },
    scheduler: roles.scheduler,
    bot: bots,
    linkPort: oauth.links,
    oauth,
    health,
    async start() {
      if (state !== 'created') return;
      state = 'started';
      logger.info('host started', {
        mode: config.mode,
        dataDir: config.dataDir,
        keychainBackend: secrets.status().backend,
        storeOk: store.status.ok,
      });
      // A refused config file reads as defaults; the bot waits rather than follow a guessed base URL.
      const status = store.status;
      const configRefused = !status.ok && status.problems.some((p) => p.kind === 'config');
      if (!configRefused) await bots.start();
      await roles.start();
      publishStatus();
      warmStats(store.settings.get().githubOrgs);
    },
    async stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      // The crawl goes first: it writes contributions, and the store must outlive its last write.
      await crawls.stop();
      await roles.stop();
      await oauth.stop();
      await bots.stop();
      await charts.close();
      await store.close();
      logger.info('host stopped');
    },
  };
}
