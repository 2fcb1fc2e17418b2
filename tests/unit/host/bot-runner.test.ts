import { describe, expect, it } from 'vitest';
import type { BotStatus } from '../../../src-bot/ports.js';
import { BotRunner } from '../../../src-main/host/bot-runner.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { inMemorySecrets } from '../web/in-memory-secrets.js';

describe('BotRunner', () => {
  it('stays not_configured, with a hint, when no bot token is stored', async () => {
    const statuses: BotStatus[] = [];
    const runner = new BotRunner({
      secrets: inMemorySecrets(),
      logger: createLogger('t', { sinks: [] }),
      onStatus: (s) => statuses.push(s),
    });
    await runner.start('http://127.0.0.1:9/api');
    expect(runner.status.state).toBe('not_configured');
    expect(runner.status.detail).toMatch(/Settings → Secrets/);
    expect(statuses.at(-1)?.state).toBe('not_configured');
  });

  it('treats an unavailable keychain as no token instead of failing', async () => {
    const secrets = inMemorySecrets(
      { available: false, backend: 'keytar', writable: false, problem: 'no Secret Service' },
      { 'discord.botToken': 'would-not-be-readable' },
    );
    const runner = new BotRunner({
      secrets,
      logger: createLogger('t', { sinks: [] }),
      onStatus: () => undefined,
    });
    await runner.start('http://127.0.0.1:9/api');
    expect(runner.status.state).toBe('not_configured');
  });

  it('logs and survives a secret store that throws on read', async () => {
    const sink = memorySink();
    const secrets = {
      ...inMemorySecrets(),
      get: async () => Promise.reject(new Error('keychain locked')),
    };
    const runner = new BotRunner({
      secrets,
      logger: createLogger('t', { sinks: [sink] }),
      onStatus: () => undefined,
    });
    await runner.start('http://127.0.0.1:9/api');
    expect(runner.status.state).toBe('not_configured');
    expect(
      sink.records.some((r) => r.level === 'warn' && r.msg === 'could not read the bot token'),
    ).toBe(true);
  });

  it('does not restart a bot that is not running when the base URL changes', async () => {
    const statuses: BotStatus[] = [];
    const runner = new BotRunner({
      secrets: inMemorySecrets(),
      logger: createLogger('t', { sinks: [] }),
      onStatus: (s) => statuses.push(s),
    });
    await runner.start('http://127.0.0.1:9/api');
    const before = statuses.length;
    await runner.applyBaseUrl('http://127.0.0.1:10/api');
    expect(statuses.length).toBe(before);
  });
});
