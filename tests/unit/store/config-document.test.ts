import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import { DEFAULT_VOICE_STATS } from '../../../src-main/store/types.js';
import type { ConfigDocument, Mapping } from '../../../src-main/store/types.js';
import { tempDataDir } from './temp-data-dir.js';

const GUILD = {
  id: '900000000000000001',
  name: 'Acme',
  enabled: true,
  org: 'acme',
  syncIntervalMinutes: 15,
  removeRolesOnUnlink: true,
  auditChannelId: null,
  maxChangesPerRun: 200,
  voiceStats: DEFAULT_VOICE_STATS,
};
const MAPPING: Mapping = {
  id: 'top',
  guildId: GUILD.id,
  roleId: '900000000000000010',
  enabled: true,
  order: 0,
  group: null,
  condition: {
    kind: 'metric',
    metric: 'prs_merged',
    window: { kind: 'rolling', days: 30 },
    threshold: 5,
  },
  graceDays: null,
};

async function populatedStore() {
  const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
  await store.settings.update({ githubOrgs: ['acme'], discordClientId: '112233445566778899' });
  await store.guilds.upsert(GUILD);
  await store.mappings.upsert(MAPPING);
  return store;
}

// Values that look like credentials: GitHub token prefixes, Discord bot tokens, long opaque strings.
const SECRET_LOOKING_VALUE =
  /(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_|[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,}|^[A-Za-z0-9+/=_-]{40,}$)/;
const SECRET_LOOKING_KEY = /(token|secret|password|authorization|cookie|refresh)/i;

function walk(value: unknown, visit: (key: string, value: unknown) => void, key = ''): void {
  visit(key, value);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, visit, String(i)));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) walk(v, visit, k);
}

describe('config export', () => {
  it('contains settings, guilds and mappings and nothing secret-looking', async () => {
    const store = await populatedStore();
    const doc = store.exportConfig();
    expect(doc).toMatchObject({
      format: 'gitguild-config',
      schemaVersion: 3,
      guilds: [GUILD],
      mappings: [MAPPING],
    });
    const offending: string[] = [];
    walk(doc, (key, value) => {
      if (SECRET_LOOKING_KEY.test(key)) offending.push(`key ${key}`);
      if (typeof value === 'string' && SECRET_LOOKING_VALUE.test(value))
        offending.push(`value of ${key}`);
    });
    expect(offending).toEqual([]);
  });

  it('round-trips through import into another store', async () => {
    const doc = (await populatedStore()).exportConfig();
    const other = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await other.importConfig(JSON.parse(JSON.stringify(doc)));
    expect(other.exportConfig()).toEqual({ ...doc, exportedAt: expect.any(String) });
  });
});

describe('config import', () => {
  async function rejection(mutate: (doc: Record<string, unknown> & ConfigDocument) => unknown) {
    const store = await populatedStore();
    const doc = structuredClone(store.exportConfig()) as Record<string, unknown> & ConfigDocument;
    const before = store.exportConfig();
    const error = await store.importConfig(mutate(doc) ?? doc).then(
      () => null,
      (e: unknown) => e,
    );
    expect({ ...store.exportConfig(), exportedAt: '' }).toEqual({ ...before, exportedAt: '' }); // nothing changed
    return error;
  }

  it('rejects a malformed mapping with a message naming mappings[0].condition.threshold', async () => {
    const error = await rejection((doc) => {
      (doc.mappings[0]!.condition as { threshold: unknown }).threshold = 'five';
    });
    expect(error).toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('mappings[0].condition.threshold'),
    });
  });

  it('rejects a secret smuggled into settings, naming the field', async () => {
    const error = await rejection((doc) => {
      (doc.settings as Record<string, unknown>)['githubToken'] =
        'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    });
    expect(error).toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('settings.githubToken'),
    });
    expect((error as Error).message).not.toContain('ghp_');
  });

  it('rejects a mapping whose guild is not in the document', async () => {
    const error = await rejection((doc) => {
      doc.guilds = [];
    });
    expect(error).toMatchObject({ message: expect.stringContaining('mappings[0].guildId') });
  });

  it('rejects duplicate guild ids and a document of another format', async () => {
    expect(
      await rejection((doc) => {
        doc.guilds.push({ ...GUILD });
      }),
    ).toMatchObject({ message: expect.stringContaining('guilds[1].id') });
    expect(await rejection(() => ({ hello: 'world' }))).toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('format'),
    });
    expect(await rejection(() => 'not json at all')).toMatchObject({ identifier: 'invalid_input' });
  });

  it('rejects a document from a newer GitGuild with store_too_new', async () => {
    const error = await rejection((doc) => {
      doc.schemaVersion = 99;
    });
    expect(error).toMatchObject({ identifier: 'store_too_new' });
  });

  it('accepts a version 1 document through the config migrations', async () => {
    const v1 = JSON.parse(
      await readFile(new URL('./fixtures/config-v1.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.importConfig({ ...v1, format: 'gitguild-config' });
    expect(store.settings.get().githubOrgs).toEqual(['acme-oss']);
    expect(JSON.stringify(store.exportConfig())).not.toContain('ghp_');
  });
});
