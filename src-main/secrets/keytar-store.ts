// The desktop backend: secrets in the OS keychain through keytar (libsecret on Linux). keytar is
// an optional native module, so it is loaded lazily and probed once; when either step fails the
// store reports itself unavailable and refuses every operation. It never falls back to a file.
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import {
  keychainProbeProblem,
  keychainTimeoutProblem,
  keytarLoadProblem,
} from './keychain-problems.js';
import { assertSecretAccount, assertSecretValue, isSecretAccount } from './secret-value.js';
import type { SecretAccount, SecretStore, SecretStoreStatus } from './types.js';

/** The part of keytar's API we use; declared here so type-checking does not need the optional package. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export type KeytarLoader = () => Promise<KeytarModule>;

export interface KeytarStoreOptions {
  logger: Logger;
  service: string;
  /** How keytar is obtained; tests pass a loader that fails or a fake module. */
  loadKeytar?: KeytarLoader;
  /** The probe may trigger an unlock prompt on a desktop, so it gets a little time, but never hangs startup. */
  probeTimeoutMs?: number;
  /** Later operations may wait for a user typing their keychain password. */
  operationTimeoutMs?: number;
  platform?: NodeJS.Platform;
}

// A variable specifier keeps TypeScript and bundlers from requiring the optional package to exist.
const KEYTAR_SPECIFIER = 'keytar';

export const loadInstalledKeytar: KeytarLoader = async () => {
  const imported = (await import(KEYTAR_SPECIFIER)) as { default?: unknown };
  // keytar is CommonJS: its exports arrive as `default`.
  const candidate = (imported.default ?? imported) as Partial<KeytarModule>;
  for (const name of ['getPassword', 'setPassword', 'deletePassword', 'findCredentials'] as const) {
    if (typeof candidate[name] !== 'function')
      throw new Error(`the installed keytar has no ${name}()`);
  }
  return candidate as KeytarModule;
};

class KeychainTimeout extends Error {}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KeychainTimeout()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Node's module errors append a multi-line require stack; the first line is the useful part.
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').trim().replace(/\.$/, '') || 'unknown error';
}

export async function openKeytarSecretStore(options: KeytarStoreOptions): Promise<SecretStore> {
  const platform = options.platform ?? process.platform;
  let keytar: KeytarModule;
  try {
    keytar = await (options.loadKeytar ?? loadInstalledKeytar)();
  } catch (error) {
    // A module that failed to load stays failed until it is rebuilt and GitGuild restarted.
    const problem = keytarLoadProblem(reasonOf(error), platform);
    options.logger
      .child('secrets')
      .warn('OS keychain unavailable: keytar failed to load', { problem });
    return new KeytarSecretStore(null, options, {
      available: false,
      backend: 'none',
      writable: false,
      problem,
    });
  }
  const store = new KeytarSecretStore(keytar, options, {
    available: false,
    backend: 'none',
    writable: false,
    problem: 'not checked yet',
  });
  await store.probe();
  return store;
}

class KeytarSecretStore implements SecretStore {
  private readonly log: Logger;
  private readonly operationTimeoutMs: number;
  private readonly probeTimeoutMs: number;
  private readonly platform: NodeJS.Platform;
  private probing: Promise<void> | null = null;
  /** Native calls that timed out and have not returned: each holds one of libuv's few worker threads. */
  private stuckCalls = 0;

  constructor(
    private readonly keytar: KeytarModule | null,
    private readonly options: KeytarStoreOptions,
    private currentStatus: SecretStoreStatus,
  ) {
    this.log = options.logger.child('secrets');
    this.operationTimeoutMs = options.operationTimeoutMs ?? 60_000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 10_000;
    this.platform = options.platform ?? process.platform;
  }

