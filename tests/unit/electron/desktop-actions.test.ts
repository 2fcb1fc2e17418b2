// The tray's actions over the AdminApi handlers: every call goes through the contract (input and
// output checked), Sync now runs sync.run per managed guild and turns each answer into what the
// admin must hear. The handlers here answer like the host's; tests/integration/electron runs the
// same actions against a real host and the simulators.
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../src-main/api/contract.js';
import type { AdminHandlers } from '../../../src-main/api/handlers.js';
import { isMethodName } from '../../../src-main/api/invoke.js';
import type { GuildView, PlanView } from '../../../src-main/api/methods/sync.js';
import { trayActions } from '../../../src-main/electron/desktop-actions.js';
import { GitGuildError } from '../../../src-main/errors.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { GuildSchema } from '../../../src-main/store/types.js';

const logger = createLogger('test', { sinks: [] });

function guild(id: string, name: string, patch: Partial<GuildView> = {}): GuildView {
  return {
    ...GuildSchema.parse({ id, name, enabled: true }),
    configured: true,
    botPresent: true,
    memberCount: 10,
    roles: [],
    textChannels: [],
    ...patch,
  };
}

function plan(guildId: string, adds: number, removes: number, cap: number): PlanView {
  return {
    guildId,
    generatedAt: '2026-03-10T12:00:00.000Z',
    membersChecked: 400,
    membersChanging: adds,
    totalAdds: adds,
    totalRemoves: removes,
    capExceeded: adds + removes > cap,
    cap,
    changes: [],
    changesOmitted: 0,
    roles: [],
    problems: [],
    heldInGrace: { count: 0, first: [] },
    linkedNotInGuild: [],
    topUnlinked: [],
    estimatedApplyMs: null,
  };
}

type Overrides = Partial<Record<keyof AdminHandlers, (input: never) => Promise<unknown>>>;

/** Handlers for the methods a test names; any other call fails the test. */
function handlers(overrides: Overrides, calls: string[] = []): AdminHandlers {
  return new Proxy({} as AdminHandlers, {
    get: (_target, name) => {
      if (typeof name !== 'string' || !isMethodName(name)) return undefined;
      return async (input: never) => {
        calls.push(input && Object.keys(input).length ? `${name} ${JSON.stringify(input)}` : name);
        const handler = overrides[name];
        if (!handler) throw new Error(`unexpected call to ${name}`);
        return handler(input);
      };
    },
  });
}

const schedulerStatus = (paused: boolean): MethodOutput<'scheduler.status'> => ({
  paused,
  running: false,
  nextRunAt: null,
  jobs: [],
});
const botHealth: MethodOutput<'bot.start'> = { state: 'connecting', guilds: 0 };

