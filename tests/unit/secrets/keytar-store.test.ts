import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import {
  openKeytarSecretStore,
  type KeytarModule,
} from '../../../src-main/secrets/keytar-store.js';

// A stand-in for the native keytar module (a third-party boundary), injected through the loader.
function fakeKeytar(entries: Record<string, string> = {}): KeytarModule {
  const values = new Map(Object.entries(entries));
  return {
    getPassword: async (_service, account) => values.get(account) ?? null,
    setPassword: async (_service, account, password) => void values.set(account, password),
    deletePassword: async (_service, account) => values.delete(account),
    findCredentials: async () => [...values].map(([account, password]) => ({ account, password })),
  };
}

function open(
  loadKeytar: () => Promise<KeytarModule>,
  extra: { probeTimeoutMs?: number; platform?: NodeJS.Platform } = {},
) {
  const sink = memorySink();
  const logger = createLogger('t', { sinks: [sink], level: 'debug' });
  return {
    sink,
    logger,
    store: openKeytarSecretStore({
      logger,
      service: 'GitGuild-test',
      loadKeytar,
      platform: 'linux',
      ...extra,
    }),
  };
}

describe('keytar secret store when the keychain is unavailable', () => {
  it('reports a keytar module that failed to build, with the libsecret fix and the headless alternative', async () => {
    const store = await open(async () => {
      throw new Error("Cannot find module '../build/Release/keytar.node'");
    }).store;
    const status = store.status();
    expect(status).toMatchObject({ available: false, backend: 'none', writable: false });
    expect(status.problem).toContain('keytar.node');
    expect(status.problem).toContain('apt-get install libsecret-1-dev');
    expect(status.problem).toContain('npm rebuild keytar');
    expect(status.problem).toContain('--secrets env');
  });

  it("keeps only the first line of Node's module error, not its require stack", async () => {
    const store = await open(async () => {
      throw new Error(
        "Cannot find module '../build/Release/keytar.node'\nRequire stack:\n- /app/node_modules/keytar/lib/keytar.js",
      );
    }).store;
    expect(store.status().problem).not.toContain('Require stack');
  });

  it('refuses get, set, delete and list with keychain_unavailable instead of falling back', async () => {
    const store = await open(async () => {
      throw new Error('no module');
    }).store;
    const unavailable = {
      identifier: 'keychain_unavailable',
      context: { hint: expect.stringContaining('libsecret') },
    };
    await expect(store.set('github.token', 'ghp_would_be_lost1')).rejects.toMatchObject(
      unavailable,
    );
    await expect(store.get('github.token')).rejects.toMatchObject(unavailable);
    await expect(store.delete('github.token')).rejects.toMatchObject(unavailable);
    await expect(store.list()).rejects.toMatchObject(unavailable);
  });

  it('reports a Secret Service that does not answer, with how to install and unlock one', async () => {
    const keytar = {
      ...fakeKeytar(),
      findCredentials: async () =>
        Promise.reject(new Error('Could not connect: No such file or directory')),
    };
    const store = await open(async () => keytar).store;
    expect(store.status()).toMatchObject({ available: false, backend: 'none' });
    expect(store.status().problem).toMatch(
      /Could not connect.*gnome-keyring.*KeePassXC.*--secrets env/s,
    );
  });

  it('recovers without a restart once the keychain is unlocked, checking again on the next use', async () => {
    let locked = true;
    const base = fakeKeytar();
    const keytar = {
      ...base,
      findCredentials: async (service: string) =>
        locked ? Promise.reject(new Error('locked')) : base.findCredentials(service),
    };
    const store = await open(async () => keytar).store;
    expect(store.status().available).toBe(false);
    await expect(store.set('github.token', 'ghp_while_locked_1')).rejects.toMatchObject({
      identifier: 'keychain_unavailable',
    });
    locked = false;
    await store.set('github.token', 'ghp_after_unlock_1');
    expect(store.status()).toEqual({ available: true, backend: 'keytar', writable: true });
    expect(await store.get('github.token')).toBe('ghp_after_unlock_1');
  });

  it('gives up on a keychain that hangs instead of hanging startup', async () => {
    const keytar = { ...fakeKeytar(), findCredentials: () => new Promise<never>(() => {}) };
    const started = Date.now();
    const store = await open(async () => keytar, { probeTimeoutMs: 50 }).store;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(store.status().problem).toMatch(/did not answer within .* locked/);
  });

  it('does not pile up calls on a keychain that still hangs, and asks again once it answers', async () => {
    let calls = 0;
    let answer: (value: Array<{ account: string; password: string }>) => void = () => {};
    const keytar = {
      ...fakeKeytar(),
      findCredentials: () => {
        calls += 1;
        return calls === 1
          ? new Promise<Array<{ account: string; password: string }>>(
              (resolve) => (answer = resolve),
            )
          : Promise.resolve([]);
      },
    };
    const store = await open(async () => keytar, { probeTimeoutMs: 20 }).store;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(store.get('github.token')).rejects.toMatchObject({
        identifier: 'keychain_unavailable',
      });
    }
    expect(calls).toBe(1);
    answer([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await store.get('github.token')).toBeNull();
    expect(calls).toBe(2);
    expect(store.status().available).toBe(true);
  });

  it('gives macOS users a macOS fix rather than Linux packages', async () => {
    const keytar = {
      ...fakeKeytar(),
      findCredentials: async () => Promise.reject(new Error('denied')),
    };
    const problem = (await open(async () => keytar, { platform: 'darwin' }).store).status().problem;
    expect(problem).toContain('Keychain Access');
    expect(problem).not.toContain('apt-get');
  });
});

