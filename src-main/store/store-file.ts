// One store file: load (parse → migrate → validate), hold the current state in a lowdb `Low`,
// and apply read-modify-write updates one at a time. A file that failed to load is "refused":
// reads see empty defaults, writes throw, and the bad bytes stay on disk until the admin acts.
import { Low } from 'lowdb';
import type { z } from 'zod';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { rename } from 'node:fs/promises';
import { AtomicJsonAdapter, readTextIfExists } from './atomic-file.js';
import type { StoreIo } from './store-io.js';
import { describeIssues } from './issue-path.js';
import { applyMigrations } from './migrations/migration.js';
import { CURRENT_VERSION, MIGRATIONS } from './migrations/index.js';
import type { StoreFileKind } from './types.js';

export type ParsedDocument<T> =
  | { ok: true; data: T; migratedFrom: number | null; notes: string[] }
  | { ok: false; identifier: 'store_corrupt' | 'store_too_new'; message: string };

/** Parses one file's text at any known version into the current shape, without touching disk. */
export function parseDocument<T>(
  kind: StoreFileKind,
  label: string,
  text: string,
  schema: z.ZodType<T>,
): ParsedDocument<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail =
      text.trim() === ''
        ? 'it is empty'
        : `it is not valid JSON (${(error as Error).message}); it may be truncated`;
    return {
      ok: false,
      identifier: 'store_corrupt',
      message: `${label} cannot be read: ${detail}`,
    };
  }
  let migrated;
  try {
    migrated = applyMigrations(label, raw, MIGRATIONS[kind], CURRENT_VERSION[kind]);
  } catch (error) {
    if (
      error instanceof GitGuildError &&
      (error.identifier === 'store_too_new' || error.identifier === 'store_corrupt')
    ) {
      return { ok: false, identifier: error.identifier, message: error.message };
    }
    throw error;
  }
  const result = schema.safeParse(migrated.doc);
  if (!result.success) {
    return {
      ok: false,
      identifier: 'store_corrupt',
      message: `${label} does not match its schema: ${describeIssues(result.error)}`,
    };
  }
  const from = migrated.fromVersion === CURRENT_VERSION[kind] ? null : migrated.fromVersion;
  return { ok: true, data: result.data, migratedFrom: from, notes: migrated.notes };
}

export interface StoreFileOptions<T> {
  kind: StoreFileKind;
  path: string;
  schema: z.ZodType<T>;
  initial: () => T;
  serialize?: (data: T) => string;
  logger: Logger;
  /** Runs inside the write queue before each write, with the file's current (last good) text. */
  beforeWrite?: () => Promise<void>;
  /** File-system seam and problem receiver; node's fs (problems thrown) when absent. */
  io?: StoreIo;
}

export interface RefusedState {
  identifier: 'store_corrupt' | 'store_too_new';
  message: string;
}

export class StoreFile<T> {
  readonly kind: StoreFileKind;
  readonly path: string;
  private readonly low: Low<T>;
  private refusedState: RefusedState | null = null;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: StoreFileOptions<T>) {
    this.kind = options.kind;
    this.path = options.path;
    this.low = new Low<T>(
      new AtomicJsonAdapter<T>(options.path, options.serialize, options.io),
      options.initial(),
    );
  }

  get data(): T {
    return this.low.data;
  }

  get refused(): RefusedState | null {
    return this.refusedState;
  }

  /** Loads the file; a migrated file is written back at the current version. */
  async load(): Promise<void> {
    const text = await readTextIfExists(this.path);
    this.refusedState = null;
    if (text === null) {
      this.low.data = this.options.initial();
      return;
    }
    const parsed = parseDocument(this.kind, this.path, text, this.options.schema);
    if (!parsed.ok) {
      this.low.data = this.options.initial();
      this.refusedState = { identifier: parsed.identifier, message: parsed.message };
      this.options.logger.error('store file refused', {
        file: this.path,
        identifier: parsed.identifier,
        problem: parsed.message,
      });
      return;
    }
    this.low.data = parsed.data;
    for (const note of parsed.notes)
      this.options.logger.warn('store migration note', { file: this.path, note });
    if (parsed.migratedFrom !== null) {
      await this.low.write();
      this.options.logger.info('store file migrated', {
        file: this.path,
        from: parsed.migratedFrom,
        to: CURRENT_VERSION[this.kind],
      });
    }
  }

  /**
   * Computes the next state from the current one and writes it; the in-memory state changes only
   * once the write succeeded, so a failed write leaves memory and disk agreeing.
   */
  update<R>(change: (current: T) => { next: T; result: R }): Promise<R> {
    const run = async (): Promise<R> => {
      this.assertWritable();
      const { next, result } = change(this.low.data);
      if (next === this.low.data) return result; // nothing changed: no write, no backup
      await this.options.beforeWrite?.();
      const previous = this.low.data;
      this.low.data = next;
      try {
        await this.low.write();
      } catch (error) {
        this.low.data = previous;
        throw error;
      }
      return result;
    };
    const result = this.pending.then(run, run);
    this.pending = result.catch(() => undefined);
    return result;
  }

  /** Waits for queued updates; used before close and before restoring over this file. */
  async settle(): Promise<void> {
    await this.pending;
  }

  /**
   * Replaces the file with `data` (a validated backup), first moving the present file aside as
   * `<name>.<label>-<stamp>` so nothing is lost. Runs in the write queue.
   */
  replaceWith(data: T, stamp: string): Promise<void> {
    return this.exclusive(async () => {
      await this.setAside(stamp);
      this.low.data = data;
      await this.low.write();
      this.refusedState = null;
    });
  }

  /** Moves a refused file aside and starts empty; for data that can be re-created (re-crawled). */
  discard(stamp: string): Promise<void> {
    return this.exclusive(async () => {
      await this.setAside(stamp);
      this.low.data = this.options.initial();
      this.refusedState = null;
    });
  }

  private async setAside(stamp: string): Promise<void> {
    const label = this.refusedState ? 'corrupt' : 'replaced';
    const aside = `${this.path}.${label}-${stamp}`;
    if ((await readTextIfExists(this.path)) !== null) await rename(this.path, aside);
    this.options.logger.warn('store file set aside', { file: this.path, aside });
  }

  private exclusive(task: () => Promise<void>): Promise<void> {
    const result = this.pending.then(task, task);
    this.pending = result.catch(() => undefined);
    return result;
  }

  assertWritable(): void {
    if (this.refusedState) {
      throw new GitGuildError(
        this.refusedState.identifier,
        `refusing to write ${this.path}: ${this.refusedState.message}`,
        {
          hint:
            this.refusedState.identifier === 'store_too_new'
              ? 'Use the newer GitGuild that wrote it.'
              : 'Restore a backup first.',
        },
      );
    }
  }
}
