// config.export and config.import: the store builds and validates the document (it names the bad
// field on import and changes nothing then); secrets are never part of it.
import type { Store } from '../../store/index.js';
import type { HandlersFor } from '../handler-types.js';

export interface ConfigHandlerDeps {
  store: Pick<Store, 'exportConfig' | 'importConfig'>;
  /** Called after an import replaced settings, guilds and mappings. */
  onConfigReplaced?: () => void;
}

export function configHandlers(
  deps: ConfigHandlerDeps,
): HandlersFor<'config.export' | 'config.import'> {
  return {
    'config.export': async () => deps.store.exportConfig(),
    'config.import': async ({ document }) => {
      await deps.store.importConfig(document);
      deps.onConfigReplaced?.();
      return { imported: true as const };
    },
  };
}
