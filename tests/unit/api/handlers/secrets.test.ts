import { afterEach, describe, expect, it } from 'vitest';
import { invokeMethod } from '../../../../src-main/api/invoke.js';
import { silentLogger } from '../../../../src-main/log/logger.js';
import { openSecretStore } from '../../../../src-main/secrets/index.js';
import { handlerFixture, type HandlerFixture } from '../handler-fixture.js';
import { rejection } from './rejection.js';

const TOKEN = 'ghp_unit_test_token_0123456789abcdef';
let f: HandlerFixture;
afterEach(() => f.close());

describe('secrets handlers', () => {
  it('report every account as absent at first, with the backend and writability', async () => {
    f = await handlerFixture();
    const status = await invokeMethod(f.handlers, 'secrets.status', undefined);
    expect(status).toMatchObject({
      keychain: { available: true, backend: 'memory' },
      writable: true,
    });
    expect(
      Object.values((status as { present: Record<string, boolean> }).present).every(
        (p) => p === false,
      ),
    ).toBe(true);
  });

  it('store a value write-only: present afterwards, never in the answer, the logs or the store files', async () => {
    f = await handlerFixture();
    const status = await invokeMethod(f.handlers, 'secrets.set', {
      account: 'github.token',
      value: TOKEN,
    });
    expect(status).toMatchObject({ present: { 'github.token': true, 'discord.botToken': false } });
    expect(JSON.stringify(status)).not.toContain(TOKEN);
    expect(await f.secrets.get('github.token')).toBe(TOKEN);
    expect(f.secretChanges).toEqual(['github.token']);
    expect(JSON.stringify(f.logs)).not.toContain(TOKEN);
    expect(f.logs.some((r) => r.msg === 'secret saved' && r['account'] === 'github.token')).toBe(
      true,
    );
  });

  it('delete a value and tell the host only when something was removed', async () => {
    f = await handlerFixture();
    await invokeMethod(f.handlers, 'secrets.set', { account: 'discord.botToken', value: TOKEN });
    const status = await invokeMethod(f.handlers, 'secrets.delete', {
      account: 'discord.botToken',
    });
    expect(status).toMatchObject({ present: { 'discord.botToken': false } });
    await invokeMethod(f.handlers, 'secrets.delete', { account: 'discord.botToken' });
    expect(f.secretChanges).toEqual(['discord.botToken', 'discord.botToken']);
  });

  it('refuse accounts the UI may not set, such as the admin refresh tokens', async () => {
    f = await handlerFixture();
    const error = await rejection(
      invokeMethod(f.handlers, 'secrets.set', {
        account: 'admin.githubRefreshToken',
        value: TOKEN,
      }),
    );
    expect(error.identifier).toBe('invalid_input');
    expect(error.message).not.toContain(TOKEN);
  });

  it('reject a value with surrounding whitespace without echoing it', async () => {
    f = await handlerFixture();
    const error = await rejection(
      invokeMethod(f.handlers, 'secrets.set', { account: 'github.token', value: ` ${TOKEN}` }),
    );
    expect(error.identifier).toBe('invalid_input');
    expect(`${error.message} ${error.context.hint ?? ''}`).not.toContain(TOKEN);
    expect(await f.secrets.get('github.token')).toBeNull();
  });

  it('answer forbidden with a hint on a read-only (env) backend, and change nothing', async () => {
    const secrets = await openSecretStore({
      backend: 'env',
      logger: silentLogger,
      env: { GITGUILD_GITHUB_TOKEN: TOKEN },
    });
    f = await handlerFixture({ secrets });
    const status = await invokeMethod(f.handlers, 'secrets.status', undefined);
    expect(status).toMatchObject({
      writable: false,
      keychain: { backend: 'env' },
      present: { 'github.token': true },
    });
    const error = await rejection(
      invokeMethod(f.handlers, 'secrets.set', {
        account: 'github.token',
        value: 'another-token-value-123',
      }),
    );
    expect(error.identifier).toBe('forbidden');
    expect(error.context.hint).toMatch(/environment variable/);
    expect(
      (await rejection(invokeMethod(f.handlers, 'secrets.delete', { account: 'github.token' })))
        .identifier,
    ).toBe('forbidden');
    expect(await secrets.get('github.token')).toBe(TOKEN);
    expect(f.secretChanges).toEqual([]);
  });
});
