// store.backups, store.restore and store.discard: the store's problems (refused files, with the
// newest good backup) and the daily backups of config and links, so the UI can offer a restore;
// files without backups (contributions, history) can be set aside and rebuilt instead.
import { GitGuildError } from '../../errors.js';
import type { Store } from '../../store/index.js';
import type { MethodOutput } from '../contract.js';
import type { HandlersFor } from '../handler-types.js';

export interface StoreHandlerDeps {
  store: Pick<Store, 'status' | 'listBackups' | 'restoreBackup' | 'discardCorrupt'>;
  /** Called after a restore replaced config or links (settings may have changed). */
  onRestored?: (kind: 'config' | 'links') => void;
  /** Called after a damaged file was set aside (cached stats must be rebuilt). */
  onDiscarded?: (kind: 'contributions' | 'history') => void;
}

async function backupList(
  store: StoreHandlerDeps['store'],
): Promise<MethodOutput<'store.backups'>> {
  const status = store.status;
  const [config, links] = await Promise.all([
    store.listBackups('config'),
    store.listBackups('links'),
  ]);
  return {
    problems: status.ok ? [] : status.problems.map((p) => ({ ...p })),
    backups: { config, links },
  };
}

export function storeHandlers(
  deps: StoreHandlerDeps,
): HandlersFor<'store.backups' | 'store.restore' | 'store.discard'> {
  return {
    'store.backups': () => backupList(deps.store),
    'store.restore': async ({ kind, name }) => {
      // The schema accepts either prefix; a links backup must not be poured over config.
      if (!name.startsWith(`${kind}-`)) {
        throw new GitGuildError(
          'invalid_input',
          `Invalid input for store.restore: name: must be a ${kind} backup (${kind}-YYYY-MM-DD.json)`,
        );
      }
      await deps.store.restoreBackup(kind, name);
      deps.onRestored?.(kind);
      return backupList(deps.store);
    },
    'store.discard': async ({ kind }) => {
      await deps.store.discardCorrupt(kind);
      deps.onDiscarded?.(kind);
      return backupList(deps.store);
    },
  };
}
