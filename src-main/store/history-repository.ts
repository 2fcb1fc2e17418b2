// Sync runs and audit entries (history.json). The file is capped so it stays small; entries that
// fall off are rotated into `history-archive-<time>.json` files, of which the newest few are kept.
import { readdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import type { HistoryFile } from './file-schemas.js';
import type { HistoryRepository } from './repositories.js';
import type { StoreFile } from './store-file.js';
import { AuditEntrySchema, SyncRunSchema } from './types.js';
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
      JSON.stringify({ schemaVersion: 1, ...dropped }),
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

  return {
    recordSyncRun: async (input) => {
      const run = validateInput(SyncRunSchema, input, 'sync run');
      return change((data) => {
        const exists = data.syncRuns.some((r) => r.id === run.id);
        return {
          ...data,
          syncRuns: exists
            ? data.syncRuns.map((r) => (r.id === run.id ? run : r))
            : [...data.syncRuns, run],
        };
      });
    },
    syncRuns: (options = {}) => {
      const runs = file.data.syncRuns.filter(
        (r) => options.guildId === undefined || r.guildId === options.guildId,
      );
      return runs
        .slice(Math.max(0, runs.length - (options.limit ?? runs.length)))
        .reverse()
        .map((r) => structuredClone(r));
    },
    appendAudit: async (input) => {
      const entry = validateInput(AuditEntrySchema, input, 'audit entry');
      return change((data) => ({ ...data, audit: [...data.audit, entry] }));
    },
    audit: (options = {}) => {
      const entries = file.data.audit;
      return entries
        .slice(Math.max(0, entries.length - (options.limit ?? entries.length)))
        .reverse()
        .map((e) => structuredClone(e));
    },
  };
}
