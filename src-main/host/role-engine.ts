// Wires the role engine into the host in one place: the sync service (the bot's SyncPort and
// AuditPort), voice stats, the GitHub org reader and the scheduler with its jobs, plus the
// AdminApi handler dependencies. createHost calls this and adds a few lines.
import type { Client } from 'discord.js';
import { botGuilds, ensureRoles } from '../../src-bot/sync/guild-directory.js';
import { watchMemberTriggers } from '../../src-bot/sync/member-triggers.js';
import type { VoiceStatsPort } from '../../src-bot/ports.js';
import type { RenameLimit } from '../../src-bot/voice-stats/rename-budget.js';
import type { Health } from '../api/contract.js';
import type { EventHub } from '../api/event-hub.js';
import type { RolesHandlerDeps } from '../api/handlers/roles.js';
import type { SyncHandlerDeps } from '../api/handlers/sync.js';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { SchedulerClock } from '../scheduler/clock.js';
import type { CrawlJob } from '../scheduler/crawl-job.js';
import { GitHubOrgReader } from '../scheduler/github-reader.js';
import { Scheduler, type RefreshJobSpec } from '../scheduler/scheduler.js';
import type { SecretStore } from '../secrets/types.js';
import type { ContributionIndex } from '../stats/contribution-index.js';
import type { Store } from '../store/index.js';
import { schedulerHooks } from './scheduler-hooks.js';
import { SyncService } from './sync-service.js';
import { VoiceStatsService, voiceStatsPort } from './voice-stats-service.js';

export interface RoleEngineOptions {
  store: Store;
  secrets: SecretStore;
  crawls: CrawlJob;
  indexFor: (org: string) => ContributionIndex;
  client: () => Client | null;
  events: EventHub;
  logger: Logger;
  userAgent: string;
  /** Called whenever scheduler or sync state changes (the host republishes health). */
  onChange: () => void;
  /**
   * Whether the engine listens for member join and leave itself. The host's bot already passes
   * them to `BotPorts.sync`, so the host turns this off; a bare engine (tests) keeps it.
   */
  watchMembers?: boolean;
  /** Tests: a movable clock for the scheduler, and Discord's rename limit as the simulator sets it. */
  schedulerClock?: SchedulerClock;
  renameLimit?: RenameLimit;
}

export interface RoleEngine {
  sync: SyncService;
  voiceStats: VoiceStatsService;
  scheduler: Scheduler;
  /** For BotPorts: `voiceStats` (the bot's /setup_voice_stats). */
  voiceStatsPort: VoiceStatsPort;
  handlers: { roles: RolesHandlerDeps; sync: SyncHandlerDeps };
  /** Refresh jobs from the OAuth side (`scheduler.registerRefreshJob`). */
  registerRefreshJob(spec: RefreshJobSpec): void;
  /** The bot's client changed (ready, stopped): member join/leave triggers follow it. */
  onBotStatus(): void;
  /** Guilds, mappings or settings changed. */
  reconcile(): void;
  schedulerHealth(base: {
    stopped: boolean;
    crawlRunning: boolean;
    crawlLastRunAt: string | null;
  }): Health['scheduler'];
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createRoleEngine(options: RoleEngineOptions): RoleEngine {
  const { store, logger } = options;
  const reader = new GitHubOrgReader({
    settings: store.settings,
    secrets: options.secrets,
    logger,
    userAgent: options.userAgent,
  });
  const sync = new SyncService({
    store,
    indexFor: options.indexFor,
    client: options.client,
    events: options.events,
    logger,
    onActivity: options.onChange,
  });
  const voiceStats = new VoiceStatsService({
    store,
    indexFor: options.indexFor,
    repoFacts: (org) => reader.repoFacts(org),
    client: options.client,
    logger,
    ...(options.renameLimit ? { renameLimit: options.renameLimit } : {}),
  });
  const hooks = schedulerHooks({ store, crawls: options.crawls, reader, sync, voiceStats, logger });
  const scheduler = new Scheduler({
    settings: store.settings,
    hooks,
    logger: logger.child('scheduler'),
    ...(options.schedulerClock ? { clock: options.schedulerClock } : {}),
  });
  scheduler.onChange(options.onChange);

  let watched: { client: Client; stop: () => void } | null = null;
  const audit = (entry: Parameters<RolesHandlerDeps['audit']>[0]) =>
    store.history.appendAudit({ at: new Date().toISOString(), ...entry });

  return {
    sync,
    voiceStats,
    scheduler,
    voiceStatsPort: voiceStatsPort(voiceStats, logger),
    handlers: {
      roles: {
        guilds: store.guilds,
        mappings: store.mappings,
        botGuilds: () => {
          const client = options.client();
          return client ? botGuilds(client) : [];
        },
        ensureRoles: async (guildId, wanted, create) => {
          const client = options.client();
          if (!client && create)
            throw new GitGuildError(
              'upstream_failed',
              'The bot is not connected, so missing roles cannot be created.',
              { hint: 'Check the bot status, or apply the preset without creating roles.' },
            );
          if (!client) return { ids: new Map(), created: [], missing: wanted.map((w) => w.name) };
          return ensureRoles(client, guildId, wanted, { create, reason: 'GitGuild preset' });
        },
        onChanged: () => scheduler.reconcile(),
        audit,
      },
      sync: { sync, history: store.history, scheduler, voiceStats },
    },
    registerRefreshJob: (spec) => scheduler.registerRefreshJob(spec),
    onBotStatus() {
      if (options.watchMembers === false) return;
      const client = options.client();
      if (watched?.client === client) return;
      watched?.stop();
      watched = client
        ? {
            client,
            stop: watchMemberTriggers(client, sync, (id) => store.guilds.get(id)?.enabled ?? false),
          }
        : null;
    },
    reconcile: () => scheduler.reconcile(),
    schedulerHealth(base) {
      const status = scheduler.status();
      const lastRuns = [base.crawlLastRunAt, ...status.jobs.map((j) => j.lastRunAt)]
        .filter((t): t is string => t !== null)
        .sort();
      const failing = status.jobs.some((j) => j.failures > 0);
      return {
        state: base.stopped
          ? 'stopped'
          : base.crawlRunning || status.running || sync.isRunning
            ? 'running'
            : failing
              ? 'error'
              : 'idle',
        lastRunAt: lastRuns.at(-1) ?? null,
        nextRunAt: status.paused ? null : status.nextRunAt,
        paused: status.paused,
        jobs: status.jobs,
      };
    },
    async start() {
      await sync.start();
      scheduler.start();
    },
    async stop() {
      scheduler.stop();
      watched?.stop();
      watched = null;
      await sync.stop();
      voiceStats.dispose();
      await scheduler.idle();
    },
  };
}
