// Crash-safe file writes: temp file + fsync + rename + directory fsync, one write at a time per
// file. steno (lowdb's writer) renames without fsync, so after a power cut the renamed file can be
// empty; this adapter closes that gap and is what every store file is written through.
import { readFile, readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { errorCode, NODE_STORE_IO, reportOrThrow, type StoreIo } from './store-io.js';

let tempCounter = 0;
const TEMP_MARK = '.tmp-';

/** Writes `text` to `path` so that a reader (or a crash) only ever sees the old or the new bytes. */
export async function writeFileAtomic(
  path: string,
  text: string,
  io: StoreIo = NODE_STORE_IO,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}${TEMP_MARK}${process.pid}-${++tempCounter}`);
  const handle = await io.fs.open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await io.fs.rename(temp, path);
  } catch (error) {
    await io.fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path, io);
}

/**
 * The rename lives in the directory entry; without this fsync a crash can forget it. The new
 * bytes are already in place when it fails, so the write is not undone: the failure is reported
 * as a store problem (`store_not_durable`), or thrown to a caller that has no problem receiver.
 */
async function syncDirectory(path: string, io: StoreIo): Promise<void> {
  // Windows cannot open directories: the rename is still atomic there, only less durable.
  if (process.platform === 'win32') return;
  try {
    const handle = await io.fs.open(dirname(path), 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    reportOrThrow(io, { identifier: 'store_not_durable', path, code: errorCode(error) }, error);
  }
}

/** Removes temp files a killed process left behind; they never hold the only copy of anything. */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((n) => n.startsWith('.') && n.includes(TEMP_MARK))
      .map((n) => unlink(join(dir, n)).catch(() => undefined)),
  );
}

/** Reads a file's text, or null when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Runs tasks one after another; a failed task does not block the ones queued behind it. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<R>(task: () => Promise<R>): Promise<R> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
  /** Resolves once everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

/**
 * A lowdb adapter over one JSON file with atomic, serialised writes. `serialize` lets a file choose
 * its layout (pretty for hand-read config, compact for large data).
 */
export class AtomicJsonAdapter<T> implements Adapter<T> {
  private readonly queue = new SerialQueue();
  constructor(
    readonly path: string,
    private readonly serialize: (data: T) => string = (data) =>
      `${JSON.stringify(data, null, 2)}\n`,
    private readonly io: StoreIo = NODE_STORE_IO,
  ) {}

  async read(): Promise<T | null> {
    const text = await readTextIfExists(this.path);
    // Parsing errors propagate: the caller decides that the file is corrupt, never this adapter.
    return text === null ? null : (JSON.parse(text) as T);
  }

  write(data: T): Promise<void> {
    const text = this.serialize(data);
    return this.queue.run(() => writeFileAtomic(this.path, text, this.io));
  }
}
