import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import { openMemorySecretStore } from '../../../src-main/secrets/memory-store.js';

describe('memory secret store', () => {
  it('labels itself as the memory backend so the UI can say so', async () => {
    const store = await openSecretStore({
      backend: 'memory',
      logger: createLogger('t', { sinks: [] }),
    });
    expect(store.status()).toEqual({ available: true, backend: 'memory', writable: true });
  });

  it('stores, lists and deletes values', async () => {
    const store = openMemorySecretStore({ logger: createLogger('t', { sinks: [] }) });
    await store.set('github.token', 'ghp_memorytoken123');
    await store.set('discord.botToken', 'discord-token-abc');
    expect(await store.get('github.token')).toBe('ghp_memorytoken123');
    expect(await store.list()).toEqual(['discord.botToken', 'github.token']);
    expect(await store.delete('github.token')).toBe(true);
    expect(await store.delete('github.token')).toBe(false);
    expect(await store.get('github.token')).toBeNull();
  });

  it('redacts stored values from later log records', async () => {
    const sink = memorySink();
    const logger = createLogger('t', { sinks: [sink] });
    const store = openMemorySecretStore({
      logger,
      initial: { 'headless.apiToken': 'initial-api-token-1' },
    });
    await store.set('github.token', 'ghp_memorytoken123');
    logger.info('oops ghp_memorytoken123 and initial-api-token-1');
    const text = JSON.stringify(sink.records);
    expect(text).not.toContain('ghp_memorytoken123');
    expect(text).not.toContain('initial-api-token-1');
    expect(text).toContain('[redacted]');
  });

  it('rejects invalid values and leaves the old value in place', async () => {
    const store = openMemorySecretStore({ logger: createLogger('t', { sinks: [] }) });
    await store.set('github.token', 'ghp_memorytoken123');
    await expect(store.set('github.token', 'two\nlines-of-token')).rejects.toMatchObject({
      identifier: 'invalid_input',
    });
    expect(await store.get('github.token')).toBe('ghp_memorytoken123');
  });

  it('rejects an unknown backend name with the list of valid ones', async () => {
    const options = {
      backend: 'plaintext',
      logger: createLogger('t', { sinks: [] }),
    } as unknown as Parameters<typeof openSecretStore>[0];
    await expect(openSecretStore(options)).rejects.toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('plaintext'),
    });
  });
});
