// A fresh data directory per test, removed afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gitguild-store-'));
  made.push(dir);
  return dir;
}

/** A clock the test moves by hand, for day-based backups. */
export function manualClock(start = '2025-03-10T12:00:00.000Z'): {
  now: () => Date;
  set(iso: string): void;
  addDays(n: number): void;
} {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso);
    },
    addDays: (n) => {
      current = new Date(current.getTime() + n * 86_400_000);
    },
  };
}