describe('keytar secret store when the keychain answers', () => {
  it('is available and writable', async () => {
    const store = await open(async () => fakeKeytar()).store;
    expect(store.status()).toEqual({ available: true, backend: 'keytar', writable: true });
  });

  it('lists only known accounts and ignores foreign entries under the service', async () => {
    const store = await open(async () =>
      fakeKeytar({ 'github.token': 'ghp_existing_value', 'something.else': 'other-value-123' }),
    ).store;
    expect(await store.list()).toEqual(['github.token']);
  });

  it('registers values already in the keychain, read, or written so the logger redacts them', async () => {
    const {
      logger,
      sink,
      store: opening,
    } = open(async () => fakeKeytar({ 'github.token': 'ghp_existing_value' }));
    const store = await opening;
    await store.set('discord.botToken', 'bot-token-written-1');
    logger.info('ghp_existing_value bot-token-written-1');
    const text = JSON.stringify(sink.records);
    expect(text).not.toContain('ghp_existing_value');
    expect(text).not.toContain('bot-token-written-1');
    expect(
      sink.records.some(
        (r) => r.msg === 'secret stored in the OS keychain' && r.account === 'discord.botToken',
      ),
    ).toBe(true);
  });

  it('validates a value before it reaches the keychain', async () => {
    const keytar = fakeKeytar();
    const store = await open(async () => keytar).store;
    await expect(store.set('github.token', 'line1-abc\nline2-def')).rejects.toMatchObject({
      identifier: 'invalid_input',
    });
    expect(await keytar.getPassword('GitGuild-test', 'github.token')).toBeNull();
  });

  it('turns a keychain error during a write into keychain_unavailable and says so in its status', async () => {
    const keytar = {
      ...fakeKeytar(),
      setPassword: async () =>
        Promise.reject(new Error('Cannot create an item in a locked collection')),
    };
    const store = await open(async () => keytar).store;
    await expect(store.set('github.token', 'ghp_locked_value12')).rejects.toMatchObject({
      identifier: 'keychain_unavailable',
      message: expect.stringContaining('locked collection'),
    });
    expect(store.status()).toMatchObject({
      available: false,
      problem: expect.stringContaining('locked collection'),
    });
  });
});
