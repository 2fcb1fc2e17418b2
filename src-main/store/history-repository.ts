// Sync runs, audit entries and the sync engine's state (history.json). The file is capped so it
// stays small; entries that fall off are rotated into `history-archive-<time>.json` files, of
// which the newest few are kept. A sync run writes the file a handful of times, not once per
// change: its audit entries and state go in with the run's record in one atomic write.
import { readdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import type { HistoryFile } from './file-schemas.js';
import { CURRENT_VERSION } from './migrations/index.js';
import type { AuditQuery, HistoryRepository, RunQuery } from './repositories.js';
import type { StoreFile } from './store-file.js';
import { AuditEntrySchema, SyncRunSchema, SyncStateSchema } from './types.js';
import type { AuditEntry, SyncRun } from './types.js';
import { validateInput } from './validate-input.js';

export interface HistoryLimits {
  maxSyncRuns: number;
  maxAudit: number;
  keepArchives: number;
}
export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  maxSyncRuns: 500,
  maxAudit: 5000,
  keepArchives: 5,
};
const ARCHIVE = /^history-archive-.*\.json$/;

export function createHistoryRepository(
  file: StoreFile<HistoryFile>,
  now: () => Date,
  limits = DEFAULT_HISTORY_LIMITS,
): HistoryRepository {
  const archiveDir = dirname(file.path);

  async function archive(dropped: { syncRuns: SyncRun[]; audit: AuditEntry[] }): Promise<void> {
    if (dropped.syncRuns.length === 0 && dropped.audit.length === 0) return;
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    await writeFileAtomic(
      join(archiveDir, `history-archive-${stamp}.json`),
      JSON.stringify({ schemaVersion: CURRENT_VERSION.history, ...dropped }),
    );
    const archives = (await readdir(archiveDir)).filter((n) => ARCHIVE.test(n)).sort();
    for (const old of archives.slice(0, Math.max(0, archives.length - limits.keepArchives))) {
      await unlink(join(archiveDir, old)).catch(() => undefined);
    }
  }

  /** Rotates by half the cap at once, so archives are written rarely rather than on every entry. */
  function cap<T>(items: T[], max: number): { kept: T[]; dropped: T[] } {
    if (items.length <= max) return { kept: items, dropped: [] };
    const cut = items.length - Math.floor(max / 2);
    return { kept: items.slice(cut), dropped: items.slice(0, cut) };
  }

  async function change(mutate: (data: HistoryFile) => HistoryFile): Promise<void> {
    const dropped = await file.update((data) => {
      const next = mutate(data);
      if (next === data) return { next, result: { syncRuns: [], audit: [] } };
      const runs = cap(next.syncRuns, limits.maxSyncRuns);
      const audit = cap(next.audit, limits.maxAudit);
      return {
        next: { ...next, syncRuns: runs.kept, audit: audit.kept },
        result: { syncRuns: runs.dropped, audit: audit.dropped },
      };
    });
    // Archived after the main write: a crash in between loses only entries that were being dropped.
    await archive(dropped);
  }

  const upsertRun = (runs: SyncRun[], run: SyncRun): SyncRun[] =>
    runs.some((r) => r.id === run.id)
      ? runs.map((r) => (r.id === run.id ? run : r))
      : [...runs, run];

  const matchesRun = (r: SyncRun, q: RunQuery): boolean =>
    (q.guildId === undefined || r.guildId === q.guildId) &&
    (q.kind === undefined || r.kind === q.kind);

  const matchesAudit = (e: AuditEntry, q: AuditQuery): boolean =>
    (q.guildId === undefined || e.guildId === q.guildId) &&
    (q.runId === undefined || e.runId === q.runId) &&
    (q.memberId === undefined || e.memberId === q.memberId);

  function newestFirst<T>(items: T[], limit: number | undefined, offset = 0): T[] {
    const end = Math.max(0, items.length - offset);
    const start = Math.max(0, end - (limit ?? end));
    return items
      .slice(start, end)
      .reverse()
      .map((x) => structuredClone(x));
  }

  return {
    recordSyncRun: async (input) => {
      const run = validateInput(SyncRunSchema, input, 'sync run');
      return change((data) => ({ ...data, syncRuns: upsertRun(data.syncRuns, run) }));
    },
    saveSyncRun: async (input, auditInput, stateChange) => {
      const run = validateInput(SyncRunSchema, input, 'sync run');
      const entries = auditInput.map((e) => validateInput(AuditEntrySchema, e, 'audit entry'));
      return change((data) => {
        const state = stateChange
          ? validateInput(SyncStateSchema, stateChange(structuredClone(data.state)), 'sync state')
          : data.state;
        return {
          ...data,
          syncRuns: upsertRun(data.syncRuns, run),
          audit: [...data.audit, ...entries],
          state,
        };
      });
    },
    syncRuns: (options = {}) =>
      newestFirst(
        file.data.syncRuns.filter((r) => matchesRun(r, options)),
        options.limit,
        options.offset,
      ),
    syncRun: (id) => {
      const run = file.data.syncRuns.find((r) => r.id === id);
      return run && structuredClone(run);
    },
    appendAudit: async (input) => {
      const entry = validateInput(AuditEntrySchema, input, 'audit entry');
      return change((data) => ({ ...data, audit: [...data.audit, entry] }));
    },
    appendAuditMany: async (input) => {
      if (input.length === 0) return;
      const entries = input.map((e) => validateInput(AuditEntrySchema, e, 'audit entry'));
      return change((data) => ({ ...data, audit: [...data.audit, ...entries] }));
    },
    audit: (options = {}) =>
      newestFirst(
        file.data.audit.filter((e) => matchesAudit(e, options)),
        options.limit,
        options.offset,
      ),
    syncState: () => structuredClone(file.data.state),
    readSyncState: (read) => read(file.data.state),
    updateSyncState: async (mutate) =>
      change((data) => {
        const state = validateInput(
          SyncStateSchema,
          mutate(structuredClone(data.state)),
          'sync state',
        );
        return { ...data, state };
      }),
  };
}
