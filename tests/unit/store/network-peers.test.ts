// Network peers: every URL setting is a server GitGuild sends tokens to. Plain http only to
// loopback, found generically (settings added later are covered), and an imported document does
// not move them without the admin's word.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import {
  isLoopbackHostname,
  networkPeerPaths,
  networkPeerUrl,
  peerTransportProblem,
} from '../../../src-main/store/network-peers.js';
import {
  DEFAULT_SETTINGS,
  SETTINGS_PEER_PATHS,
  SettingsSchema,
} from '../../../src-main/store/types.js';
import { handlerFixture } from '../api/handler-fixture.js';
import { tempDataDir } from './temp-data-dir.js';

describe('the transport rule for network peers', () => {
  it('allows https anywhere and plain http only to 127.0.0.0/8, ::1 and localhost', () => {
    const allowed = [
      'https://api.github.com',
      'https://ghe.example.org/api/v3',
      'http://127.0.0.1:4000',
      'http://127.9.8.7/api',
      'http://127.1:8080', // WHATWG URL reads this as 127.0.0.1
      'http://localhost:3000/api',
      'http://LOCALHOST.',
      'http://[::1]:9000',
    ];
    const refused = [
      'http://api.github.com',
      'http://192.168.1.20:4000',
      'http://10.0.0.1',
      'http://0.0.0.0:4000',
      'http://localhost.attacker.example',
      'http://127.0.0.1.nip.io',
      'http://[::ffff:7f00:1]',
      'http://[fe80::1]',
      'ftp://127.0.0.1',
    ];
    for (const url of allowed) expect(peerTransportProblem(url), url).toBeNull();
    for (const url of refused) expect(peerTransportProblem(url), url).not.toBeNull();
    expect(isLoopbackHostname('128.0.0.1')).toBe(false);
  });

  it('applies to settings.update, naming the field and changing nothing', async () => {
    const f = await handlerFixture();
    try {
      const error = await invokeMethod(f.handlers, 'settings.update', {
        timeZone: 'Europe/Berlin',
        githubApiBaseUrl: 'http://192.168.1.20:4000',
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        identifier: 'invalid_input',
        message: expect.stringMatching(/githubApiBaseUrl: must use https.*loopback/),
      });
      expect(f.store.settings.get().timeZone).toBe('UTC');
      await invokeMethod(f.handlers, 'settings.update', {
        githubApiBaseUrl: 'http://127.0.0.1:4000',
        discordApiBaseUrl: 'https://discord.example.org/api',
      });
      expect(f.store.settings.get()).toMatchObject({
        githubApiBaseUrl: 'http://127.0.0.1:4000',
        discordApiBaseUrl: 'https://discord.example.org/api',
      });
    } finally {
      await f.close();
    }
  });

  it('refuses credentials inside a peer URL', () => {
    expect(networkPeerUrl.safeParse('https://user:pass@api.github.com').success).toBe(false);
  });
});

describe('finding network peers', () => {
  it('finds every URL setting of today: the GitHub API and web and the Discord API', () => {
    expect(SETTINGS_PEER_PATHS.map((p) => p.join('.')).sort()).toEqual([
      'discordApiBaseUrl',
      'githubApiBaseUrl',
      'githubWebBaseUrl',
    ]);
  });

  it('covers every URL-valued setting, so a new one cannot slip past as a plain string', () => {
    const peers = new Set(SETTINGS_PEER_PATHS.map((p) => p.join('.')));
    const walk = (value: unknown, path: string[]): string[] =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).flatMap(([k, v]) => walk(v, [...path, k]))
        : [path.join('.')];
    const leaves = walk(DEFAULT_SETTINGS, []);
    const urlValued = leaves.filter((path) => {
      const value = path
        .split('.')
        .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], DEFAULT_SETTINGS);
      return /url$/i.test(path) || (typeof value === 'string' && /^https?:\/\//.test(value));
    });
    expect(urlValued.length).toBeGreaterThan(0);
    for (const path of urlValued) expect(peers, `${path} must use networkPeerUrl`).toContain(path);
  });

  it('finds peers declared later, optional, defaulted or nested', () => {
    const future = z.strictObject({
      timeZone: z.string(),
      oauthRedirectBaseUrl: networkPeerUrl.default('https://gitguild.example.org'),
      web: z.strictObject({ publicBaseUrl: networkPeerUrl.optional(), title: z.string() }),
    });
    expect(networkPeerPaths(future)).toEqual([['oauthRedirectBaseUrl'], ['web', 'publicBaseUrl']]);
    expect(networkPeerPaths(SettingsSchema.partial())).toHaveLength(3);
  });
});

describe('importing a document that moves network peers', () => {
  async function storeAndDocument() {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.settings.update({
      githubApiBaseUrl: 'http://127.0.0.1:4000',
      discordApiBaseUrl: 'http://127.0.0.1:4001/api',
    });
    const document = {
      ...store.exportConfig(),
      settings: {
        ...store.exportConfig().settings,
        timeZone: 'Asia/Tokyo',
        githubApiBaseUrl: 'http://127.0.0.1:5000',
        discordApiBaseUrl: 'http://127.0.0.1:5000/api',
      },
      guilds: [{ id: '900000000000000001', name: 'Acme', enabled: true }],
    };
    return { store, document };
  }

  it('imports nothing without confirmation and lists the changes', async () => {
    const { store, document } = await storeAndDocument();
    const before = store.exportConfig();
    const outcome = await store.importConfig(document);
    expect(outcome).toMatchObject({
      imported: false,
      networkPeers: {
        status: 'needs_confirmation',
        changes: [
          {
            setting: 'githubApiBaseUrl',
            current: 'http://127.0.0.1:4000',
            proposed: 'http://127.0.0.1:5000',
          },
          {
            setting: 'discordApiBaseUrl',
            current: 'http://127.0.0.1:4001/api',
            proposed: 'http://127.0.0.1:5000/api',
          },
        ],
      },
      changes: { settings: ['timeZone'], guilds: { current: 0, proposed: 1 } },
      message: expect.stringContaining('Nothing was imported'),
    });
    expect({ ...store.exportConfig(), exportedAt: '' }).toEqual({ ...before, exportedAt: '' });
  });

  it('imports everything else and keeps the current peers when told to leave them out', async () => {
    const { store, document } = await storeAndDocument();
    const outcome = await store.importConfig(document, 'keep');
    expect(outcome).toMatchObject({ imported: true, networkPeers: { status: 'kept' } });
    expect(store.settings.get()).toMatchObject({
      timeZone: 'Asia/Tokyo',
      githubApiBaseUrl: 'http://127.0.0.1:4000',
      discordApiBaseUrl: 'http://127.0.0.1:4001/api',
    });
    expect(store.guilds.list()).toHaveLength(1);
  });

  it('applies the peers when the admin confirms them', async () => {
    const { store, document } = await storeAndDocument();
    const outcome = await store.importConfig(document, 'apply');
    expect(outcome).toMatchObject({ imported: true, networkPeers: { status: 'applied' } });
    expect(store.settings.get().githubApiBaseUrl).toBe('http://127.0.0.1:5000');
  });

  it('refuses plain http beyond loopback in a document, even when confirmed', async () => {
    const { store, document } = await storeAndDocument();
    const insecure = {
      ...document,
      settings: { ...document.settings, githubApiBaseUrl: 'http://203.0.113.9' },
    };
    await expect(store.importConfig(insecure, 'apply')).rejects.toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('settings.githubApiBaseUrl: must use https'),
    });
    expect(store.settings.get().githubApiBaseUrl).toBe('http://127.0.0.1:4000');
  });
});
