// health, settings.get and settings.update.
import type { SettingsRepository } from '../../store/repositories.js';
import type { Health, MethodOutput } from '../contract.js';
import type { HandlersFor } from '../handler-types.js';

export interface SettingsHandlerDeps {
  settings: SettingsRepository;
  /** The host's current health; the host owns the state it reports. */
  health: () => Health;
  /** Called after settings change so the host can react (re-point the bot, publish events). */
  onSettingsChanged?: (settings: MethodOutput<'settings.update'>) => void;
}

export function settingsHandlers(
  deps: SettingsHandlerDeps,
): HandlersFor<'health' | 'settings.get' | 'settings.update'> {
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
