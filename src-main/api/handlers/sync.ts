// sync.*, audit.*, scheduler.* and voiceStats.setup: thin doors onto the host's sync service,
// history, scheduler and voice stats. CSV exports return the text; the transport saves it.
import type { RunRequest, SyncService } from '../../host/sync-service.js';
import type { VoiceStatsService } from '../../host/voice-stats-service.js';
import { auditCsv, syncRunsCsv } from '../../roles/history-csv.js';
import type { Scheduler } from '../../scheduler/scheduler.js';
import type { HistoryRepository } from '../../store/repositories.js';
import type { HandlersFor } from '../handler-types.js';
import { actorOf } from '../caller.js';

export interface SyncHandlerDeps {
  sync: Pick<SyncService, 'requestRun' | 'preview' | 'status'>;
  history: HistoryRepository;
  scheduler: Pick<Scheduler, 'status' | 'pause' | 'resume'>;
  voiceStats: Pick<VoiceStatsService, 'setup'>;
  now?: () => Date;
}

type Methods =
  | 'sync.preview'
  | 'sync.run'
  | 'sync.status'
  | 'sync.history'
  | 'sync.exportHistoryCsv'
  | 'audit.list'
  | 'audit.exportCsv'
  | 'scheduler.status'
  | 'scheduler.pause'
  | 'scheduler.resume'
  | 'voiceStats.setup';

const EXPORT_LIMIT = 100_000;

export function syncHandlers(deps: SyncHandlerDeps): HandlersFor<Methods> {
  const now = deps.now ?? (() => new Date());
  const stamp = () => now().toISOString().slice(0, 10);
  return {
    'sync.preview': async ({ guildId, mappings }) => deps.sync.preview(guildId, mappings),
    'sync.run': async ({ guildId, dryRun, full, confirm }, { caller }) => {
      const request: RunRequest = {
        guildId,
        dryRun,
        full,
        confirm,
        trigger: 'manual',
        actor: actorOf(caller),
      };
      return deps.sync.requestRun(request);
    },
    'sync.status': async (input) => deps.sync.status(input?.guildId),
    'sync.history': async ({ guildId, limit, offset }) => ({
      runs: deps.history.syncRuns({ kind: 'sync', limit, offset, ...(guildId ? { guildId } : {}) }),
    }),
    'sync.exportHistoryCsv': async (input) => ({
      filename: `gitguild-sync-runs-${stamp()}.csv`,
      csv: syncRunsCsv(
        deps.history.syncRuns({
          limit: EXPORT_LIMIT,
          ...(input?.guildId ? { guildId: input.guildId } : {}),
        }),
      ),
    }),
    'audit.list': async ({ guildId, runId, memberId, limit, offset }) => ({
      entries: deps.history.audit({
        limit,
        offset,
        ...(guildId ? { guildId } : {}),
        ...(runId ? { runId } : {}),
        ...(memberId ? { memberId } : {}),
      }),
    }),
    'audit.exportCsv': async (input) => ({
      filename: `gitguild-audit-${stamp()}.csv`,
      csv: auditCsv(
        deps.history.audit({
          limit: EXPORT_LIMIT,
          ...(input?.guildId ? { guildId: input.guildId } : {}),
          ...(input?.runId ? { runId: input.runId } : {}),
        }),
      ),
    }),
    'scheduler.status': async () => deps.scheduler.status(),
    'scheduler.pause': async () => deps.scheduler.pause(),
    'scheduler.resume': async () => deps.scheduler.resume(),
    'voiceStats.setup': async ({ guildId }) => deps.voiceStats.setup(guildId),
  };
}
