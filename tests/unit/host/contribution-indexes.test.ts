import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContributionIndexes } from '../../../src-main/host/contribution-indexes.js';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore, type Store } from '../../../src-main/store/index.js';

let dir: string;
let store: Store;
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const cursor = { through: '2026-03-15T00:00:00Z', headOid: null };

describe('ContributionIndexes', () => {
  it('keeps serving the cached index until the org is invalidated, then rebuilds from the store', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gitguild-indexes-'));
    store = await openStore({ dataDir: dir, logger: silentLogger });
    const indexes = new ContributionIndexes(store.contributions);
    await store.contributions.commitRepoCrawl(
      'acme',
      { id: 1, name: 'acme/app' },
      [{ login: 'ada', repo: 'acme/app', metric: 'commits', day: '2026-03-14', count: 2 }],
      cursor,
    );
    const first = indexes.get('acme');
    expect(first.logins()).toEqual(['ada']);

    await store.contributions.commitRepoCrawl(
      'acme',
      { id: 2, name: 'acme/lib' },
      [{ login: 'bob', repo: 'acme/lib', metric: 'commits', day: '2026-03-14', count: 1 }],
      cursor,
    );
    expect(indexes.get('ACME')).toBe(first);
    indexes.invalidate('Acme');
    expect(indexes.get('acme').logins().sort()).toEqual(['ada', 'bob']);
  });
});
