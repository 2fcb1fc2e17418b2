// The keytar backend against a real gnome-keyring Secret Service. Run it through
// `node scripts/with-keyring.mjs npx vitest run tests/integration/secrets`, which starts a private
// D-Bus session and sets GITGUILD_TEST_KEYRING=1; without that flag the keychain part is skipped so
// a developer's own keyring is never touched.
import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import {
  SECRET_ACCOUNTS,
  openSecretStore,
  type SecretAccount,
  type SecretStore,
} from '../../../src-main/secrets/index.js';

const run = promisify(execFile);
const childScript = fileURLToPath(new URL('./fixtures/keychain-child.ts', import.meta.url));
const underTestKeyring = process.env.GITGUILD_TEST_KEYRING === '1';
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

async function runChild(
  mode: 'read-back' | 'try-write',
  service: string,
  env: NodeJS.ProcessEnv,
): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', childScript, mode, service], {
    env,
    timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

describe.skipIf(!underTestKeyring)(
  'keytar store against a real Secret Service (GITGUILD_TEST_KEYRING=1)',
  () => {
    // A unique service keeps this test's entries apart from anything else in the keyring.
    const service = `GitGuild-test-${randomUUID()}`;
    const sink = memorySink(10_000);
    const logger = createLogger('keytar-test', { sinks: [sink], level: 'debug' });
    const values = Object.fromEntries(
      SECRET_ACCOUNTS.map((account) => [
        account,
        `gg-${account}-${randomBytes(24).toString('base64url')}`,
      ]),
    ) as Record<SecretAccount, string>;
    let store: SecretStore;

    beforeAll(async () => {
      store = await openSecretStore({ backend: 'keytar', service, logger });
    });

    afterAll(async () => {
      if (store?.status().available)
        for (const account of SECRET_ACCOUNTS) await store.delete(account);
    });

    it('finds the keychain available (with-keyring started one)', () => {
      // A failure here prints the problem text, which says what is missing.
      expect(store.status()).toEqual({ available: true, backend: 'keytar', writable: true });
    });

    it('stores every account, and a new process reads each one back and lists them', async () => {
      for (const account of SECRET_ACCOUNTS) await store.set(account, values[account]);
      const expected = Object.fromEntries(
        SECRET_ACCOUNTS.map((account) => [account, sha256(values[account])]),
      );
      const report = await runChild('read-back', service, {
        ...process.env,
        GITGUILD_EXPECTED_SHA256: JSON.stringify(expected),
      });
      expect(report.status).toMatchObject({ available: true, backend: 'keytar' });
      expect(report.results).toEqual(
        Object.fromEntries(SECRET_ACCOUNTS.map((account) => [account, 'match'])),
      );
      expect(report.listed).toEqual([...SECRET_ACCOUNTS].sort());
      expect(await store.list()).toEqual([...SECRET_ACCOUNTS].sort());
    });

    it('overwrites a value in place rather than adding a second entry', async () => {
      const replaced = `gg-replaced-${randomBytes(16).toString('hex')}`;
      await store.set('github.token', replaced);
      expect(await store.get('github.token')).toBe(replaced);
      expect((await store.list()).filter((account) => account === 'github.token')).toHaveLength(1);
      values['github.token'] = replaced;
    });

    it('registers values read from the keychain with a fresh logger, so a stray log line is redacted', async () => {
      const freshSink = memorySink();
      const freshLogger = createLogger('fresh', { sinks: [freshSink] });
      const reopened = await openSecretStore({ backend: 'keytar', service, logger: freshLogger });
      const value = await reopened.get('discord.botToken');
      expect(value).toBe(values['discord.botToken']);
      freshLogger.error(`careless line with ${value}`);
      expect(JSON.stringify(freshSink.records)).not.toContain(values['discord.botToken']);
      expect(freshSink.records.at(-1)?.msg).toBe('careless line with [redacted]');
    });

    it('deletes every account, and a new process confirms they are gone', async () => {
      for (const account of SECRET_ACCOUNTS) expect(await store.delete(account)).toBe(true);
      expect(await store.delete('github.token')).toBe(false);
      expect(await store.list()).toEqual([]);
      expect(await store.get('github.token')).toBeNull();
      const report = await runChild('read-back', service, process.env);
      expect(report.results).toEqual(
        Object.fromEntries(SECRET_ACCOUNTS.map((account) => [account, 'missing'])),
      );
      expect(report.listed).toEqual([]);
    });

    it('never let a secret value into a log record during all of the above', () => {
      expect(sink.records.length).toBeGreaterThan(SECRET_ACCOUNTS.length);
      const text = JSON.stringify(sink.records);
      for (const value of Object.values(values)) expect(text).not.toContain(value);
    });
  },
);

describe('keytar store without a Secret Service', () => {
  const keytarLoads = (() => {
    try {
      createRequire(import.meta.url)('keytar');
      return true;
    } catch {
      return false;
    }
  })();

  it('reports the keychain unavailable with a fix hint and refuses writes, within seconds', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/gitguild-no-bus',
    };
    // Without a bus address libsecret would try to autolaunch one through X11.
    delete env.DISPLAY;
    const started = Date.now();
    const report = await runChild('try-write', `GitGuild-test-${randomUUID()}`, env);
    // Includes starting Node and tsx; the keychain part itself fails in milliseconds.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(report.writeError).toBe('keychain_unavailable');
    const status = report.status as {
      available: boolean;
      backend: string;
      writable: boolean;
      problem: string;
    };
    expect(status).toMatchObject({ available: false, backend: 'none', writable: false });
    expect(status.problem).toContain('--secrets env');
    if (keytarLoads) {
      expect(status.problem).toMatch(/did not answer: Could not connect/);
      expect(status.problem).toMatch(/gnome-keyring.*KeePassXC/s);
    } else {
      expect(status.problem).toContain('libsecret-1-dev');
    }
  });
});
