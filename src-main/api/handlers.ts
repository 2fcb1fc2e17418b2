// The handlers behind every AdminApi method. They receive input that the transport-neutral
// `invokeMethod` has already parsed with the method's schema, so they never re-check shapes.
import type { z } from 'zod';
import type { SettingsRepository } from '../store/repositories.js';
import type { AdminApi, Health, MethodName, MethodOutput } from './contract.js';

/** What a handler receives: the schema's parsed (output) type, defaults applied. */
export type ParsedInput<M extends MethodName> = z.output<AdminApi[M]['input']>;

export type AdminHandlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>>;
};

export interface AdminHandlerDeps {
  settings: SettingsRepository;
  /** The host's current health; the host owns the state it reports. */
  health: () => Health;
  /** Called after settings change so the host can react (re-point the bot, publish events). */
  onSettingsChanged?: (settings: MethodOutput<'settings.update'>) => void;
}

export function createAdminHandlers(deps: AdminHandlerDeps): AdminHandlers {
  return {
    health: async () => deps.health(),
    'settings.get': async () => deps.settings.get(),
    'settings.update': async (patch) => {
      const next = await deps.settings.update(patch);
      deps.onSettingsChanged?.(next);
      return next;
    },
  };
}
