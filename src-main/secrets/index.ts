// Opens the secret store the host was configured with. The backend is always an explicit choice:
// a desktop without a keychain gets an unavailable keytar store, never a quieter backend.
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { openEnvSecretStore } from './env-store.js';
import { openKeytarSecretStore, type KeytarLoader } from './keytar-store.js';
import { openMemorySecretStore } from './memory-store.js';
import type { SecretAccount, SecretStore } from './types.js';

export type SecretBackend = 'keytar' | 'env' | 'memory';
export const SECRET_BACKENDS: readonly SecretBackend[] = ['keytar', 'env', 'memory'];

export interface OpenSecretStoreOptions {
  backend: SecretBackend;
  logger: Logger;
  /** env backend: where variables are read (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** env backend: files holding one secret each; a file beats the variable for the same account. */
  files?: Partial<Record<SecretAccount, string>>;
  /** env backend: variable names replacing the defaults in `DEFAULT_SECRET_ENV_NAMES`. */
  envNames?: Partial<Record<SecretAccount, string>>;
  /** keytar backend: the keychain service name (default `GitGuild`). */
  service?: string;
  /** keytar backend: overrides for tests and diagnostics. */
  keytar?: { load?: KeytarLoader; probeTimeoutMs?: number; operationTimeoutMs?: number };
}

export const DEFAULT_KEYCHAIN_SERVICE = 'GitGuild';

export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  // The backend usually comes from a command-line flag, so it is checked at runtime too.
  const backend: SecretBackend = options.backend;
  switch (backend) {
    case 'keytar': {
      const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
      if (service.trim() === '')
        throw new GitGuildError('invalid_input', 'The keychain service name is empty.');
      return openKeytarSecretStore({
        logger: options.logger,
        service,
        loadKeytar: options.keytar?.load,
        probeTimeoutMs: options.keytar?.probeTimeoutMs,
        operationTimeoutMs: options.keytar?.operationTimeoutMs,
      });
    }
    case 'env':
      return openEnvSecretStore({
        logger: options.logger,
        env: options.env,
        files: options.files,
        envNames: options.envNames,
      });
    case 'memory':
      return openMemorySecretStore({ logger: options.logger });
    default: {
      // Exhaustive at compile time; a bad runtime value still gets a clear error rather than assertNever's.
      const unknown: never = backend;
      throw new GitGuildError('invalid_input', `Unknown secrets backend "${String(unknown)}".`, {
        hint: `Use one of: ${SECRET_BACKENDS.join(', ')}.`,
      });
    }
  }
}

export { DEFAULT_SECRET_ENV_NAMES } from './env-store.js';
export { MAX_SECRET_LENGTH, MIN_SECRET_LENGTH, isSecretAccount } from './secret-value.js';
export {
  SECRET_ACCOUNTS,
  type SecretAccount,
  type SecretStore,
  type SecretStoreStatus,
} from './types.js';
export type { KeytarLoader, KeytarModule } from './keytar-store.js';