describe('Sync now', () => {
  it('runs sync.run for each managed, enabled guild and watches the runs that started', async () => {
    const calls: string[] = [];
    const actions = trayActions(
      handlers(
        {
          'guilds.list': async () => ({
            guilds: [
              guild('1', 'Acme'),
              guild('2', 'Off', { enabled: false }),
              guild('3', 'Not managed', { configured: false }),
              guild('4', 'Busy'),
            ],
          }),
          'sync.run': async (input: { guildId: string }) =>
            input.guildId === '1'
              ? { status: 'started', runId: 'run-1', plan: plan('1', 2, 0, 200) }
              : {
                  status: 'already_running',
                  runId: 'run-0',
                  plan: null,
                  reason: 'A sync of this guild is running; wait for it to finish.',
                },
        },
        calls,
      ),
      logger,
    );
    expect(await actions.syncNow()).toEqual({
      notices: [],
      confirmations: [],
      runs: [
        { runId: 'run-1', guildId: '1', guildName: 'Acme' },
        { runId: 'run-0', guildId: '4', guildName: 'Busy' },
      ],
      openPage: null,
    });
    expect(calls).toEqual([
      'guilds.list',
      'sync.run {"guildId":"1","dryRun":false,"full":false,"confirm":false}',
      'sync.run {"guildId":"4","dryRun":false,"full":false,"confirm":false}',
    ]);
  });

  it('asks for confirmation on the Sync page when a run is over the safety cap, never confirming itself', async () => {
    const calls: string[] = [];
    const actions = trayActions(
      handlers(
        {
          'guilds.list': async () => ({ guilds: [guild('1', 'Acme'), guild('2', 'Beta')] }),
          'sync.run': async (input: { guildId: string }) =>
            input.guildId === '1'
              ? {
                  status: 'needs_confirmation',
                  runId: 'run-1',
                  plan: plan('1', 300, 40, 200),
                  reason: 'over the cap',
                }
              : { status: 'started', runId: 'run-2', plan: plan('2', 1, 0, 200) },
        },
        calls,
      ),
      logger,
    );
    const outcome = await actions.syncNow();
    expect(outcome.openPage).toBe('sync');
    expect(outcome.confirmations).toEqual([
      {
        guildId: '1',
        guildName: 'Acme',
        message:
          'Acme: 340 role changes (300 to add, 40 to remove) are more than the safety cap of 200. Review them on the Sync page and confirm.',
      },
    ]);
    expect(outcome.runs).toEqual([{ runId: 'run-2', guildId: '2', guildName: 'Beta' }]);
    expect(calls.filter((c) => c.includes('"confirm":true'))).toEqual([]);
  });

  it('explains a failed run, a refused call and a guild list it could not read', async () => {
    const actions = trayActions(
      handlers({
        'guilds.list': async () => ({ guilds: [guild('1', 'Acme'), guild('2', 'Beta')] }),
        'sync.run': async (input: { guildId: string }) => {
          if (input.guildId === '1')
            return {
              status: 'failed',
              runId: 'run-1',
              plan: null,
              reason: 'Discord answered 503.',
            };
          throw new GitGuildError('upstream_failed', 'The bot is not connected to Discord.', {
            hint: 'Check the bot status.',
          });
        },
      }),
      logger,
    );
    expect((await actions.syncNow()).notices).toEqual([
      { title: 'Sync of Acme failed', message: 'Discord answered 503.', page: 'sync' },
      {
        title: 'Sync of Beta could not start',
        message: 'The bot is not connected to Discord. Check the bot status.',
        page: 'sync',
      },
    ]);
    const unreadable = trayActions(
      handlers({
        'guilds.list': async () => {
          throw new GitGuildError('store_corrupt', 'The configuration file is damaged.');
        },
      }),
      logger,
    );
    expect((await unreadable.syncNow()).notices).toEqual([
      {
        title: 'Sync could not start',
        message: 'The configuration file is damaged.',
        page: 'sync',
      },
    ]);
  });

  it('says there is nothing to sync when no guild is managed, and where to add one', async () => {
    const actions = trayActions(
      handlers({
        'guilds.list': async () => ({ guilds: [guild('3', 'New', { configured: false })] }),
      }),
      logger,
    );
    expect(await actions.syncNow()).toMatchObject({
      notices: [{ title: 'Nothing to sync', page: 'guilds' }],
      openPage: null,
    });
  });

  it('keeps internals out of the message and logs them', async () => {
    const sink = memorySink(10);
    const actions = trayActions(
      handlers({
        'guilds.list': async () => {
          throw new Error('EACCES: /home/ada/.local/share/gitguild/config.json');
        },
      }),
      createLogger('test', { sinks: [sink] }),
    );
    const outcome = await actions.syncNow();
    expect(outcome.notices).toHaveLength(1);
    expect(JSON.stringify(outcome)).not.toContain('/home/ada');
    expect(sink.records[0]).toMatchObject({ level: 'error', msg: 'tray action failed' });
  });
});

describe('pause, resume, start and stop', () => {
  it('call the scheduler and bot methods, and explain a refusal', async () => {
    const calls: string[] = [];
    const actions = trayActions(
      handlers(
        {
          'scheduler.pause': async () => schedulerStatus(true),
          'scheduler.resume': async () => schedulerStatus(false),
          'bot.start': async () => {
            throw new GitGuildError('invalid_input', 'No bot token is set.', {
              hint: 'Add it under Settings.',
            });
          },
          'bot.stop': async () => ({ ...botHealth, state: 'stopped' }),
        },
        calls,
      ),
      logger,
    );
    expect((await actions.pauseSync()).notices).toEqual([]);
    expect((await actions.resumeSync()).notices).toEqual([]);
    expect((await actions.stopBot()).notices).toEqual([]);
    expect((await actions.startBot()).notices).toEqual([
      {
        title: 'The bot could not start',
        message: 'No bot token is set. Add it under Settings.',
        page: 'settings',
      },
    ]);
    expect(calls).toEqual(['scheduler.pause', 'scheduler.resume', 'bot.stop', 'bot.start']);
  });
});
