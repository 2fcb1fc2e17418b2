// A SecretStore held in memory, for unit tests of code that only needs the interface.
import type {
  SecretAccount,
  SecretStore,
  SecretStoreStatus,
} from '../../../src-main/secrets/types.js';

export function inMemorySecrets(
  status: Partial<SecretStoreStatus> = {},
  initial: Partial<Record<SecretAccount, string>> = {},
): SecretStore & {
  values: Map<SecretAccount, string>;
} {
  const values = new Map<SecretAccount, string>(
    Object.entries(initial) as [SecretAccount, string][],
  );
  const full: SecretStoreStatus = { available: true, backend: 'memory', writable: true, ...status };
  return {
    values,
    status: () => full,
    get: async (account) => values.get(account) ?? null,
    set: async (account, value) => {
      if (!full.writable) throw new Error('read-only');
      values.set(account, value);
    },
    delete: async (account) => values.delete(account),
    list: async () => [...values.keys()],
  };
}
