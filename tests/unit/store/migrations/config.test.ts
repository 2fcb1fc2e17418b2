import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ConfigFileSchema } from '../../../../src-main/store/file-schemas.js';
import { settingsObject } from '../../../../src-main/store/migrations/config/001-settings-object.js';
import { roleEngine } from '../../../../src-main/store/migrations/config/002-role-engine.js';
import { CURRENT_VERSION, MIGRATIONS } from '../../../../src-main/store/migrations/index.js';
import { applyMigrations } from '../../../../src-main/store/migrations/migration.js';
import type { JsonObject, Migration } from '../../../../src-main/store/migrations/migration.js';

const DEFAULT_SETTINGS_V2 = {
  timeZone: 'UTC',
  syncIntervalMinutes: 60,
  githubOrgs: [],
  githubApiBaseUrl: 'https://api.github.com',
  githubWebBaseUrl: 'https://github.com',
  discordApiBaseUrl: 'https://discord.com/api',
  discordClientId: '',
  crawl: {
    includeArchived: false,
    includeForks: false,
    includeBots: false,
    repoInclude: [],
    repoExclude: [],
  },
  startMinimized: false,
};

async function v1Fixture(): Promise<JsonObject> {
  return JSON.parse(
    await readFile(new URL('../fixtures/config-v1.json', import.meta.url), 'utf8'),
  ) as JsonObject;
}

describe('config migration 001 (flat v1 → settings object v2)', () => {
  it('turns the v1 fixture into the config v2 shape', async () => {
    const { doc } = settingsObject.up(await v1Fixture());
    const parsed = doc as unknown as {
      settings: Record<string, unknown>;
      guilds: unknown[];
      mappings: unknown[];
    };
    expect(parsed.settings).toMatchObject({
      timeZone: 'Europe/Berlin',
      syncIntervalMinutes: 30,
      githubOrgs: ['acme-oss'],
      githubWebBaseUrl: 'https://github.com',
      discordClientId: '112233445566778899',
      crawl: { includeArchived: true, includeForks: false },
    });
    expect(parsed.guilds).toEqual([
      { id: '900000000000000001', name: 'Acme Community', enabled: true },
    ]);
    expect(parsed.mappings).toEqual([
      {
        id: 'mapping-1',
        guildId: '900000000000000001',
        roleId: '900000000000000010',
        metric: 'prs_merged',
        window: { kind: 'rolling', days: 30 },
        threshold: 3,
        enabled: true,
      },
      {
        id: 'mapping-2',
        guildId: '900000000000000001',
        roleId: '900000000000000011',
        metric: 'commits',
        window: { kind: 'all_time' },
        threshold: 100,
        enabled: true,
      },
    ]);
  });

  it('drops the plain-text token and says so in a note that does not repeat the value', async () => {
    const v1 = await v1Fixture();
    const { doc, notes } = settingsObject.up(v1);
    expect(JSON.stringify(doc)).not.toContain('ghp_');
    expect(notes.join(' ')).toContain('githubToken');
    expect(notes.join(' ')).not.toContain(String(v1['githubToken']));
  });

  it('clamps a v1 sync interval in seconds into the v2 range of minutes', () => {
    expect(settingsObject.up({ schemaVersion: 1, syncInterval: 10 }).doc).toMatchObject({
      settings: { syncIntervalMinutes: 5 },
    });
    expect(settingsObject.up({ schemaVersion: 1, syncInterval: 999_999 }).doc).toMatchObject({
      settings: { syncIntervalMinutes: 1440 },
    });
  });

  it('is pure: the input document is left unchanged', async () => {
    const v1 = await v1Fixture();
    const before = JSON.stringify(v1);
    settingsObject.up(v1);
    expect(JSON.stringify(v1)).toBe(before);
  });
});

