// Failures underneath the store that used to be swallowed: a directory fsync that fails after the
// rename, and a contributions folder that cannot be listed. They are injected through the store's
// file-system seam (OpenStoreOptions.fs), and must come back as store problems.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { writeFileAtomic } from '../../../src-main/store/atomic-file.js';
import { openStore, publicStoreProblem } from '../../../src-main/store/index.js';
import { nodeStoreFs, type StoreFs } from '../../../src-main/store/store-io.js';
import { tempDataDir } from './temp-data-dir.js';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** Node's fs, except that fsync of a directory opened for reading fails with EIO. */
const failingDirectorySync: StoreFs = {
  ...nodeStoreFs,
  async open(path, flags, mode) {
    const handle = await nodeStoreFs.open(path, flags, mode);
    if (flags !== 'r') return handle;
    return {
      writeFile: (data, encoding) => handle.writeFile(data, encoding),
      sync: async () => {
        throw errno('EIO');
      },
      close: () => handle.close(),
    };
  },
};

/** Node's fs, except that listing `denied` fails with the given code. */
function failingReaddir(denied: string, code: string): StoreFs {
  return {
    ...nodeStoreFs,
    readdir: async (path) => {
      if (path === denied) throw errno(code);
      return nodeStoreFs.readdir(path);
    },
  };
}

describe('a directory fsync that fails after an atomic write', () => {
  it('keeps the write and reports a store problem for that kind of file', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger, fs: failingDirectorySync });
    // Opening wrote today's backups already; the fsync of their folder failed too.
    const saved = await store.settings.update({ timeZone: 'Europe/Berlin' });
    expect(saved.timeZone).toBe('Europe/Berlin');
    const onDisk = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as {
      settings: { timeZone: string };
    };
    expect(onDisk.settings.timeZone).toBe('Europe/Berlin');

    const status = store.status;
    expect(status.ok).toBe(false);
    const problems = status.ok ? [] : status.problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        identifier: 'store_not_durable',
        kind: 'config',
        file: join(dataDir, 'config.json'),
        message: expect.stringContaining('EIO'),
      }),
    );
    await store.close();
  });

  it('reports a problem once per file, however many writes fail', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger, fs: failingDirectorySync });
    for (const timeZone of ['UTC', 'Asia/Tokyo', 'Europe/Paris'])
      await store.settings.update({ timeZone });
    const problems = store.status.ok ? [] : store.status.problems;
    const configProblems = problems.filter((p) => p.file === join(dataDir, 'config.json'));
    expect(configProblems).toHaveLength(1);
    await store.close();
  });

  it('throws to a caller that has no problem receiver instead of swallowing it', async () => {
    const dataDir = await tempDataDir();
    await expect(
      writeFileAtomic(join(dataDir, 'x.json'), '{}', { fs: failingDirectorySync }),
    ).rejects.toMatchObject({ code: 'EIO' });
  });
});

describe('a contributions folder that cannot be listed', () => {
  it('is reported as an unreadable store problem, not read as "no data"', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({
      dataDir,
      logger: silentLogger,
      fs: failingReaddir(join(dataDir, 'contributions'), 'EACCES'),
    });
    expect(store.status).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({
          identifier: 'store_unreadable',
          kind: 'contributions',
          file: join(dataDir, 'contributions'),
          message: expect.stringContaining('EACCES'),
        }),
      ],
    });
    await store.close();
  });

  it("reports an org's unreadable repos folder the same way", async () => {
    const dataDir = await tempDataDir();
    const first = await openStore({ dataDir, logger: silentLogger });
    await first.contributions.commitRepoCrawl('acme', 'acme/widgets', [], {
      through: '2025-01-01T00:00:00Z',
      pushedAt: null,
      updatedAt: null,
      etags: {},
    });
    await first.close();
    const reposDir = join(dataDir, 'contributions', 'acme', 'repos');
    const store = await openStore({
      dataDir,
      logger: silentLogger,
      fs: failingReaddir(reposDir, 'EIO'),
    });
    const problems = store.status.ok ? [] : store.status.problems;
    expect(problems).toEqual([
      expect.objectContaining({ identifier: 'store_unreadable', kind: 'contributions' }),
    ]);
    await store.close();
  });

  it('treats a folder that does not exist yet as empty, with no problem', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    expect(store.status).toEqual({ ok: true });
    await store.close();
  });
});

describe('store problems as health shows them', () => {
  it('name the kind of file and the fix, never a path', () => {
    for (const identifier of [
      'store_corrupt',
      'store_too_new',
      'store_unreadable',
      'store_not_durable',
    ] as const) {
      for (const kind of ['config', 'links', 'contributions', 'history'] as const) {
        const text = publicStoreProblem({ identifier, kind, hint: 'Do the thing.' });
        expect(text).not.toMatch(/\//);
        expect(text).toMatch(/config|links|contribution|history/);
      }
    }
  });
});
