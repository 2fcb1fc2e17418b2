import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitGuildError } from '../../../src-main/errors.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { openEnvSecretStore } from '../../../src-main/secrets/env-store.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import type { SecretAccount } from '../../../src-main/secrets/types.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gitguild-env-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function secretFile(name: string, content: string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

function openWith(options: {
  env?: NodeJS.ProcessEnv;
  files?: Partial<Record<SecretAccount, string>>;
  envNames?: Partial<Record<SecretAccount, string>>;
}) {
  const sink = memorySink();
  const logger = createLogger('t', { sinks: [sink] });
  const store = openEnvSecretStore({ logger, platform: 'linux', ...options });
  return { store, sink, logger };
}

function openError(work: () => unknown): GitGuildError {
  try {
    work();
  } catch (error) {
    if (error instanceof GitGuildError) return error;
    throw error;
  }
  throw new Error('expected a GitGuildError');
}

describe('env secret store', () => {
  it('reads secrets from the default GITGUILD_* variables', async () => {
    const { store } = openWith({
      env: { GITGUILD_DISCORD_BOT_TOKEN: 'bot-token-12345', GITGUILD_API_TOKEN: 'api-token-12345' },
    });
    expect(await store.get('discord.botToken')).toBe('bot-token-12345');
    expect(await store.get('headless.apiToken')).toBe('api-token-12345');
    expect(await store.get('github.token')).toBeNull();
    expect(await store.list()).toEqual(['discord.botToken', 'headless.apiToken']);
  });

  it('is opened by openSecretStore with the env backend and reports itself read-only', async () => {
    const store = await openSecretStore({
      backend: 'env',
      logger: createLogger('t', { sinks: [] }),
      env: { GITGUILD_GITHUB_TOKEN: 'ghp_fromenv12345' },
    });
    expect(store.status()).toEqual({ available: true, backend: 'env', writable: false });
    expect(await store.get('github.token')).toBe('ghp_fromenv12345');
  });

  it('uses overridden variable names instead of the defaults', async () => {
    const { store } = openWith({
      env: { MY_GH: 'ghp_custom_name_1', GITGUILD_GITHUB_TOKEN: 'ghp_default_name' },
      envNames: { 'github.token': 'MY_GH' },
    });
    expect(await store.get('github.token')).toBe('ghp_custom_name_1');
  });

  it('treats an empty variable as unset', async () => {
    const { store } = openWith({ env: { GITGUILD_GITHUB_TOKEN: '' } });
    expect(await store.get('github.token')).toBeNull();
  });

  it('reads a file and drops the one trailing newline editors add', async () => {
    const lf = secretFile('bot', 'bot-token-from-file\n');
    const crlf = secretFile('gh', 'ghp_token_from_file\r\n');
    const { store } = openWith({ files: { 'discord.botToken': lf, 'github.token': crlf } });
    expect(await store.get('discord.botToken')).toBe('bot-token-from-file');
    expect(await store.get('github.token')).toBe('ghp_token_from_file');
  });

  it('prefers the file named in the config over the variable and says so', async () => {
    const file = secretFile('gh', 'ghp_token_from_file');
    const { store, sink } = openWith({
      env: { GITGUILD_GITHUB_TOKEN: 'ghp_token_from_env' },
      files: { 'github.token': file },
    });
    expect(await store.get('github.token')).toBe('ghp_token_from_file');
    expect(sink.records.some((r) => r.level === 'warn' && /file wins/.test(r.msg))).toBe(true);
  });

  it('warns about a file other users can read, with the chmod fix and without the value', async () => {
    const file = secretFile('gh', 'ghp_world_readable_1', 0o644);
    const { sink } = openWith({ files: { 'github.token': file } });
    const warning = sink.records.find(
      (r) => r.level === 'warn' && /readable by other users/.test(r.msg),
    );
    expect(warning).toMatchObject({
      account: 'github.token',
      mode: '0644',
      fix: `chmod 600 ${file}`,
    });
    expect(JSON.stringify(sink.records)).not.toContain('ghp_world_readable_1');
  });

  it('does not warn about a file only its owner can read', () => {
    const file = secretFile('gh', 'ghp_private_file_1', 0o600);
    const { sink } = openWith({ files: { 'github.token': file } });
    expect(sink.records.filter((r) => r.level === 'warn')).toEqual([]);
  });

  it('fails at startup naming the file when a configured file is missing', () => {
    const missing = join(dir, 'nope');
    const error = openError(() => openWith({ files: { 'github.token': missing } }));
    expect(error.identifier).toBe('invalid_input');
    expect(error.message).toContain(missing);
    expect(error.message).toContain('ENOENT');
  });

  it('refuses a file far larger than any token', () => {
    const file = secretFile('big', 'x'.repeat(10_000));
    expect(openError(() => openWith({ files: { 'github.token': file } })).message).toMatch(
      /bytes; a secret file holds one token/,
    );
  });

  it('names the variable but never the value when a value is invalid', () => {
    const error = openError(() =>
      openWith({ env: { GITGUILD_GITHUB_TOKEN: 'ghp_first_line\nsecond_line' } }),
    );
    expect(error.identifier).toBe('invalid_input');
    expect(error.message).toContain('GITGUILD_GITHUB_TOKEN');
    expect(error.message).not.toContain('ghp_first_line');
  });

  it('rejects config naming an unknown account or an impossible variable name', () => {
    expect(
      openError(() => openWith({ files: { 'github.tokn': '/x' } as never })).message,
    ).toContain('github.tokn');
    expect(openError(() => openWith({ envNames: { 'github.token': 'MY-GH' } })).message).toContain(
      'MY-GH',
    );
  });

  it('refuses writes and deletes with a read-only error that says how to change a secret', async () => {
    const { store } = openWith({ env: { GITGUILD_GITHUB_TOKEN: 'ghp_fromenv12345' } });
    await expect(store.set('github.token', 'ghp_newvalue1234')).rejects.toMatchObject({
      identifier: 'forbidden',
      context: { hint: expect.stringContaining('restart') },
    });
    await expect(store.delete('github.token')).rejects.toMatchObject({ identifier: 'forbidden' });
    expect(await store.get('github.token')).toBe('ghp_fromenv12345');
  });

  it('registers every value with the logger so it is redacted', () => {
    const file = secretFile('bot', 'bot-token-from-file');
    const { logger, sink } = openWith({
      env: { GITGUILD_GITHUB_TOKEN: 'ghp_fromenv12345' },
      files: { 'discord.botToken': file },
    });
    logger.error('leaked ghp_fromenv12345 and bot-token-from-file');
    const text = JSON.stringify(sink.records);
    expect(text).not.toContain('ghp_fromenv12345');
    expect(text).not.toContain('bot-token-from-file');
  });
});
