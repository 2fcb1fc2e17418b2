// What the tray's commands do, over the AdminApi handlers. Sync, the scheduler's pause/resume
// and catch-up, and bot start/stop are methods other work is adding to the contract; each action
// here is built only when its method is in the contract, so the menu item lights up the day the
// method lands and stays greyed out until then. Calls go through `invokeMethod`, so input and
// output are checked against the contract exactly as for the UI.
import { toRpcErrorPayload } from '../api/error-payload.js';
import { invokeMethod, isMethodName } from '../api/invoke.js';
import type { AdminHandlers } from '../api/handlers.js';
import type { Logger } from '../log/logger.js';
import type { DesktopPage } from './desktop-pages.js';

export type ActionOutcome =
  { ok: true } | { ok: false; title: string; message: string; page: DesktopPage };

type Action = () => Promise<ActionOutcome>;

export interface TrayActions {
  syncNow: Action | null;
  pauseSync: Action | null;
  resumeSync: Action | null;
  startBot: Action | null;
  stopBot: Action | null;
  /** The scheduler's catch-up after the machine wakes. */
  catchUp: (() => Promise<void>) | null;
}

/** Method names this module calls, by what they are for. */
export const ACTION_METHODS = {
  crawl: 'crawl.run',
  sync: 'sync.run',
  guilds: 'guilds.list',
  pause: 'scheduler.pause',
  resume: 'scheduler.resume',
  catchUp: 'scheduler.catchUp',
  botStart: 'bot.start',
  botStop: 'bot.stop',
} as const;

function failure(title: string, error: unknown, page: DesktopPage, logger: Logger): ActionOutcome {
  const payload = toRpcErrorPayload(error);
  // Expected failures (no token, nothing configured) are the admin's to fix and are shown;
  // anything else is ours, and the log keeps the whole error.
  if (payload.identifier === 'internal') logger.error('tray action failed', { title, error });
  return {
    ok: false,
    title,
    message: payload.hint ? `${payload.message} ${payload.hint}` : payload.message,
    page,
  };
}

/** Guild ids from `guilds.list`, whatever its exact shape: an array, or `{ guilds: [...] }`. */
export function guildIdsOf(output: unknown): string[] {
  const list = Array.isArray(output)
    ? output
    : output && typeof output === 'object' && Array.isArray((output as { guilds?: unknown }).guilds)
      ? (output as { guilds: unknown[] }).guilds
      : [];
  const ids: string[] = [];
  for (const guild of list) {
    if (!guild || typeof guild !== 'object') continue;
    const { id, guildId, enabled } = guild as {
      id?: unknown;
      guildId?: unknown;
      enabled?: unknown;
    };
    if (enabled === false) continue;
    const value = typeof id === 'string' ? id : guildId;
    if (typeof value === 'string') ids.push(value);
  }
  return ids;
}

export function trayActions(handlers: AdminHandlers, logger: Logger): TrayActions {
  const has = (name: string): boolean =>
    isMethodName(name) &&
    typeof (handlers as unknown as Record<string, unknown>)[name] === 'function';
  const call = (name: string, input: unknown): Promise<unknown> =>
    invokeMethod(handlers, name, input);
  const simple =
    (name: string, title: string, page: DesktopPage): Action =>
    async () => {
      try {
        await call(name, {});
        return { ok: true };
      } catch (error) {
        return failure(title, error, page, logger);
      }
    };

  const syncEveryGuild: Action = async () => {
    try {
      const ids = guildIdsOf(await call(ACTION_METHODS.guilds, {}));
      if (ids.length === 0) {
        return {
          ok: false,
          title: 'Nothing to sync',
          message: 'No guild is set up for sync yet.',
          page: 'guilds',
        };
      }
      for (const guildId of ids) await call(ACTION_METHODS.sync, { guildId });
      return { ok: true };
    } catch (error) {
      return failure('Sync could not start', error, 'sync', logger);
    }
  };

  // Until the sync engine lands, the scheduler's pipeline is only its first stage: the crawl.
  const crawlEveryOrg: Action = async () => {
    try {
      const result = (await call(ACTION_METHODS.crawl, {})) as {
        started: boolean;
        reason?: string;
      };
      if (result.started) return { ok: true };
      return {
        ok: false,
        title: 'Sync not started',
        message: result.reason ?? 'A run is already in progress.',
        page: 'stats',
      };
    } catch (error) {
      return failure('Sync could not start', error, 'stats', logger);
    }
  };

  const catchUp = has(ACTION_METHODS.catchUp)
    ? async () => {
        await call(ACTION_METHODS.catchUp, {});
      }
    : null;

  return {
    syncNow:
      has(ACTION_METHODS.sync) && has(ACTION_METHODS.guilds)
        ? syncEveryGuild
        : has(ACTION_METHODS.crawl)
          ? crawlEveryOrg
          : null,
    pauseSync: has(ACTION_METHODS.pause)
      ? simple(ACTION_METHODS.pause, 'Could not pause sync', 'sync')
      : null,
    resumeSync: has(ACTION_METHODS.resume)
      ? simple(ACTION_METHODS.resume, 'Could not resume sync', 'sync')
      : null,
    startBot: has(ACTION_METHODS.botStart)
      ? simple(ACTION_METHODS.botStart, 'The bot could not start', 'settings')
      : null,
    stopBot: has(ACTION_METHODS.botStop)
      ? simple(ACTION_METHODS.botStop, 'The bot could not stop', 'settings')
      : null,
    catchUp,
  };
}
