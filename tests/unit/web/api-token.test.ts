import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { generateApiToken, resolveApiToken } from '../../../src-main/web/api-token.js';
import { inMemorySecrets } from './in-memory-secrets.js';

function logger() {
  const sink = memorySink();
  return { sink, logger: createLogger('test', { sinks: [sink] }) };
}

describe('resolveApiToken', () => {
  it('generates a 32-byte base64url token', () => {
    const token = generateApiToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateApiToken()).not.toBe(token);
  });

  it('generates and saves a token on first start when the store is writable', async () => {
    const secrets = inMemorySecrets();
    const { logger: log } = logger();
    const first = await resolveApiToken(secrets, log, {});
    expect(first.source).toBe('generated');
    expect(secrets.values.get('headless.apiToken')).toBe(first.value);
    const second = await resolveApiToken(secrets, log, {});
    expect(second).toEqual({ value: first.value, source: 'secret-store' });
  });

  it('uses GITGUILD_API_TOKEN when the store is read-only', async () => {
    const secrets = inMemorySecrets({ backend: 'env', writable: false });
    const pinned = 'a-pinned-token-that-is-long-enough';
    const token = await resolveApiToken(secrets, logger().logger, { GITGUILD_API_TOKEN: pinned });
    expect(token).toEqual({ value: pinned, source: 'env' });
  });

  it('refuses a pinned token too short to be safe', async () => {
    const secrets = inMemorySecrets({ backend: 'env', writable: false });
    await expect(
      resolveApiToken(secrets, logger().logger, { GITGUILD_API_TOKEN: 'short' }),
    ).rejects.toThrow(/too short/);
  });

  it('falls back to an ephemeral token and says so when nothing can keep it', async () => {
    const secrets = inMemorySecrets({
      available: false,
      backend: 'none',
      writable: false,
      problem: 'no keychain',
    });
    const token = await resolveApiToken(secrets, logger().logger, {});
    expect(token.source).toBe('ephemeral');
    expect(token.note).toMatch(/GITGUILD_API_TOKEN/);
    expect(secrets.values.size).toBe(0);
  });

  it('registers the token with the logger so it is redacted', async () => {
    const { sink, logger: log } = logger();
    const token = await resolveApiToken(inMemorySecrets(), log, {});
    log.info(`about to leak ${token.value}`);
    expect(JSON.stringify(sink.records)).not.toContain(token.value);
  });

  it('rotates: a new token replaces the stored one', async () => {
    const secrets = inMemorySecrets();
    const { sink, logger: log } = logger();
    const first = await resolveApiToken(secrets, log, {});
    const rotated = await resolveApiToken(secrets, log, {}, { rotate: true });
    expect(rotated.source).toBe('rotated');
    expect(rotated.value).not.toBe(first.value);
    expect(secrets.values.get('headless.apiToken')).toBe(rotated.value);
    expect(await resolveApiToken(secrets, log, {})).toEqual({
      value: rotated.value,
      source: 'secret-store',
    });
    expect(sink.records.some((r) => r.msg.includes('rotated'))).toBe(true);
  });

  it('refuses to rotate a token pinned where GitGuild cannot write, naming the variable', async () => {
    const secrets = inMemorySecrets({ backend: 'env', writable: false });
    const pinned = 'a-pinned-token-that-is-long-enough';
    await expect(
      resolveApiToken(secrets, logger().logger, { GITGUILD_API_TOKEN: pinned }, { rotate: true }),
    ).rejects.toMatchObject({ identifier: 'invalid_input', message: /GITGUILD_API_TOKEN/ });
  });

  it('treats a rotation without any stored token as a fresh per-run token', async () => {
    const secrets = inMemorySecrets({ available: false, backend: 'none', writable: false });
    const token = await resolveApiToken(secrets, logger().logger, {}, { rotate: true });
    expect(token.source).toBe('ephemeral');
  });
});
