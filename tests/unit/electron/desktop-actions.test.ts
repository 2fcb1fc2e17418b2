import { describe, expect, it } from 'vitest';
import type { AdminHandlers } from '../../../src-main/api/handlers.js';
import { isMethodName } from '../../../src-main/api/invoke.js';
import {
  ACTION_METHODS,
  guildIdsOf,
  trayActions,
} from '../../../src-main/electron/desktop-actions.js';
import { GitGuildError } from '../../../src-main/errors.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';

const logger = createLogger('test', { sinks: [] });

/** Handlers for every method the contract names; the crawl one is set per test. */
function handlersWith(crawlRun: AdminHandlers['crawl.run']): AdminHandlers {
  return new Proxy({} as AdminHandlers, {
    get: (_target, name) =>
      name === 'crawl.run'
        ? crawlRun
        : typeof name === 'string' && isMethodName(name)
          ? async () => ({})
          : undefined,
  });
}

describe('the tray actions', () => {
  it('light up only for methods the contract has', () => {
    const actions = trayActions(
      handlersWith(async () => ({ started: true })),
      logger,
    );
    const has = (name: string): boolean => isMethodName(name);
    expect(actions.syncNow).not.toBeNull();
    expect(actions.pauseSync !== null).toBe(has(ACTION_METHODS.pause));
    expect(actions.resumeSync !== null).toBe(has(ACTION_METHODS.resume));
    expect(actions.startBot !== null).toBe(has(ACTION_METHODS.botStart));
    expect(actions.stopBot !== null).toBe(has(ACTION_METHODS.botStop));
    expect(actions.catchUp !== null).toBe(has(ACTION_METHODS.catchUp));
  });

  it.runIf(!isMethodName('sync.run'))(
    'sync now starts the crawl until the sync engine lands',
    async () => {
      const calls: unknown[] = [];
      const actions = trayActions(
        handlersWith(async (input) => {
          calls.push(input);
          return { started: true };
        }),
        logger,
      );
      expect(await actions.syncNow?.()).toEqual({ ok: true });
      expect(calls).toEqual([{}]);
    },
  );

  it.runIf(!isMethodName('sync.run'))(
    'reports why sync now did not start, with the fix',
    async () => {
      const busy = trayActions(
        handlersWith(async () => ({ started: false, reason: 'A crawl is already running.' })),
        logger,
      );
      expect(await busy.syncNow?.()).toEqual({
        ok: false,
        title: 'Sync not started',
        message: 'A crawl is already running.',
        page: 'stats',
      });
      const noToken = trayActions(
        handlersWith(async () => {
          throw new GitGuildError('unauthorized', 'No GitHub token is configured.', {
            hint: 'Set one in Settings.',
          });
        }),
        logger,
      );
      expect(await noToken.syncNow?.()).toEqual({
        ok: false,
        title: 'Sync could not start',
        message: 'No GitHub token is configured. Set one in Settings.',
        page: 'stats',
      });
    },
  );

  it('keeps internals out of the message and logs them', async () => {
    const sink = memorySink(10);
    const actions = trayActions(
      handlersWith(async () => {
        throw new Error('EACCES: /home/ada/.local/share/gitguild/contributions');
      }),
      createLogger('test', { sinks: [sink] }),
    );
    const outcome = await actions.syncNow?.();
    expect(outcome).toMatchObject({ ok: false });
    expect(JSON.stringify(outcome)).not.toContain('/home/ada');
    expect(sink.records[0]).toMatchObject({ level: 'error', msg: 'tray action failed' });
  });
});

describe('guild ids from guilds.list', () => {
  it('reads an array or a { guilds } object, skipping disabled guilds and junk', () => {
    expect(
      guildIdsOf([{ id: '1' }, { id: '2', enabled: false }, { guildId: '3' }, null, 'x']),
    ).toEqual(['1', '3']);
    expect(guildIdsOf({ guilds: [{ id: '9' }] })).toEqual(['9']);
    expect(guildIdsOf({ nothing: true })).toEqual([]);
  });
});
