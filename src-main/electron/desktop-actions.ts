// What the tray's commands do, over the AdminApi handlers: Sync now runs `sync.run` for every
// guild GitGuild manages, Pause / Resume are `scheduler.pause` / `scheduler.resume`, Start / Stop
// bot are `bot.start` / `bot.stop`. Calls go through `invokeMethod` as the desktop's admin, so
// input and output are checked against the contract exactly as for the UI. Every outcome the
// admin should know about comes back as data (notices, a page to open, a confirmation to ask
// for); the shell shows it.
import { DESKTOP_ADMIN } from '../api/caller.js';
import type { MethodInput, MethodName, MethodOutput } from '../api/contract.js';
import { toRpcErrorPayload } from '../api/error-payload.js';
import { invokeMethod } from '../api/invoke.js';
import type { AdminHandlers } from '../api/handlers.js';
import type { Logger } from '../log/logger.js';
import type { DesktopPage } from './desktop-pages.js';

/** A one-off notification about what an action did (or could not do). */
export interface ActionNotice {
  title: string;
  message: string;
  page: DesktopPage;
}

/** A guild whose run stopped at the safety cap: the admin reviews and confirms it on the Sync page. */
export interface ConfirmationNeeded {
  guildId: string;
  guildName: string;
  message: string;
}

export interface ActionOutcome {
  notices: ActionNotice[];
  confirmations: ConfirmationNeeded[];
  /** Runs that started (or were already running): the shell announces how each ends. */
  runs: { runId: string; guildId: string; guildName: string }[];
  /** A page to bring up right away (the admin asked for something that needs them there). */
  openPage: DesktopPage | null;
}

export type Action = () => Promise<ActionOutcome>;

export interface TrayActions {
  /** The guilds GitGuild manages, for naming them in notifications. */
  guildNames(): Promise<{ id: string; name: string }[]>;
  syncNow: Action;
  pauseSync: Action;
  resumeSync: Action;
  startBot: Action;
  stopBot: Action;
}

const NOTHING: ActionOutcome = { notices: [], confirmations: [], runs: [], openPage: null };

function failure(title: string, error: unknown, page: DesktopPage, logger: Logger): ActionNotice {
  const payload = toRpcErrorPayload(error);
  // Expected failures (no token, nothing configured) are the admin's to fix and are shown;
  // anything else is ours, and the log keeps the whole error.
  if (payload.identifier === 'internal') logger.error('tray action failed', { title, error });
  return {
    title,
    message: payload.hint ? `${payload.message} ${payload.hint}` : payload.message,
    page,
  };
}

type SyncRunOutput = MethodOutput<'sync.run'>;

/** The safety-cap message for one guild, from `sync.run`'s plan (or its reason). */
export function confirmationMessage(guildName: string, result: SyncRunOutput): string {
  const plan = result.plan;
  if (!plan) return `${guildName}: ${result.reason ?? 'the sync needs your confirmation.'}`;
  const changes = plan.totalAdds + plan.totalRemoves;
  return (
    `${guildName}: ${changes} role changes (${plan.totalAdds} to add, ${plan.totalRemoves} to ` +
    `remove) are more than the safety cap of ${plan.cap}. Review them on the Sync page and confirm.`
  );
}

export function trayActions(handlers: AdminHandlers, logger: Logger): TrayActions {
  const call = async <M extends MethodName>(
    name: M,
    input: MethodInput<M>,
  ): Promise<MethodOutput<M>> =>
    (await invokeMethod(handlers, name, input, { caller: DESKTOP_ADMIN })) as MethodOutput<M>;

  const simple =
    (run: () => Promise<unknown>, title: string, page: DesktopPage): Action =>
    async () => {
      try {
        await run();
        return NOTHING;
      } catch (error) {
        return { ...NOTHING, notices: [failure(title, error, page, logger)] };
      }
    };

  const syncNow: Action = async () => {
    let guilds: MethodOutput<'guilds.list'>['guilds'];
    try {
      guilds = (await call('guilds.list', {})).guilds.filter((g) => g.configured && g.enabled);
    } catch (error) {
      return { ...NOTHING, notices: [failure('Sync could not start', error, 'sync', logger)] };
    }
    if (guilds.length === 0) {
      return {
        ...NOTHING,
        notices: [
          {
            title: 'Nothing to sync',
            message: 'No guild is set up for sync yet. Add one under Guilds.',
            page: 'guilds',
          },
        ],
      };
    }
    const outcome: ActionOutcome = { notices: [], confirmations: [], runs: [], openPage: null };
    // One guild at a time: each call returns once its plan is made; applying continues behind.
    for (const guild of guilds) {
      let result: SyncRunOutput;
      try {
        result = await call('sync.run', { guildId: guild.id });
      } catch (error) {
        outcome.notices.push(
          failure(`Sync of ${guild.name} could not start`, error, 'sync', logger),
        );
        continue;
      }
      switch (result.status) {
        case 'started':
        case 'already_running':
          if (result.runId)
            outcome.runs.push({ runId: result.runId, guildId: guild.id, guildName: guild.name });
          break;
        case 'dry_run':
          // Not asked for; nothing changed, nothing to say.
          break;
        case 'needs_confirmation':
          outcome.confirmations.push({
            guildId: guild.id,
            guildName: guild.name,
            message: confirmationMessage(guild.name, result),
          });
          break;
        case 'failed':
          outcome.notices.push({
            title: `Sync of ${guild.name} failed`,
            message: result.reason ?? 'The sync could not run; the Sync page has the details.',
            page: 'sync',
          });
          break;
      }
    }
    // Confirming is done on the Sync page: bring it up, as the admin just asked to sync.
    if (outcome.confirmations.length > 0) outcome.openPage = 'sync';
    return outcome;
  };

  return {
    guildNames: async () => {
      try {
        return (await call('guilds.list', {})).guilds.map((g) => ({ id: g.id, name: g.name }));
      } catch (error) {
        logger.warn('could not read the guild names for notifications', { error });
        return [];
      }
    },
    syncNow,
    pauseSync: simple(() => call('scheduler.pause', {}), 'Could not pause sync', 'sync'),
    resumeSync: simple(() => call('scheduler.resume', {}), 'Could not resume sync', 'sync'),
    startBot: simple(() => call('bot.start', {}), 'The bot could not start', 'settings'),
    stopBot: simple(() => call('bot.stop', {}), 'The bot could not stop', 'settings'),
  };
}
