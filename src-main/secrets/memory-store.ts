// Secrets held in process memory only: for tests and `npm run demo`, never chosen automatically.
// Its status says `memory` so the UI and `health` can label it as such.
import type { Logger } from '../log/logger.js';
import { assertSecretAccount, assertSecretValue } from './secret-value.js';
import type { SecretAccount, SecretStore, SecretStoreStatus } from './types.js';

export interface MemoryStoreOptions {
  logger: Logger;
  initial?: Partial<Record<SecretAccount, string>>;
}

export function openMemorySecretStore(options: MemoryStoreOptions): SecretStore {
  const log = options.logger.child('secrets');
  log.warn(
    'secrets are kept in memory only (test/demo backend); they are lost when GitGuild exits',
  );
  const store = new MemorySecretStore(options.logger);
  for (const [account, value] of Object.entries(options.initial ?? {})) {
    assertSecretAccount(account);
    assertSecretValue(value, `The initial value for ${account}`);
    store.seed(account, value);
  }
  return store;
}

class MemorySecretStore implements SecretStore {
  private readonly values = new Map<SecretAccount, string>();

  constructor(private readonly logger: Logger) {}

  seed(account: SecretAccount, value: string): void {
    this.logger.addSecret(value);
    this.values.set(account, value);
  }

  status(): SecretStoreStatus {
    return { available: true, backend: 'memory', writable: true };
  }

  async get(account: SecretAccount): Promise<string | null> {
    assertSecretAccount(account);
    return this.values.get(account) ?? null;
  }

  async set(account: SecretAccount, value: string): Promise<void> {
    assertSecretAccount(account);
    assertSecretValue(value, `The value for ${account}`);
    this.seed(account, value);
  }

  async delete(account: SecretAccount): Promise<boolean> {
    assertSecretAccount(account);
    return this.values.delete(account);
  }

  async list(): Promise<SecretAccount[]> {
    return [...this.values.keys()].sort();
  }
}
