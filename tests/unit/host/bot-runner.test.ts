import { describe, expect, it } from 'vitest';
import type { BotStatus } from '../../../src-bot/ports.js';
import { inProcessRenderer } from '../../../src-main/charts/chart-renderer.js';
import { createBotPorts } from '../../../src-main/host/bot-ports.js';
import { BotRunner, type BotRunnerOptions } from '../../../src-main/host/bot-runner.js';
import { EventHub } from '../../../src-main/api/event-hub.js';
import { ContributionIndexes } from '../../../src-main/host/contribution-indexes.js';
import { SyncService } from '../../../src-main/host/sync-service.js';
import { VoiceStatsService, voiceStatsPort } from '../../../src-main/host/voice-stats-service.js';
import { MemberLinkService } from '../../../src-main/oauth/member-links.js';
import { OAuthFlows } from '../../../src-main/oauth/oauth-flows.js';
import { createLogger, memorySink, type Logger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import { tempDataDir } from '../store/temp-data-dir.js';
import { inMemorySecrets } from '../web/in-memory-secrets.js';

let endpoint = { apiBaseUrl: 'http://127.0.0.1:9/api', gatewayUrl: null as string | null };

async function runner(
  options: Partial<BotRunnerOptions> & { logger?: Logger } = {},
): Promise<{ runner: BotRunner; statuses: BotStatus[] }> {
  const logger = options.logger ?? createLogger('t', { sinks: [] });
  const store = await openStore({ dataDir: await tempDataDir(), logger });
  const indexes = new ContributionIndexes(store.contributions);
  // The host's own services; the bot never gets far enough here to call them.
  const sync = new SyncService({
    store,
    indexFor: (org) => indexes.get(org),
    client: () => null,
    events: new EventHub(logger),
    logger,
  });
  const voiceStats = new VoiceStatsService({
    store,
    indexFor: (org) => indexes.get(org),
    repoFacts: () => Promise.reject(new Error('no GitHub in this test')),
    client: () => null,
    logger,
  });
  const links = new MemberLinkService({
    links: store.links,
    settings: store.settings,
    secrets: inMemorySecrets(),
    flows: new OAuthFlows({ logger }),
    logger,
    userAgent: 'GitGuild-test',
  });
  const { ports } = createBotPorts(
    { renderer: inProcessRenderer(), store, indexes, logger },
    { links, sync, audit: sync, voiceStats: voiceStatsPort(voiceStats, logger) },
  );
  const statuses: BotStatus[] = [];
  return {
    statuses,
    runner: new BotRunner({
      secrets: inMemorySecrets(),
      ports,
      endpoints: () => endpoint,
      onStatus: (s) => statuses.push(s),
      ...options,
      logger,
    }),
  };
}

describe('BotRunner', () => {
  it('stays not_configured, with a hint, when no bot token is stored', async () => {
    const { runner: bot, statuses } = await runner();
    await bot.start();
    expect(bot.status.state).toBe('not_configured');
    expect(bot.status.detail).toMatch(/Settings → Secrets/);
    expect(statuses.at(-1)?.state).toBe('not_configured');
  });

  it('treats an unavailable keychain as no token instead of failing', async () => {
    const secrets = inMemorySecrets(
      { available: false, backend: 'keytar', writable: false, problem: 'no Secret Service' },
      { 'discord.botToken': 'would-not-be-readable' },
    );
    const { runner: bot } = await runner({ secrets });
    await bot.start();
    expect(bot.status.state).toBe('not_configured');
  });

  it('logs and survives a secret store that throws on read', async () => {
    const sink = memorySink();
    const secrets = {
      ...inMemorySecrets(),
      get: async () => Promise.reject(new Error('keychain locked')),
    };
    const { runner: bot } = await runner({
      secrets,
      logger: createLogger('t', { sinks: [sink] }),
    });
    await bot.start();
    expect(bot.status.state).toBe('not_configured');
    expect(
      sink.records.some((r) => r.level === 'warn' && r.msg === 'could not read the bot token'),
    ).toBe(true);
  });

  it('does not restart a bot that is not running when the endpoints change', async () => {
    const { runner: bot, statuses } = await runner();
    await bot.start();
    const before = statuses.length;
    endpoint = { ...endpoint, apiBaseUrl: 'http://127.0.0.1:10/api' };
    await bot.applyEndpoints();
    expect(statuses.length).toBe(before);
  });

  it('holds an admin stop until an admin starts the bot again', async () => {
    const { runner: bot } = await runner();
    await bot.adminStop();
    expect(bot.status).toMatchObject({
      state: 'stopped',
      detail: expect.stringMatching(/Start it again/),
    });
    // A host restart or a token change calls start(): the admin's stop wins.
    await bot.start();
    expect(bot.status.state).toBe('stopped');
    await bot.adminStart();
    expect(bot.status.state).toBe('not_configured');
  });

  it('has no client and calls no ready listener while the bot is not connected', async () => {
    const { runner: bot } = await runner();
    const seen: unknown[] = [];
    const off = bot.onReady((client) => seen.push(client));
    await bot.start();
    expect(bot.client).toBeNull();
    expect(seen).toEqual([]);
    off();
  });
});