describe('config migration 002 (v2 → role engine v3)', () => {
  const v2 = (): JsonObject => ({
    schemaVersion: 2,
    settings: { ...DEFAULT_SETTINGS_V2, githubOrgs: ['acme-oss'] },
    guilds: [{ id: '900000000000000001', name: 'Acme Community', enabled: true }],
    mappings: [
      {
        id: 'mapping-1',
        guildId: '900000000000000001',
        roleId: '900000000000000010',
        metric: 'prs_merged',
        window: { kind: 'rolling', days: 30 },
        threshold: 3,
        label: 'Active',
        enabled: true,
      },
      {
        id: 'mapping-2',
        guildId: '900000000000000001',
        roleId: '900000000000000011',
        metric: 'commits',
        window: { kind: 'all_time' },
        threshold: 100,
        enabled: false,
      },
    ],
  });

  it('converts every v2 mapping into a metric condition in file order, and validates as v3', () => {
    const { doc, notes } = roleEngine.up(v2());
    const parsed = ConfigFileSchema.parse({ ...doc, schemaVersion: 3 });
    expect(parsed.mappings).toEqual([
      {
        id: 'mapping-1',
        guildId: '900000000000000001',
        roleId: '900000000000000010',
        label: 'Active',
        enabled: true,
        order: 0,
        group: null,
        condition: {
          kind: 'metric',
          metric: 'prs_merged',
          window: { kind: 'rolling', days: 30 },
          threshold: 3,
        },
        graceDays: null,
      },
      {
        id: 'mapping-2',
        guildId: '900000000000000001',
        roleId: '900000000000000011',
        enabled: false,
        order: 1,
        group: null,
        condition: {
          kind: 'metric',
          metric: 'commits',
          window: { kind: 'all_time' },
          threshold: 100,
        },
        graceDays: null,
      },
    ]);
    expect(notes.join(' ')).toContain('2 role mapping(s)');
  });

  it('gives guilds the v3 sync settings, following the one configured org', () => {
    const parsed = ConfigFileSchema.parse({ ...roleEngine.up(v2()).doc, schemaVersion: 3 });
    expect(parsed.guilds[0]).toMatchObject({
      id: '900000000000000001',
      org: 'acme-oss',
      syncIntervalMinutes: 15,
      removeRolesOnUnlink: true,
      auditChannelId: null,
      maxChangesPerRun: 200,
      voiceStats: { enabled: false },
    });
    expect(parsed.settings.schedulerPaused).toBe(false);
  });

  it('leaves the org unset when v2 had several orgs (the guild followed none in particular)', () => {
    const doc = v2();
    (doc['settings'] as JsonObject)['githubOrgs'] = ['a', 'b'];
    const parsed = ConfigFileSchema.parse({ ...roleEngine.up(doc).doc, schemaVersion: 3 });
    expect(parsed.guilds[0]?.org).toBeNull();
  });

  it('is pure and chains from v1 to the current version', async () => {
    const input = v2();
    const before = JSON.stringify(input);
    roleEngine.up(input);
    expect(JSON.stringify(input)).toBe(before);
    const { doc } = applyMigrations('config', await v1Fixture(), MIGRATIONS.config, 3);
    const parsed = ConfigFileSchema.parse(doc);
    expect(parsed.mappings.map((m) => m.condition)).toEqual([
      { kind: 'metric', metric: 'prs_merged', window: { kind: 'rolling', days: 30 }, threshold: 3 },
      { kind: 'metric', metric: 'commits', window: { kind: 'all_time' }, threshold: 100 },
    ]);
  });
});

describe('applyMigrations', () => {
  const steps: Migration[] = [
    { from: 1, name: 'a', up: (d) => ({ doc: { ...d, a: true }, notes: ['added a'] }) },
    { from: 2, name: 'b', up: (d) => ({ doc: { ...d, b: true }, notes: [] }) },
  ];

  it('chains every step from the file version to the current one and stamps the version', () => {
    const result = applyMigrations('test.json', { schemaVersion: 1 }, steps, 3);
    expect(result).toEqual({
      doc: { schemaVersion: 3, a: true, b: true },
      fromVersion: 1,
      notes: ['test.json 1→2 (a): added a'],
    });
  });

  it('refuses a document from a newer version with store_too_new', () => {
    expect(() => applyMigrations('test.json', { schemaVersion: 4 }, steps, 3)).toThrow(
      expect.objectContaining({
        identifier: 'store_too_new',
        message: expect.stringContaining('schema version 4'),
      }),
    );
  });

  it('reports a document without a usable version as corrupt', () => {
    expect(() => applyMigrations('test.json', { schemaVersion: '2' }, steps, 3)).toThrow(
      expect.objectContaining({ identifier: 'store_corrupt' }),
    );
    expect(() => applyMigrations('test.json', [], steps, 3)).toThrow(
      expect.objectContaining({ identifier: 'store_corrupt' }),
    );
  });

  it('has one registered step per version below the current one, for every file kind', () => {
    for (const kind of Object.keys(CURRENT_VERSION) as (keyof typeof CURRENT_VERSION)[]) {
      expect(MIGRATIONS[kind].map((m) => m.from)).toEqual(
        Array.from({ length: CURRENT_VERSION[kind] - 1 }, (_, i) => i + 1),
      );
    }
  });
});
