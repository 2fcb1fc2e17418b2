import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src-main/log/logger.js';
import { openStore } from '../../../../src-main/store/index.js';
import type { CrawlSummary, DailyCount, RepoCursor } from '../../../../src-main/store/types.js';
import { tempDataDir } from '../temp-data-dir.js';

const cursor = (through: string): RepoCursor => ({
  through,
  pushedAt: null,
  updatedAt: null,
  etags: { pulls: 'W/"abc"' },
});
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

describe('contributions repository', () => {
  it('adds increments to stored counts and moves the cursor, surviving a reopen', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      'acme/widgets',
      [inc('alice', '2025-01-01', 2), inc('bob', '2025-01-02', 1, 'reviews')],
      cursor('2025-01-02T00:00:00Z'),
    );
    await store.contributions.commitRepoCrawl(
      'acme',
      'acme/widgets',
      [inc('alice', '2025-01-01', 3), inc('alice', '2025-01-03', 1)],
      cursor('2025-01-04T00:00:00Z'),
    );
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.contributions.getCursor('acme', 'acme/widgets')).toEqual(
      cursor('2025-01-04T00:00:00Z'),
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

  it('filters by sinceDay inclusively and keeps orgs apart', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      'acme/widgets',
      [inc('alice', '2025-01-01', 1), inc('alice', '2025-02-01', 1)],
      cursor('t'),
    );
    await store.contributions.commitRepoCrawl(
      'other',
      'other/x',
      [inc('carol', '2025-02-01', 7, 'issues', 'other/x')],
      cursor('t'),
    );
    expect(store.contributions.dailyCounts('acme', { sinceDay: '2025-02-01' })).toEqual([
      inc('alice', '2025-02-01', 1),
    ]);
    expect(store.contributions.dailyCounts('ACME')).toHaveLength(2);
    expect(store.contributions.dailyCounts('nobody')).toEqual([]);
  });

  it('writes one small file per repository holding counts and cursor together', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      'acme/widgets',
      [inc('alice', '2025-01-01', 1)],
      cursor('t1'),
    );
    await store.contributions.commitRepoCrawl(
      'acme',
      'acme/gadgets',
      [inc('alice', '2025-01-01', 1, 'commits', 'acme/gadgets')],
      cursor('t2'),
    );
    const files = await readdir(join(dataDir, 'contributions', 'acme', 'repos'));
    expect(files.sort()).toEqual(['acme%2Fgadgets.json', 'acme%2Fwidgets.json']);
    const doc = JSON.parse(
      await readFile(
        join(dataDir, 'contributions', 'acme', 'repos', 'acme%2Fwidgets.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    expect(doc).toMatchObject({
      schemaVersion: 1,
      repo: 'acme/widgets',
      cursor: cursor('t1'),
      series: { alice: { commits: [20089, 1] } },
    });
  });

  it('rejects a bad increment naming its index and field, and changes nothing', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await expect(
      store.contributions.commitRepoCrawl(
        'acme',
        'acme/widgets',
        [inc('alice', '2025-01-01', 1), inc('bob', '2025-13-01', 1)],
        cursor('t'),
      ),
    ).rejects.toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('increments[1].day'),
    });
    await expect(
      store.contributions.commitRepoCrawl(
        'acme',
        'acme/widgets',
        [inc('alice', '2025-01-01', 1, 'commits', 'acme/other')],
        cursor('t'),
      ),
    ).rejects.toMatchObject({
      message: expect.stringContaining('increments[0].repo'),
    });
    await expect(
      store.contributions.commitRepoCrawl('acme', '../../etc', [], cursor('t')),
    ).rejects.toMatchObject({ identifier: 'invalid_input' });
    expect(store.contributions.getCursor('acme', 'acme/widgets')).toBeUndefined();
  });

  it('accepts bot logins such as dependabot[bot]', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.contributions.commitRepoCrawl(
      'acme',
      'acme/widgets',
      [inc('dependabot[bot]', '2025-01-01', 4, 'prs_opened')],
      cursor('t'),
    );
    expect(store.contributions.dailyCounts('acme')).toEqual([
      inc('dependabot[bot]', '2025-01-01', 4, 'prs_opened'),
    ]);
  });

  it('keeps the latest crawl summaries per org', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    const summary = (finishedAt: string): CrawlSummary => ({
      org: 'acme',
      startedAt: '2025-01-01T00:00:00Z',
      finishedAt,
      complete: true,
      missing: [],
      requests: 12,
    });
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
