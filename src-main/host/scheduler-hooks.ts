// What the scheduler's jobs do in this host: a guild's job crawls its org when the last crawl is
// older than half the guild's interval (the crawl job is shared and single-flight), reads the
// org's members and the teams its mappings name, syncs the guild and refreshes its voice stats.
import type { CrawlJob } from '../scheduler/crawl-job.js';
import type { GitHubOrgReader } from '../scheduler/github-reader.js';
import type { SchedulerHooks } from '../scheduler/scheduler.js';
import { needsDirectory, teamsOf } from '../roles/conditions.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/index.js';
import type { SyncService } from './sync-service.js';
import type { VoiceStatsService } from './voice-stats-service.js';

export interface SchedulerHookDeps {
  store: Store;
  crawls: CrawlJob;
  reader: GitHubOrgReader;
  sync: SyncService;
  voiceStats: VoiceStatsService;
  logger: Logger;
  now?: () => number;
}

export function schedulerHooks(deps: SchedulerHookDeps): SchedulerHooks & {
  refreshDirectory(guildId: string): Promise<void>;
} {
  const { store, crawls, logger } = deps;
  const now = deps.now ?? Date.now;
  const log = logger.child('scheduler');

  const crawlIfStale = async (org: string, maxAgeMs: number): Promise<void> => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const last = store.contributions.lastCrawl(org);
      if (last && now() - Date.parse(last.finishedAt) < maxAgeMs) return;
      const started = await crawls.run(org);
      // Another crawl was running: wait for it, then look again (it may have covered this org).
      await crawls.whenIdle();
      if (started.started) return;
    }
  };

  const refreshDirectory = async (guildId: string): Promise<void> => {
    const guild = store.guilds.get(guildId);
    if (!guild?.org) return;
    const mappings = store.mappings.list(guildId).filter((m) => m.enabled);
    if (!mappings.some((m) => needsDirectory(m.condition))) return;
    const teams = [...new Set(mappings.flatMap((m) => teamsOf(m.condition)))];
    const directory = await deps.reader.directory(guild.org, teams);
    const key = guild.org.toLowerCase();
    await store.history.updateSyncState((s) => ({
      ...s,
      directory: {
        ...s.directory,
        [key]: { fetchedAt: new Date(now()).toISOString(), ...directory },
      },
    }));
  };

  return {
    guilds: () =>
      store.guilds
        .list()
        .filter((g) => g.enabled)
        .map((g) => ({
          id: g.id,
          name: g.name,
          org: g.org,
          intervalMinutes: g.syncIntervalMinutes,
        })),
    orgs: () => store.settings.get().githubOrgs,
    crawlOrg: (org) => crawlIfStale(org, 0),
    async syncGuild(guildId) {
      const guild = store.guilds.get(guildId);
      if (!guild?.enabled) return;
      if (guild.org) {
        // Stale data still syncs: a failed crawl is reported by the crawl job, not here.
        await crawlIfStale(guild.org, (guild.syncIntervalMinutes * 60_000) / 2).catch((error) =>
          log.warn('crawl before sync failed', { guildId, error }),
        );
        await refreshDirectory(guildId).catch((error) =>
          log.warn('could not read org members and teams', { guildId, error }),
        );
      }
      await deps.sync.scheduledRun(guildId);
      await deps.voiceStats
        .refresh(guildId)
        .catch((error) => log.warn('voice stats refresh failed', { guildId, error }));
    },
    lastRunOf(jobId) {
      const [kind, id] = jobId.split(':') as [string, string];
      if (kind === 'guild-sync') {
        const run = store.history
          .syncRuns({ guildId: id, kind: 'sync', limit: 100 })
          .find((r) => r.trigger === 'schedule');
        return run ? Date.parse(run.startedAt) : null;
      }
      if (kind === 'org-crawl') {
        const org = store.settings.get().githubOrgs.find((o) => o.toLowerCase() === id);
        const last = org ? store.contributions.lastCrawl(org) : undefined;
        // An org no guild follows is crawled the first time by hand (Stats → Crawl now), where
        // the admin sees it happen; timed crawls take over from there.
        return last ? Date.parse(last.finishedAt) : now();
      }
      return null;
    },
    refreshDirectory,
  };
}
