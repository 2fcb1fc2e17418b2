import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import { manualClock, tempDataDir } from './temp-data-dir.js';

async function storeWithHistory(
  dataDir: string,
  clock: ReturnType<typeof manualClock>,
): Promise<void> {
  const store = await openStore({ dataDir, logger: silentLogger, now: clock.now });
  await store.settings.update({ timeZone: 'Europe/Berlin' });
  await store.links.linkMember({
    discordUserId: '100000000000000001',
    githubLogin: 'alice',
    linkedBy: '100000000000000001',
    method: 'admin',
  });
  clock.addDays(1);
  await store.settings.update({ timeZone: 'Asia/Tokyo' }); // day 2: backup holds Berlin
  await store.close();
}

describe('a corrupt store file', () => {
  it('puts the store in an error state naming the file and the newest good backup', async () => {
    const clock = manualClock();
    const dataDir = await tempDataDir();
    await storeWithHistory(dataDir, clock);
    const configPath = join(dataDir, 'config.json');
    const good = await readFile(configPath, 'utf8');
    await writeFile(configPath, good.slice(0, good.length / 2)); // truncated mid-write by something else

    const store = await openStore({ dataDir, logger: silentLogger, now: clock.now });
    expect(store.status).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({
          identifier: 'store_corrupt',
          kind: 'config',
          file: configPath,
          message: expect.stringContaining('truncated'),
          newestGoodBackup: 'config-2025-03-11.json',
        }),
      ],
    });
    // Other files keep working.
    expect(store.links.count()).toBe(1);
  });

  it('refuses writes to the corrupt file and never overwrites it', async () => {
    const clock = manualClock();
    const dataDir = await tempDataDir();
    await storeWithHistory(dataDir, clock);
    const configPath = join(dataDir, 'config.json');
    await writeFile(configPath, '{"schemaVersion":2,"settings":');
    const store = await openStore({ dataDir, logger: silentLogger, now: clock.now });
    await expect(store.settings.update({ timeZone: 'UTC' })).rejects.toMatchObject({
      identifier: 'store_corrupt',
    });
    await expect(store.importConfig(store.exportConfig())).rejects.toMatchObject({
      identifier: 'store_corrupt',
    });
    await store.close();
    expect(await readFile(configPath, 'utf8')).toBe('{"schemaVersion":2,"settings":');
  });

  it('restores a backup, keeping the bad file aside as .corrupt-<time>', async () => {
    const clock = manualClock();
    const dataDir = await tempDataDir();
    await storeWithHistory(dataDir, clock);
    await writeFile(join(dataDir, 'config.json'), 'garbage');
    const store = await openStore({ dataDir, logger: silentLogger, now: clock.now });
    const [problem] = store.status.ok ? [] : store.status.problems;
    await store.restoreBackup('config', problem?.newestGoodBackup as string);
    expect(store.status).toEqual({ ok: true });
    expect(store.settings.get().timeZone).toBe('Europe/Berlin');
    await store.settings.update({ syncIntervalMinutes: 20 }); // writable again
    const aside = (await readdir(dataDir)).filter((n) => n.startsWith('config.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dataDir, aside[0] as string), 'utf8')).toBe('garbage');
    const reopened = await openStore({ dataDir, logger: silentLogger, now: clock.now });
    expect(reopened.settings.get()).toMatchObject({
      timeZone: 'Europe/Berlin',
      syncIntervalMinutes: 20,
    });
  });

  it('treats a file that parses but breaks the schema as corrupt, naming the field', async () => {
    const dataDir = await tempDataDir();
    await writeFile(
      join(dataDir, 'links.json'),
      JSON.stringify({ schemaVersion: 1, links: [{ discordUserId: 'x' }] }),
    );
    const store = await openStore({ dataDir, logger: silentLogger });
    expect(store.status.ok).toBe(false);
    expect(store.status.ok ? '' : store.status.problems[0]?.message).toContain(
      'links[0].discordUserId',
    );
    expect(store.status.ok ? 'x' : store.status.problems[0]?.newestGoodBackup).toBeNull();
  });

  it('refuses an unknown backup name instead of reading arbitrary paths', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await expect(store.restoreBackup('config', '../config.json')).rejects.toMatchObject({
      identifier: 'not_found',
    });
  });

  it('lets a damaged contributions file be discarded so its repository is crawled again', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    const widgets = { id: 101, name: 'acme/widgets' };
    await store.contributions.commitRepoCrawl(
      'acme',
      widgets,
      [{ login: 'a', repo: 'acme/widgets', metric: 'commits', day: '2025-01-01', count: 1 }],
      { through: '2025-01-02T00:00:00Z', headOid: null },
    );
    const repoFile = join(dataDir, 'contributions', 'acme', 'repos', '101.json');
    await writeFile(repoFile, '{"schemaVersion":2,"org":"ac');
    const broken = await openStore({ dataDir, logger: silentLogger });
    expect(broken.status.ok ? null : broken.status.problems[0]).toMatchObject({
      kind: 'contributions',
      file: repoFile,
      newestGoodBackup: null,
    });
    await expect(
      broken.contributions.commitRepoCrawl('acme', widgets, [], {
        through: '2025-01-03T00:00:00Z',
        headOid: null,
      }),
    ).rejects.toMatchObject({
      identifier: 'store_corrupt',
    });
    await broken.discardCorrupt('contributions');
    expect(broken.status).toEqual({ ok: true });
    expect(broken.contributions.getCursor('acme', widgets.id)).toBeUndefined();
    expect(
      (await readdir(join(dataDir, 'contributions', 'acme', 'repos'))).some((n) =>
        n.includes('.corrupt-'),
      ),
    ).toBe(true);
  });
});

describe('a store file from a newer GitGuild', () => {
  it('is refused with store_too_new and left byte-for-byte untouched', async () => {
    const dataDir = await tempDataDir();
    const future = JSON.stringify({ schemaVersion: 99, somethingNew: true });
    await writeFile(join(dataDir, 'config.json'), future);
    const store = await openStore({ dataDir, logger: silentLogger });
    expect(store.status.ok ? null : store.status.problems[0]).toMatchObject({
      identifier: 'store_too_new',
      kind: 'config',
      message: expect.stringContaining('schema version 99'),
    });
    await expect(store.settings.update({ timeZone: 'UTC' })).rejects.toMatchObject({
      identifier: 'store_too_new',
    });
    await store.close();
    expect(await readFile(join(dataDir, 'config.json'), 'utf8')).toBe(future);
  });
});

describe('opening a version 1 config', () => {
  it('migrates it on open, writes it back at the current version without the plain-text token', async () => {
    const dataDir = await tempDataDir();
    const v1 = await readFile(new URL('./fixtures/config-v1.json', import.meta.url), 'utf8');
    await writeFile(join(dataDir, 'config.json'), v1);
    const store = await openStore({ dataDir, logger: silentLogger });
    expect(store.status).toEqual({ ok: true });
    expect(store.settings.get().githubOrgs).toEqual(['acme-oss']);
    expect(store.mappings.list('900000000000000001')).toHaveLength(2);
    const onDisk = await readFile(join(dataDir, 'config.json'), 'utf8');
    expect(JSON.parse(onDisk)).toMatchObject({ schemaVersion: 3 });
    expect(onDisk).not.toContain('ghp_');
  });
});
