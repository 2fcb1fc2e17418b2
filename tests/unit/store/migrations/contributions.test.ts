// contributions v1 → v2: repositories keyed by GitHub id, commits by reachability, bots stored.
// The step is pure; a v1 data directory opens, keeps showing its counts until a crawl of schema 2
// has counted the org again, and then loses its name-keyed files.
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src-main/log/logger.js';
import {
  OrgCrawlsFileSchema,
  RepoContributionsFileSchema,
} from '../../../../src-main/store/file-schemas.js';
import { openStore } from '../../../../src-main/store/index.js';
import { repoIds } from '../../../../src-main/store/migrations/contributions/001-repo-ids.js';
import type { JsonObject } from '../../../../src-main/store/migrations/migration.js';
import { tempDataDir } from '../temp-data-dir.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/contributions-v1/', import.meta.url));

async function v1(file: string): Promise<JsonObject> {
  return JSON.parse(await readFile(join(FIXTURE, file), 'utf8')) as JsonObject;
}

describe('contributions migration 001 (repository ids)', () => {
  it('turns a v1 repository file into a v2 one with no id and no cursor, keeping its counts', async () => {
    const before = await v1('acme/repos/acme%2Fwidgets.json');
    const { doc, notes } = repoIds.up(before);
    const parsed = RepoContributionsFileSchema.parse({ ...doc, schemaVersion: 2 });
    expect(parsed).toMatchObject({ repoId: null, cursor: null, repo: 'acme/widgets' });
    expect(parsed.series).toEqual(before['series']);
    expect(notes.join(' ')).toMatch(/read.*again/);
  });

  it('gives a v1 org file no selection yet', async () => {
    const { doc } = repoIds.up(await v1('acme/crawls.json'));
    expect(OrgCrawlsFileSchema.parse({ ...doc, schemaVersion: 2 }).selection).toBeNull();
  });

  it('is pure: the input document is left unchanged', async () => {
    const before = await v1('acme/repos/acme%2Fwidgets.json');
    const text = JSON.stringify(before);
    repoIds.up(before);
    expect(JSON.stringify(before)).toBe(text);
  });

  it('opens a v1 data directory, shows its counts until a v2 crawl records a selection, then drops the old files', async () => {
    const dataDir = await tempDataDir();
    await cp(FIXTURE, join(dataDir, 'contributions'), { recursive: true });
    const store = await openStore({ dataDir, logger: silentLogger });
    expect(store.status).toEqual({ ok: true });
    const total = () =>
      store.contributions.dailyCounts('acme').reduce((sum, c) => sum + c.count, 0);
    expect(total()).toBe(2 + 1 + 1 + 3);
    expect(store.contributions.lastCrawl('acme')?.requests).toBe(42);

    // The first crawl of schema 2 reads the repository again under its id...
    const widgets = { id: 4242, name: 'acme/widgets' };
    await store.contributions.commitRepoCrawl(
      'acme',
      widgets,
      [{ login: 'alice', repo: 'acme/widgets', metric: 'commits', day: '2025-01-01', count: 4 }],
      { through: '2025-03-02T00:00:00.000Z', headOid: 'b'.repeat(40) },
    );
    // ...which does not count twice while the crawl runs,
    expect(total()).toBe(7);
    await store.contributions.recordCrawl(
      { ...store.contributions.lastCrawl('acme')!, requests: 9 },
      { repoIds: [widgets.id], includeBots: false },
    );
    // and its selection replaces the old file.
    expect(total()).toBe(4);
    expect(await readdir(join(dataDir, 'contributions', 'acme', 'repos'))).toEqual(['4242.json']);
  });
});
