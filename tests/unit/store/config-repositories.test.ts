import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import type { Mapping } from '../../../src-main/store/types.js';
import { tempDataDir } from './temp-data-dir.js';

const GUILD = { id: '900000000000000001', name: 'Acme', enabled: true };
const mapping = (over: Partial<Mapping> = {}): Mapping => ({
  id: 'top-merger',
  guildId: GUILD.id,
  roleId: '900000000000000010',
  metric: 'prs_merged',
  window: { kind: 'rolling', days: 30 },
  threshold: 5,
  enabled: true,
  ...over,
});

describe('settings repository', () => {
  it('starts from the defaults and persists a partial update, merging crawl options', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    expect(store.settings.get().syncIntervalMinutes).toBe(60);
    const updated = await store.settings.update({
      syncIntervalMinutes: 15,
      crawl: { includeForks: true },
    });
    expect(updated.crawl).toMatchObject({ includeForks: true, includeArchived: false });
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.settings.get()).toEqual(updated);
  });

  it('keeps fields that have a default when a patch leaves them out', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    const wizard = { step: 'org', dismissedAt: '2026-03-01T10:00:00.000Z' };
    await store.settings.update({ discordClientId: '123456789012345678', setupWizard: wizard });
    const updated = await store.settings.update({ timeZone: 'Europe/Berlin' });
    expect(updated.discordClientId).toBe('123456789012345678');
    expect(updated.setupWizard).toEqual(wizard);
  });

  it('rejects an invalid patch naming the field and changes nothing', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await expect(store.settings.update({ syncIntervalMinutes: 1 })).rejects.toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('syncIntervalMinutes'),
    });
    expect(store.settings.get().syncIntervalMinutes).toBe(60);
  });

  it('returns copies, so a caller mutating the result cannot change stored state', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    store.settings.get().githubOrgs.push('sneaky');
    expect(store.settings.get().githubOrgs).toEqual([]);
  });

  it('writes config.json with its schema version', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.settings.update({ timeZone: 'Europe/Berlin' });
    const onDisk = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as {
      schemaVersion: number;
    };
    expect(onDisk.schemaVersion).toBe(2);
  });
});

describe('guilds and mappings repositories', () => {
  it('adds, replaces and lists guilds', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.guilds.upsert(GUILD);
    await store.guilds.upsert({ ...GUILD, name: 'Acme OSS' });
    expect(store.guilds.list()).toEqual([{ ...GUILD, name: 'Acme OSS' }]);
    expect(store.guilds.get('1')).toBeUndefined();
  });

  it('lists mappings per guild and removes them with their guild', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.guilds.upsert(GUILD);
    await store.guilds.upsert({ id: '900000000000000002', name: 'Other', enabled: false });
    await store.mappings.upsert(mapping());
    await store.mappings.upsert(mapping({ id: 'other', guildId: '900000000000000002' }));
    expect(store.mappings.list(GUILD.id).map((m) => m.id)).toEqual(['top-merger']);
    expect(await store.guilds.remove(GUILD.id)).toBe(true);
    expect(store.mappings.get('top-merger')).toBeUndefined();
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.mappings.list('900000000000000002')).toHaveLength(1);
  });

  it('refuses a mapping for a guild it does not manage', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await expect(store.mappings.upsert(mapping())).rejects.toMatchObject({
      identifier: 'not_found',
    });
  });

  it('refuses a mapping with a bad threshold, naming the field', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.guilds.upsert(GUILD);
    await expect(store.mappings.upsert(mapping({ threshold: 0 }))).rejects.toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('threshold'),
    });
  });

  it('applies concurrent updates one after another without losing any', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.guilds.upsert({ id: String(1000 + i), name: `g${i}`, enabled: true }),
      ),
    );
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.guilds.list()).toHaveLength(20);
  });
});
