// Real handlers over real parts for unit tests: a store in a temp dir, a memory SecretStore, the
// host's crawl job and index cache. Nothing of ours is mocked; each test gets a fresh data dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventHub } from '../../../src-main/api/event-hub.js';
import { createAdminHandlers, type AdminHandlers } from '../../../src-main/api/handlers.js';
import { inProcessRenderer } from '../../../src-main/charts/chart-renderer.js';
import { createBotPorts } from '../../../src-main/host/bot-ports.js';
import { BotRunner } from '../../../src-main/host/bot-runner.js';
import { ContributionIndexes } from '../../../src-main/host/contribution-indexes.js';
import { createOAuthServices } from '../../../src-main/host/oauth-services.js';
import { createRoleEngine, type RoleEngine } from '../../../src-main/host/role-engine.js';
import { createLogger, memorySink, type LogRecord } from '../../../src-main/log/logger.js';
import { CrawlJob } from '../../../src-main/scheduler/crawl-job.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import type { SecretAccount, SecretStore } from '../../../src-main/secrets/types.js';
import { openStore, type Store } from '../../../src-main/store/index.js';
import { sampleHealth } from './sample-health.js';

export interface HandlerFixture {
  dir: string;
  store: Store;
  secrets: SecretStore;
  handlers: AdminHandlers;
  crawls: CrawlJob;
  bot: BotRunner;
  logs: LogRecord[];
  secretChanges: SecretAccount[];
  settingsChanges: number;
  close(): Promise<void>;
}

export async function handlerFixture(
  options: { secrets?: SecretStore; now?: () => Date } = {},
): Promise<HandlerFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'gitguild-handlers-'));
  const sink = memorySink(10_000);
  const logger = createLogger('test', { level: 'debug', sinks: [sink] });
  const store = await openStore({ dataDir: dir, logger });
  const secrets = options.secrets ?? (await openSecretStore({ backend: 'memory', logger }));
  const crawls = new CrawlJob({
    settings: store.settings,
    contributions: store.contributions,
    secrets,
    logger,
    userAgent: 'GitGuild-test',
  });
  const indexes = new ContributionIndexes(store.contributions);
  // The role engine without a bot: handlers that need Discord say the bot is not connected.
  const roleEngine: RoleEngine = createRoleEngine({
    store,
    secrets,
    crawls,
    indexFor: (org) => indexes.get(org),
    client: () => null,
    events: new EventHub(logger),
    logger,
    userAgent: 'GitGuild-test',
    onChange: () => undefined,
  });
  const oauth = createOAuthServices({
    store,
    secrets,
    events: new EventHub(logger),
    logger,
    mode: 'desktop',
    userAgent: 'GitGuild-test',
  });
  const { ports, stats, renderer } = createBotPorts(
    {
      store,
      indexes,
      logger,
      // Handlers never draw; a chart worker per fixture would only cost start-up time.
      renderer: inProcessRenderer(),
      ...(options.now ? { now: options.now } : {}),
    },
    {
      links: oauth.links,
      sync: roleEngine.sync,
      audit: roleEngine.sync,
      voiceStats: roleEngine.voiceStatsPort,
    },
  );
  const bot = new BotRunner({
    secrets,
    logger,
    ports,
    endpoints: () => ({ apiBaseUrl: store.settings.get().discordApiBaseUrl, gatewayUrl: null }),
    onStatus: () => undefined,
  });
  const fixture: HandlerFixture = {
    dir,
    store,
    secrets,
    crawls,
    bot,
    logs: sink.records,
    secretChanges: [],
    settingsChanges: 0,
    handlers: createAdminHandlers({
      settings: {
        settings: store.settings,
        health: () => sampleHealth,
        onSettingsChanged: () => (fixture.settingsChanges += 1),
      },
      crawl: crawls,
      stats: {
        settings: store.settings,
        contributions: store.contributions,
        indexFor: (org) => indexes.get(org),
        ...(options.now ? { now: options.now } : {}),
      },
      config: { store, onConfigReplaced: () => (fixture.settingsChanges += 1) },
      store: { store },
      hostInfo: { dataDir: dir, mode: 'headless' },
      secrets: {
        secrets,
        logger,
        onSecretChanged: (account) => fixture.secretChanges.push(account),
      },
      roles: roleEngine.handlers.roles,
      sync: roleEngine.handlers.sync,
      bot,
      charts: { settings: store.settings, statsFor: (org) => stats.get(org) },
      auth: oauth.handlerDeps,
      members: { store, indexFor: (org) => indexes.get(org), snapshot: async () => null },
    }),
    async close() {
      await crawls.stop();
      await roleEngine.stop();
      await oauth.stop();
      await bot.stop();
      await renderer.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}
