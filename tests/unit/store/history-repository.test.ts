import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import type { AuditEntry, SyncRun } from '../../../src-main/store/types.js';
import { manualClock, tempDataDir } from './temp-data-dir.js';

const GUILD = '900000000000000001';
const run = (id: string, over: Partial<SyncRun> = {}): SyncRun => ({
  id,
  kind: 'sync',
  guildId: GUILD,
  trigger: 'manual',
  actor: 'admin:1',
  dryRun: false,
  full: false,
  startedAt: '2025-03-10T12:00:00.000Z',
  finishedAt: null,
  durationMs: null,
  outcome: 'running',
  counts: {
    membersChecked: 0,
    membersChanged: 0,
    membersFailed: 0,
    rolesAdded: 0,
    rolesRemoved: 0,
    writes: 0,
    reads: 0,
  },
  errors: [],
  problems: [],
  ...over,
});

const roleAdd = (runId: string, memberId: string): AuditEntry => ({
  at: '2025-03-10T12:00:30.000Z',
  actor: 'scheduler',
  action: 'role.add',
  guildId: GUILD,
  runId,
  memberId,
  memberName: 'ada',
  roleId: '900000000000000010',
  roleName: 'Core',
  change: 'add',
  reason: 'merged PRs ≥ 16 (all time)',
});

describe('history repository', () => {
  it('records a run when it starts and replaces it when it finishes', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.history.recordSyncRun(run('r1'));
    const done = run('r1', {
      finishedAt: '2025-03-10T12:01:00.000Z',
      durationMs: 60_000,
      outcome: 'ok',
    });
    await store.history.recordSyncRun(done);
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.history.syncRuns()).toEqual([done]);
  });

  it('writes a finished run, its audit entries and its state change in one go', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.history.saveSyncRun(
      run('r2', { outcome: 'ok' }),
      [roleAdd('r2', '1001'), roleAdd('r2', '1002')],
      (state) => ({
        ...state,
        grace: { [GUILD]: { '1003': { m1: '2025-03-09T00:00:00.000Z' } } },
      }),
    );
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.history.syncRun('r2')?.outcome).toBe('ok');
    expect(reopened.history.audit({ runId: 'r2' }).map((e) => e.memberId)).toEqual([
      '1002',
      '1001',
    ]);
    expect(reopened.history.syncState().grace[GUILD]?.['1003']).toEqual({
      m1: '2025-03-09T00:00:00.000Z',
    });
  });

  it('lists runs and audit entries newest first, filtered, limited and paged', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.history.recordSyncRun(run('a'));
    await store.history.recordSyncRun(run('b', { guildId: null, kind: 'crawl' }));
    await store.history.recordSyncRun(run('c'));
    expect(store.history.syncRuns({ guildId: GUILD }).map((r) => r.id)).toEqual(['c', 'a']);
    expect(store.history.syncRuns({ limit: 1 }).map((r) => r.id)).toEqual(['c']);
    expect(store.history.syncRuns({ limit: 1, offset: 1 }).map((r) => r.id)).toEqual(['b']);
    expect(store.history.syncRuns({ kind: 'crawl' }).map((r) => r.id)).toEqual(['b']);
    await store.history.appendAudit({
      at: '2025-03-10T12:00:00.000Z',
      actor: 'admin:1',
      action: 'mapping.create',
      target: 'top',
    });
    await store.history.appendAuditMany([roleAdd('c', '1001'), roleAdd('a', '1002')]);
    expect(store.history.audit({ limit: 1 }).map((e) => e.memberId)).toEqual(['1002']);
    expect(store.history.audit({ memberId: '1001' })).toEqual([roleAdd('c', '1001')]);
    expect(store.history.audit({ guildId: GUILD })).toHaveLength(2);
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
    ) as { schemaVersion: number; audit: { action: string }[] };
    expect(newest.audit.length).toBeGreaterThan(0);
    expect(newest.schemaVersion).toBe(2);
  });

  it('rejects an audit entry without an actor, and a state change that breaks the schema', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await expect(
      store.history.appendAudit({ at: '2025-03-10T12:00:00.000Z', actor: '', action: 'x' }),
    ).rejects.toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('actor'),
    });
    await expect(
      store.history.updateSyncState((s) => ({ ...s, grace: { [GUILD]: { x: { m: 'soon' } } } })),
    ).rejects.toMatchObject({ identifier: 'invalid_input' });
    expect(store.history.syncState().grace).toEqual({});
  });
});

describe('history migration v1 → v2', () => {
  it('opens a v1 file: runs gain trigger, dry-run flag and counts; problems gain a fix field', async () => {
    const dataDir = await tempDataDir();
    await writeFile(
      join(dataDir, 'history.json'),
      JSON.stringify({
        schemaVersion: 1,
        syncRuns: [
          {
            id: 'old-1',
            kind: 'dry_run',
            guildId: GUILD,
            startedAt: '2025-01-01T10:00:00.000Z',
            finishedAt: '2025-01-01T10:00:02.500Z',
            outcome: 'ok',
            changes: 7,
            problems: ['Role Core is above GitGuild'],
          },
          {
            id: 'old-2',
            kind: 'crawl',
            guildId: null,
            startedAt: '2025-01-01T11:00:00.000Z',
            finishedAt: null,
            outcome: 'running',
            changes: 0,
            problems: [],
          },
        ],
        audit: [{ at: '2025-01-01T10:00:00.000Z', actor: 'system', action: 'sync.start' }],
      }),
    );
    const store = await openStore({ dataDir, logger: silentLogger });
    expect(store.status).toEqual({ ok: true });
    expect(store.history.syncRun('old-1')).toMatchObject({
      kind: 'sync',
      dryRun: true,
      trigger: 'manual',
      durationMs: 2500,
      counts: { membersChanged: 7 },
      problems: [{ code: 'legacy', message: 'Role Core is above GitGuild', fix: '' }],
    });
    expect(store.history.syncRun('old-2')).toMatchObject({ kind: 'crawl', durationMs: null });
    expect(store.history.audit()).toEqual([
      { at: '2025-01-01T10:00:00.000Z', actor: 'system', action: 'sync.start' },
    ]);
    expect(store.history.syncState()).toEqual({
      grace: {},
      inFlight: {},
      directory: {},
      voiceStats: {},
    });
    const onDisk = JSON.parse(await readFile(join(dataDir, 'history.json'), 'utf8')) as {
      schemaVersion: number;
    };
    expect(onDisk.schemaVersion).toBe(2);
  });
});
