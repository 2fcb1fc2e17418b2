// The file-system calls the store makes, behind one small seam: tests inject a failing fsync or
// readdir through it (no module mocking), and the store learns here about failures that must not
// stop the caller but must not be swallowed either (they become store problems).
import { open, readdir, rename, unlink } from 'node:fs/promises';

export interface StoreFileHandle {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreFs {
  open(path: string, flags: string, mode?: number): Promise<StoreFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
}

export const nodeStoreFs: StoreFs = { open, rename, unlink, readdir: (path) => readdir(path) };

/** Something went wrong underneath a store operation that still completed (or read as empty). */
export interface StoreIoProblem {
  /** `store_not_durable`: a directory fsync failed after a rename; `store_unreadable`: a folder could not be listed. */
  identifier: 'store_not_durable' | 'store_unreadable';
  /** The file whose directory fsync failed, or the folder that could not be listed. */
  path: string;
  /** The system error code (EIO, EACCES, ...) or the error's name. */
  code: string;
}

export interface StoreIo {
  fs: StoreFs;
  /**
   * Receives problems that should not fail the operation (the data is on disk, or a folder reads
   * as empty). Without a receiver they are thrown instead, so nothing is ever swallowed.
   */
  report?: (problem: StoreIoProblem) => void;
}

export const NODE_STORE_IO: StoreIo = { fs: nodeStoreFs };

export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown';
}

/** Reports a problem, or throws the original error when nobody listens. */
export function reportOrThrow(io: StoreIo, problem: StoreIoProblem, error: unknown): void {
  if (!io.report) throw error;
  io.report(problem);
}

/**
 * Lists a folder. A folder that does not exist is empty; any other failure (EACCES, EIO, ENOTDIR)
 * is reported as `store_unreadable` and reads as empty, or is thrown without a receiver.
 */
export async function listFolder(io: StoreIo, dir: string): Promise<string[]> {
  try {
    return await io.fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return [];
    reportOrThrow(io, { identifier: 'store_unreadable', path: dir, code: errorCode(error) }, error);
    return [];
  }
}
