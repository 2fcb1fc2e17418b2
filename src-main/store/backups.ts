// Rolling daily backups of the small, hand-made files (config and links): the first good state
// of each day is copied to `<dataDir>/backups/<kind>-YYYY-MM-DD.json`, keeping the last N days.
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { readTextIfExists, writeFileAtomic } from './atomic-file.js';
import { NODE_STORE_IO, type StoreIo } from './store-io.js';
import { parseDocument } from './store-file.js';
import type { StoreFileKind } from './types.js';

export type BackedUpKind = Extract<StoreFileKind, 'config' | 'links'>;
const NAME = /^(config|links)-(\d{4}-\d{2}-\d{2})\.json$/;

export class DailyBackups {
  constructor(
    readonly dir: string,
    private readonly keepDays: number,
    private readonly now: () => Date,
    private readonly io: StoreIo = NODE_STORE_IO,
  ) {}

  backupName(kind: BackedUpKind, date = this.now()): string {
    return `${kind}-${date.toISOString().slice(0, 10)}.json`;
  }

  /** Backup names of a kind, newest first. */
  async list(kind: BackedUpKind): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => NAME.exec(n)?.[1] === kind)
      .sort()
      .reverse();
  }

  /** Copies the file's current text to today's backup unless today already has one. */
  async ensureToday(kind: BackedUpKind, sourcePath: string): Promise<void> {
    const name = this.backupName(kind);
    const existing = await this.list(kind);
    if (existing.includes(name)) return;
    const text = await readTextIfExists(sourcePath);
    if (text === null) return;
    await writeFileAtomic(join(this.dir, name), text, this.io);
    for (const old of existing.slice(Math.max(0, this.keepDays - 1))) {
      await unlink(join(this.dir, old)).catch(() => undefined);
    }
  }

  /** Reads and validates one backup; `name` must be one of `list(kind)` (no paths). */
  async read<T>(
    kind: BackedUpKind,
    name: string,
    schema: z.ZodType<T>,
  ): Promise<ReturnType<typeof parseDocument<T>> | null> {
    if (!(await this.list(kind)).includes(name)) return null;
    const text = await readTextIfExists(join(this.dir, name));
    return text === null ? null : parseDocument(kind, `backup ${name}`, text, schema);
  }

  async newestGood<T>(kind: BackedUpKind, schema: z.ZodType<T>): Promise<string | null> {
    for (const name of await this.list(kind)) {
      const parsed = await this.read(kind, name, schema);
      if (parsed?.ok) return name;
    }
    return null;
  }
}
