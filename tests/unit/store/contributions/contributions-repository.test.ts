import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src-main/log/logger.js';
import { openStore } from '../../../../src-main/store/index.js';
import type {
  CrawlSummary,
  DailyCount,
  RepoCursor,
  RepoIdentity,
} from '../../../../src-main/store/types.js';
import { tempDataDir } from '../temp-data-dir.js';

const cursor = (through: string, headOid: string | null = null): RepoCursor => ({
  through,
  headOid,
});
const T1 = '2025-01-02T00:00:00Z';
const T2 = '2025-01-04T00:00:00Z';
const WIDGETS: RepoIdentity = { id: 101, name: 'acme/widgets' };
const GADGETS: RepoIdentity = { id: 102, name: 'acme/gadgets' };
const inc = (
  login: string,
  day: string,
  count: number,
  metric: DailyCount['metric'] = 'commits',
  repo = 'acme/widgets',
): DailyCount => ({
  login,
  repo,
  metric,
  day,
  count,
});
const summary = (finishedAt: string): CrawlSummary => ({
  org: 'acme',
  startedAt: '2025-01-01T00:00:00Z',
  finishedAt,
  complete: true,
  missing: [],
  requests: 12,
});

describe('contributions repository', () => {
  it('adds increments to stored counts and moves the cursor, surviving a reopen', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      WIDGETS,
      [inc('alice', '2025-01-01', 2), inc('bob', '2025-01-02', 1, 'reviews')],
      cursor(T1),
    );
    await store.contributions.commitRepoCrawl(
      'acme',
      WIDGETS,
      [inc('alice', '2025-01-01', 3), inc('alice', '2025-01-03', 1)],
      cursor(T2, 'a'.repeat(40)),
    );
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.contributions.getCursor('acme', WIDGETS.id)).toEqual(
      cursor(T2, 'a'.repeat(40)),
    );
    expect(reopened.contributions.dailyCounts('acme')).toEqual(
      expect.arrayContaining([
        inc('alice', '2025-01-01', 5),
        inc('alice', '2025-01-03', 1),
        inc('bob', '2025-01-02', 1, 'reviews'),
      ]),
    );
    expect(reopened.contributions.dailyCounts('acme')).toHaveLength(3);
  });

  it('takes counts back with negative increments, and replaces whole metrics after a full read', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      WIDGETS,
      [inc('alice', '2025-01-01', 3), inc('bob', '2025-01-01', 2, 'issues')],
      cursor(T1),
    );
    // A force push took two of alice's commits off the default branch.
    await store.contributions.commitRepoCrawl(
      'acme',
      WIDGETS,
      [inc('alice', '2025-01-01', -2)],
      cursor(T1),
    );
    expect(store.contributions.dailyCounts('acme')).toEqual(
      expect.arrayContaining([inc('alice', '2025-01-01', 1)]),
    );
    // A walk of the whole branch recounted commits: they replace; issues are untouched.
    await store.contributions.commitRepoCrawl(
      'acme',
      WIDGETS,
      [inc('carol', '2025-01-05', 1)],
      cursor(T2),
      { replace: ['commits'] },
    );
    expect(store.contributions.dailyCounts('acme')).toEqual([
      inc('bob', '2025-01-01', 2, 'issues'),
      inc('carol', '2025-01-05', 1),
    ]);
  });

  it('keeps a repository by its id: a rename moves its history to the new name, counted once', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      WIDGETS,
      [inc('alice', '2025-01-01', 2)],
      cursor(T1),
    );
    const renamed = { id: WIDGETS.id, name: 'acme/sprockets' };
    await store.contributions.commitRepoCrawl(
      'acme',
      renamed,
      [inc('alice', '2025-01-03', 1, 'commits', 'acme/sprockets')],
      cursor(T2),
    );
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.contributions.dailyCounts('acme')).toEqual([
      inc('alice', '2025-01-01', 2, 'commits', 'acme/sprockets'),
      inc('alice', '2025-01-03', 1, 'commits', 'acme/sprockets'),
    ]);
    expect(reopened.contributions.getRepo('acme', WIDGETS.id)).toEqual({
      id: WIDGETS.id,
      name: 'acme/sprockets',
      cursor: cursor(T2),
    });
  });

  it('counts what the selection says: its repositories, and bots only when they count', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      WIDGETS,
      [inc('alice', '2025-01-01', 1), inc('dependabot[bot]', '2025-01-01', 4, 'prs_opened')],
      cursor(T1),
    );
    await store.contributions.commitRepoCrawl(
      'acme',
      GADGETS,
      [inc('bob', '2025-01-01', 1, 'commits', 'acme/gadgets')],
      cursor(T1),
    );
    // Before any selection everything stored counts.
    expect(store.contributions.dailyCounts('acme')).toHaveLength(3);
    await store.contributions.recordCrawl(summary(T1), {
      repoIds: [WIDGETS.id],
      includeBots: false,
    });
    expect(store.contributions.dailyCounts('acme')).toEqual([inc('alice', '2025-01-01', 1)]);
    await store.contributions.recordCrawl(summary(T2), {
      repoIds: [WIDGETS.id, GADGETS.id],
      includeBots: true,
    });
    expect(store.contributions.dailyCounts('acme')).toHaveLength(3);
    // A crawl cut short records no selection: the last one stays.
    await store.contributions.recordCrawl(summary(T2));
    expect(store.contributions.selection('acme')).toEqual({
      repoIds: [WIDGETS.id, GADGETS.id],
      includeBots: true,
    });
  });

  it('filters by sinceDay inclusively and keeps orgs apart', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      WIDGETS,
      [inc('alice', '2025-01-01', 1), inc('alice', '2025-02-01', 1)],
      cursor(T1),
    );
    await store.contributions.commitRepoCrawl(
      'other',
      { id: 7, name: 'other/x' },
      [inc('carol', '2025-02-01', 7, 'issues', 'other/x')],
      cursor(T1),
    );
    expect(store.contributions.dailyCounts('acme', { sinceDay: '2025-02-01' })).toEqual([
      inc('alice', '2025-02-01', 1),
    ]);
    expect(store.contributions.dailyCounts('ACME')).toHaveLength(2);
    expect(store.contributions.dailyCounts('nobody')).toEqual([]);
  });

  it('writes one small file per repository, named by its id, holding counts and cursor together', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      WIDGETS,
      [inc('alice', '2025-01-01', 1)],
      cursor(T1),
    );
    await store.contributions.commitRepoCrawl(
      'acme',
      GADGETS,
      [inc('alice', '2025-01-01', 1, 'commits', 'acme/gadgets')],
      cursor(T2),
    );
    const files = await readdir(join(dataDir, 'contributions', 'acme', 'repos'));
    expect(files.sort()).toEqual(['101.json', '102.json']);
    const doc = JSON.parse(
      await readFile(join(dataDir, 'contributions', 'acme', 'repos', '101.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(doc).toEqual({
      schemaVersion: 2,
      org: 'acme',
      repoId: 101,
      repo: 'acme/widgets',
      cursor: cursor(T1),
      series: { alice: { commits: [20089, 1] } },
    });
  });

  it('rejects a bad increment, id or cursor naming the problem, and changes nothing', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await expect(
      store.contributions.commitRepoCrawl(
        'acme',
        WIDGETS,
        [inc('alice', '2025-01-01', 1), inc('bob', '2025-13-01', 1)],
        cursor(T1),
      ),
    ).rejects.toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('increments[1].day'),
    });
    await expect(
      store.contributions.commitRepoCrawl(
        'acme',
        WIDGETS,
        [inc('alice', '2025-01-01', 1, 'commits', 'acme/other')],
        cursor(T1),
      ),
    ).rejects.toMatchObject({
      message: expect.stringContaining('increments[0].repo'),
    });
    await expect(
      store.contributions.commitRepoCrawl('acme', { id: 3, name: '../../etc' }, [], cursor(T1)),
    ).rejects.toMatchObject({ identifier: 'invalid_input' });
    await expect(
      store.contributions.commitRepoCrawl('acme', { id: -1, name: 'acme/x' }, [], cursor(T1)),
    ).rejects.toMatchObject({ identifier: 'invalid_input' });
    await expect(
      store.contributions.commitRepoCrawl('acme', WIDGETS, [], cursor('yesterday')),
    ).rejects.toMatchObject({ identifier: 'invalid_input' });
    expect(store.contributions.getCursor('acme', WIDGETS.id)).toBeUndefined();
  });

  it('accepts bot logins such as dependabot[bot]', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      WIDGETS,
      [inc('dependabot[bot]', '2025-01-01', 4, 'prs_opened')],
      cursor(T1),
    );
    expect(store.contributions.dailyCounts('acme')).toEqual([
      inc('dependabot[bot]', '2025-01-01', 4, 'prs_opened'),
    ]);
  });

  it('keeps the latest crawl summaries per org', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.contributions.recordCrawl(summary('2025-01-01T00:10:00Z'));
    await store.contributions.recordCrawl({
      ...summary('2025-01-02T00:10:00Z'),
      complete: false,
      missing: [{ repo: 'acme/x', reason: 'rate limited' }],
    });
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.contributions.lastCrawl('acme')).toMatchObject({
      finishedAt: '2025-01-02T00:10:00Z',
      complete: false,
    });
    expect(reopened.contributions.lastCrawl('other')).toBeUndefined();
  });
});
