// Numbered schema upgrades. A migration is a pure function from the document at version N to the
// document at N+1; `applyMigrations` chains them and refuses documents newer than it knows.
import { GitGuildError } from '../../errors.js';

export type JsonObject = Record<string, unknown>;

export interface Migration {
  /** The version this step upgrades from; it produces `from + 1`. */
  from: number;
  name: string;
  /** Pure: returns a new document and notes for the log (e.g. "a plain-text token was removed"). */
  up(doc: JsonObject): { doc: JsonObject; notes: string[] };
}

export interface MigrationResult {
  doc: JsonObject;
  fromVersion: number;
  notes: string[];
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Brings `raw` to `current` using `steps` (sorted by `from`, one per version). Throws
 * GitGuildError('store_too_new') for documents from a newer GitGuild and 'store_corrupt' for
 * documents without a usable version.
 */
export function applyMigrations(
  what: string,
  raw: unknown,
  steps: readonly Migration[],
  current: number,
): MigrationResult {
  if (!isJsonObject(raw)) throw new GitGuildError('store_corrupt', `${what} is not a JSON object`);
  const version = raw['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new GitGuildError('store_corrupt', `${what} has no valid schemaVersion`);
  }
  if (version > current) {
    throw new GitGuildError(
      'store_too_new',
      `${what} has schema version ${version}, but this GitGuild only knows up to version ${current}; it was written by a newer GitGuild and is left untouched`,
      { hint: 'Install the newer GitGuild again, or restore a backup made by this version.' },
    );
  }
  let doc = raw;
  const notes: string[] = [];
  for (let v = version; v < current; v++) {
    const step = steps.find((s) => s.from === v);
    if (!step) throw new GitGuildError('internal', `no migration for ${what} from version ${v}`);
    const out = step.up(doc);
    doc = { ...out.doc, schemaVersion: v + 1 };
    notes.push(...out.notes.map((n) => `${what} ${v}→${v + 1} (${step.name}): ${n}`));
  }
  return { doc, fromVersion: version, notes };
}
