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
import { BotRunner } from './bot-runner.js';
import { ContributionIndexes } from './contribution-indexes.js';
import type { Host, HostMode } from './host.js';
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
      bot: bot.detail === undefined ? { state: bot.state, guilds: bot.guilds } : bot,
      // Timed runs arrive with the scheduler issue; until then only "Crawl now" runs the crawl job.
      scheduler: {
        state: state === 'stopped' ? 'stopped' : crawls.isRunning ? 'running' : 'idle',
        lastRunAt: crawls.lastRunAt,
        nextRunAt: null,
      },
      keychain: keychainHealth(secrets),
      store: storeHealth(store),
      uptimeSeconds: Math.max(0, Math.round((now() - startedAt) / 1000)),
    };
  };
  const publishStatus = (): void => events.publish({ type: 'status', health: health() });

  const bots = new BotRunner({
    secrets,
    logger,
    onStatus: (status) => {
      logger.info('bot status', {
        state: status.state,
        guilds: status.guilds,
        detail: status.detail,
      });
      publishStatus();
    },
  });

  const indexes = new ContributionIndexes(store.contributions);
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
    },
    onRunningChange: () => publishStatus(),
  });

  const restartBot = (): void => {
    if (state !== 'started') return;
    bots.start(store.settings.get().discordApiBaseUrl).catch(() => undefined);
  };
  const settingsChanged = (): void => config.onSettingsChanged?.(store.settings.get());
  const handlers = createAdminHandlers({
    settings: {
      settings: store.settings,
      health,
      onSettingsChanged: (settings) => {
        bots.applyBaseUrl(settings.discordApiBaseUrl).catch(() => undefined);
        settingsChanged();
      },
    },
    crawl: crawls,
    stats: {
      settings: store.settings,
      contributions: store.contributions,
      indexFor: (org) => indexes.get(org),
    },
    config: {
      store,
      onConfigReplaced: () => {
        bots.applyBaseUrl(store.settings.get().discordApiBaseUrl).catch(() => undefined);
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
    secrets: {
      secrets,
      logger,
      onSecretChanged: (account) => {
        // The bot reads its token only when it starts: a new or removed token means a restart.
        if (account === 'discord.botToken') restartBot();
        publishStatus();
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
      if (!configRefused) await bots.start(store.settings.get().discordApiBaseUrl);
      publishStatus();
    },
    async stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      // The crawl goes first: it writes contributions, and the store must outlive its last write.
      await crawls.stop();
      await bots.stop();
      await store.close();
      logger.info('host stopped');
    },
  };
}