  /**
   * Asks the Secret Service for our entries, which proves it answers and registers existing values
   * for redaction. Repeated on use while unavailable, so unlocking the keychain needs no restart.
   */
  probe(): Promise<void> {
    this.probing ??= this.runProbe().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  private async runProbe(): Promise<void> {
    if (!this.keytar) return;
    // Asking again while an earlier call hangs would pin another worker thread and stall file I/O.
    if (this.stuckCalls > 0) return;
    const wasAvailable = this.currentStatus.available;
    try {
      const existing = await this.native(
        this.keytar.findCredentials(this.options.service),
        this.probeTimeoutMs,
      );
      for (const credential of existing) this.options.logger.addSecret(credential.password);
      this.currentStatus = { available: true, backend: 'keytar', writable: true };
      if (!wasAvailable) this.log.info('OS keychain ready', { service: this.options.service });
    } catch (error) {
      const problem =
        error instanceof KeychainTimeout
          ? keychainTimeoutProblem(Math.round(this.probeTimeoutMs / 1000), this.platform)
          : keychainProbeProblem(reasonOf(error), this.platform);
      this.currentStatus = { available: false, backend: 'none', writable: false, problem };
      this.log.warn('OS keychain unavailable: it did not answer', { problem });
    }
  }

  status(): SecretStoreStatus {
    return { ...this.currentStatus };
  }

  async get(account: SecretAccount): Promise<string | null> {
    assertSecretAccount(account);
    const value = await this.call('read', account, (k) =>
      k.getPassword(this.options.service, account),
    );
    if (value !== null) this.options.logger.addSecret(value);
    return value;
  }

  async set(account: SecretAccount, value: string): Promise<void> {
    assertSecretAccount(account);
    assertSecretValue(value, `The value for ${account}`);
    // Registered before the write so that even a failure message quoting it is redacted.
    this.options.logger.addSecret(value);
    await this.call('write', account, (k) => k.setPassword(this.options.service, account, value));
    this.log.info('secret stored in the OS keychain', { account });
  }

  async delete(account: SecretAccount): Promise<boolean> {
    assertSecretAccount(account);
    const deleted = await this.call('delete', account, (k) =>
      k.deletePassword(this.options.service, account),
    );
    if (deleted) this.log.info('secret deleted from the OS keychain', { account });
    return deleted;
  }

  async list(): Promise<SecretAccount[]> {
    const credentials = await this.call('list', null, (k) =>
      k.findCredentials(this.options.service),
    );
    const accounts: SecretAccount[] = [];
    for (const { account, password } of credentials) {
      this.options.logger.addSecret(password);
      // Entries under our service that we did not write (older versions, manual edits) are ignored, not exposed.
      if (isSecretAccount(account)) accounts.push(account);
      else this.log.debug('ignoring an unknown account in the OS keychain');
    }
    return accounts.sort();
  }

  private async call<T>(
    verb: string,
    account: SecretAccount | null,
    work: (keytar: KeytarModule) => Promise<T>,
  ): Promise<T> {
    const what = account ? `${verb} ${account}` : verb;
    if (this.keytar && !this.currentStatus.available) await this.probe();
    if (!this.keytar || !this.currentStatus.available) {
      throw new GitGuildError(
        'keychain_unavailable',
        `Cannot ${what}: the OS keychain is unavailable.`,
        {
          hint: this.currentStatus.problem,
        },
      );
    }
    const keytar = this.keytar;
    try {
      return await this.native(work(keytar), this.operationTimeoutMs);
    } catch (error) {
      const reason =
        error instanceof KeychainTimeout
          ? `no answer within ${Math.round(this.operationTimeoutMs / 1000)} s`
          : reasonOf(error);
      this.log.error('OS keychain operation failed', { operation: verb, account, reason });
      // `health` should tell the truth until the next call's probe shows the keychain is back.
      const problem = keychainProbeProblem(reason, this.platform);
      this.currentStatus = { available: false, backend: 'none', writable: false, problem };
      throw new GitGuildError(
        'keychain_unavailable',
        `Cannot ${what} in the OS keychain: ${reason}.`,
        { hint: problem },
      );
    }
  }

  private async native<T>(work: Promise<T>, ms: number): Promise<T> {
    try {
      return await withTimeout(work, ms);
    } catch (error) {
      if (error instanceof KeychainTimeout) {
        this.stuckCalls += 1;
        const settled = (): void => {
          this.stuckCalls -= 1;
        };
        work.then(settled, settled);
      }
      throw error;
    }
  }
}
