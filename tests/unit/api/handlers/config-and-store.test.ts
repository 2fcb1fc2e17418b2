import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storeHandlers } from '../../../../src-main/api/handlers/store.js';
import { invokeMethod } from '../../../../src-main/api/invoke.js';
import { openStore } from '../../../../src-main/store/index.js';
import { silentLogger } from '../../../../src-main/log/logger.js';
import { handlerFixture, type HandlerFixture } from '../handler-fixture.js';
import { rejection } from './rejection.js';

let f: HandlerFixture;
afterEach(() => f.close());

describe('config handlers', () => {
  it('export the settings as a gitguild-config document and import it back on another store', async () => {
    f = await handlerFixture();
    await invokeMethod(f.handlers, 'settings.update', {
      timeZone: 'Europe/Berlin',
      githubOrgs: ['acme-oss'],
    });
    const document = await invokeMethod(f.handlers, 'config.export', undefined);
    expect(document).toMatchObject({
      format: 'gitguild-config',
      settings: { timeZone: 'Europe/Berlin', githubOrgs: ['acme-oss'] },
    });

    const other = await handlerFixture();
    try {
      await expect(
        invokeMethod(other.handlers, 'config.import', { document }),
      ).resolves.toMatchObject({
        imported: true,
        networkPeers: { status: 'unchanged', changes: [] },
        changes: { settings: expect.arrayContaining(['timeZone', 'githubOrgs']) },
      });
      expect(other.store.settings.get()).toMatchObject({
        timeZone: 'Europe/Berlin',
        githubOrgs: ['acme-oss'],
      });
      expect(other.settingsChanges).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('reject a malformed document naming the bad field and change nothing', async () => {
    f = await handlerFixture();
    const document = {
      ...f.store.exportConfig(),
      settings: { ...f.store.settings.get(), syncIntervalMinutes: 'often' },
    };
    const error = await rejection(invokeMethod(f.handlers, 'config.import', { document }));
    expect(error.identifier).toBe('invalid_input');
    expect(error.message).toContain('syncIntervalMinutes');
    expect(f.store.settings.get().syncIntervalMinutes).toBe(60);
    expect(f.settingsChanges).toBe(0);
  });
});

describe('store handlers', () => {
  it("list no problems and today's config backup on a healthy store", async () => {
    f = await handlerFixture();
    // The first write creates config.json; the next one backs it up before writing.
    await invokeMethod(f.handlers, 'settings.update', { timeZone: 'Asia/Tokyo' });
    await invokeMethod(f.handlers, 'settings.update', { syncIntervalMinutes: 30 });
    const list = (await invokeMethod(f.handlers, 'store.backups', undefined)) as {
      problems: unknown[];
      backups: { config: string[] };
    };
    expect(list.problems).toEqual([]);
    expect(list.backups.config).toEqual([
      expect.stringMatching(/^config-\d{4}-\d{2}-\d{2}\.json$/),
    ]);
  });

  it('report a corrupt config file with its newest good backup, and restore it', async () => {
    f = await handlerFixture();
    await invokeMethod(f.handlers, 'settings.update', { timeZone: 'Asia/Tokyo' });
    await invokeMethod(f.handlers, 'settings.update', { syncIntervalMinutes: 30 });
    await f.store.close();
    await writeFile(join(f.dir, 'config.json'), '{"schemaVersion": 2, "settings": {', 'utf8');
    const reopened = await openStore({ dataDir: f.dir, logger: silentLogger });
    const g = { handlers: { ...f.handlers, ...storeHandlers({ store: reopened }) } };
    const before = (await invokeMethod(g.handlers, 'store.backups', undefined)) as {
      problems: { kind: string; identifier: string; newestGoodBackup: string }[];
    };
    expect(before.problems).toMatchObject([{ kind: 'config', identifier: 'store_corrupt' }]);
    const name = before.problems[0]!.newestGoodBackup;
    expect(name).toMatch(/^config-/);
    const after = await invokeMethod(g.handlers, 'store.restore', { kind: 'config', name });
    expect(after).toMatchObject({ problems: [] });
    expect(reopened.settings.get().timeZone).toBe('Asia/Tokyo');
    await reopened.close();
  });

  it('set a damaged contributions file aside so the next crawl rebuilds it', async () => {
    f = await handlerFixture();
    const cursor = {
      through: '2026-01-02T00:00:00.000Z',
      pushedAt: null,
      updatedAt: null,
      etags: {},
    };
    await f.store.contributions.commitRepoCrawl(
      'acme-oss',
      'acme-oss/api',
      [{ login: 'ana', repo: 'acme-oss/api', metric: 'commits', day: '2026-01-01', count: 3 }],
      cursor,
    );
    await f.store.close();
    const reposDir = join(f.dir, 'contributions', 'acme-oss', 'repos');
    const [repoFile] = await readdir(reposDir);
    await writeFile(join(reposDir, repoFile!), '{"schemaVersion": 1, "series": {', 'utf8');
    const reopened = await openStore({ dataDir: f.dir, logger: silentLogger });
    const discarded: string[] = [];
    const g = {
      handlers: {
        ...f.handlers,
        ...storeHandlers({ store: reopened, onDiscarded: (kind) => discarded.push(kind) }),
      },
    };
    const before = (await invokeMethod(g.handlers, 'store.backups', undefined)) as {
      problems: { kind: string }[];
    };
    expect(before.problems).toMatchObject([{ kind: 'contributions' }]);

    const after = await invokeMethod(g.handlers, 'store.discard', { kind: 'contributions' });
    expect(after).toMatchObject({ problems: [] });
    expect(discarded).toEqual(['contributions']);
    // The damaged bytes are kept beside the data, and the repo starts over from no cursor.
    expect((await readdir(reposDir)).some((name) => name.includes('.corrupt-'))).toBe(true);
    expect(reopened.contributions.getCursor('acme-oss', 'acme-oss/api')).toBeUndefined();
    await reopened.close();
  });

  it('refuse a links backup as a config restore and an unknown backup as not_found', async () => {
    f = await handlerFixture();
    expect(
      (
        await rejection(
          invokeMethod(f.handlers, 'store.restore', {
            kind: 'config',
            name: 'links-2026-01-01.json',
          }),
        )
      ).identifier,
    ).toBe('invalid_input');
    expect(
      (
        await rejection(
          invokeMethod(f.handlers, 'store.restore', {
            kind: 'config',
            name: 'config-1999-01-01.json',
          }),
        )
      ).identifier,
    ).toBe('not_found');
    expect(
      (
        await rejection(
          invokeMethod(f.handlers, 'store.restore', { kind: 'config', name: '../config.json' }),
        )
      ).identifier,
    ).toBe('invalid_input');
  });
});
