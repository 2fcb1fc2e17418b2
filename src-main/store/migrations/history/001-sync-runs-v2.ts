// history v1 → v2. A v1 sync run had a kind (with `dry_run` as its own kind), one `changes`
// number and problems as plain strings. v2 runs say what triggered them, whether they were dry,
// and count members and roles separately; problems carry a fix. v1 said nothing about triggers
// or the split of `changes`, so old runs read as manual runs whose changes are counted as
// changed members. Audit entries only gained optional fields; the sync state section is new.
import type { JsonObject, Migration } from '../migration.js';
import { isJsonObject } from '../migration.js';

function migrateRun(raw: unknown): unknown {
  if (!isJsonObject(raw)) return raw;
  const { kind, changes, problems, ...rest } = raw;
  const startedAt = typeof rest['startedAt'] === 'string' ? Date.parse(rest['startedAt']) : NaN;
  const finishedAt =
    typeof rest['finishedAt'] === 'string' ? Date.parse(rest['finishedAt']) : Number.NaN;
  const durationMs =
    Number.isFinite(startedAt) && Number.isFinite(finishedAt)
      ? Math.max(0, finishedAt - startedAt)
      : null;
  const changed = typeof changes === 'number' && changes >= 0 ? Math.floor(changes) : 0;
  return {
    ...rest,
    kind: kind === 'dry_run' ? 'sync' : kind,
    trigger: 'manual',
    actor: 'system',
    dryRun: kind === 'dry_run',
    full: false,
    durationMs,
    counts: {
      membersChecked: 0,
      membersChanged: changed,
      membersFailed: 0,
      rolesAdded: 0,
      rolesRemoved: 0,
      writes: 0,
      reads: 0,
    },
    errors: [],
    problems: Array.isArray(problems)
      ? problems.map((p) => (typeof p === 'string' ? { code: 'legacy', message: p, fix: '' } : p))
      : problems,
  };
}

export const syncRunsV2: Migration = {
  from: 1,
  name: 'sync-runs-v2',
  up(v1: JsonObject) {
    const runs = Array.isArray(v1['syncRuns']) ? v1['syncRuns'].map(migrateRun) : [];
    const notes =
      runs.length > 0
        ? [`${runs.length} sync run(s) converted; their triggers read as manual`]
        : [];
    return {
      doc: {
        ...v1,
        syncRuns: runs,
        audit: Array.isArray(v1['audit']) ? v1['audit'] : [],
        state: { grace: {}, inFlight: {}, directory: {}, voiceStats: {} },
      },
      notes,
    };
  },
};
