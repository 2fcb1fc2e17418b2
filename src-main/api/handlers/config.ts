// config.export and config.import: the store builds and validates the document (it names the bad
// field on import and changes nothing then); secrets are never part of it. Network peers in an
// imported document need the admin's explicit word (see src-main/store/config-document.ts).
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
    'config.import': async ({ document, confirmNetworkPeers, keepNetworkPeers }) => {
      const outcome = await deps.store.importConfig(
        document,
        confirmNetworkPeers ? 'apply' : keepNetworkPeers ? 'keep' : 'ask',
      );
      if (outcome.imported) deps.onConfigReplaced?.();
      return outcome;
    },
  };
}
