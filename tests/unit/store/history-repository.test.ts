import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import type { SyncRun } from '../../../src-main/store/types.js';
import { manualClock, tempDataDir } from './temp-data-dir.js';

const run = (id: string, over: Partial<SyncRun> = {}): SyncRun => ({
  id,
  kind: 'sync',
  guildId: '900000000000000001',
  startedAt: '2025-03-10T12:00:00.000Z',
  finishedAt: null,
  outcome: 'running',
  changes: 0,
  problems: [],
  ...over,
});

describe('history repository', () => {
  it('records a run when it starts and replaces it when it finishes', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.history.recordSyncRun(run('r1'));
    await store.history.recordSyncRun(
      run('r1', { finishedAt: '2025-03-10T12:01:00.000Z', outcome: 'ok', changes: 4 }),
    );
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.history.syncRuns()).toEqual([
      run('r1', { finishedAt: '2025-03-10T12:01:00.000Z', outcome: 'ok', changes: 4 }),
    ]);
  });

  it('lists runs and audit entries newest first, filtered and limited', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.history.recordSyncRun(run('a'));
    await store.history.recordSyncRun(run('b', { guildId: null, kind: 'crawl' }));
    await store.history.recordSyncRun(run('c'));
    expect(store.history.syncRuns({ guildId: '900000000000000001' }).map((r) => r.id)).toEqual([
      'c',
      'a',
    ]);
    expect(store.history.syncRuns({ limit: 1 }).map((r) => r.id)).toEqual(['c']);
    await store.history.appendAudit({
      at: '2025-03-10T12:00:00.000Z',
      actor: 'admin:1',
      action: 'mapping.create',
      target: 'top',
    });
    await store.history.appendAudit({
      at: '2025-03-10T12:00:01.000Z',
      actor: 'scheduler',
      action: 'sync.start',
      detail: { guilds: 2 },
    });
    expect(store.history.audit({ limit: 1 })).toEqual([
      {
        at: '2025-03-10T12:00:01.000Z',
        actor: 'scheduler',
        action: 'sync.start',
        detail: { guilds: 2 },
      },
    ]);
  });

  it('caps the file and rotates dropped entries into a bounded number of archives', async () => {
    const clock = manualClock();
    const dataDir = await tempDataDir();
    const store = await openStore({
      dataDir,
      logger: silentLogger,
      now: clock.now,
      historyLimits: { maxSyncRuns: 10, maxAudit: 4, keepArchives: 2 },
    });
    for (let i = 0; i < 20; i++) {
      clock.addDays(1);
      await store.history.appendAudit({
        at: clock.now().toISOString(),
        actor: 'system',
        action: `a${i}`,
      });
    }
    const kept = store.history.audit().map((e) => e.action);
    expect(kept.length).toBeLessThanOrEqual(4);
    expect(kept[0]).toBe('a19');
    const archives = (await readdir(dataDir)).filter((n) => n.startsWith('history-archive-'));
    expect(archives).toHaveLength(2);
    const newest = JSON.parse(
      await readFile(join(dataDir, archives.sort().at(-1) as string), 'utf8'),
    ) as { audit: { action: string }[] };
    expect(newest.audit.length).toBeGreaterThan(0);
  });

  it('rejects an audit entry without an actor', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await expect(
      store.history.appendAudit({ at: '2025-03-10T12:00:00.000Z', actor: '', action: 'x' }),
    ).rejects.toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('actor'),
    });
  });
});
