// secrets.status, secrets.set and secrets.delete. Write-only: values go into the SecretStore and
// never come back out, nor into an error, a log record or a response.
import { GitGuildError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import { SECRET_ACCOUNTS, type SecretAccount, type SecretStore } from '../../secrets/types.js';
import type { MethodOutput } from '../contract.js';
import type { HandlersFor } from '../handler-types.js';

export interface SecretsHandlerDeps {
  secrets: SecretStore;
  /** The host logger: every value set is registered for redaction before anything else happens. */
  logger: Logger;
  /** Called after a secret changed (the host restarts the bot when its token changed). */
  onSecretChanged?: (account: SecretAccount) => void;
}

type SecretsStatus = MethodOutput<'secrets.status'>;

async function secretsStatus(secrets: SecretStore, logger: Logger): Promise<SecretsStatus> {
  const present = Object.fromEntries(
    SECRET_ACCOUNTS.map((a) => [a, false]),
  ) as SecretsStatus['present'];
  if (secrets.status().available) {
    try {
      for (const account of await secrets.list()) present[account] = true;
    } catch (error) {
      // The keychain can lock between calls; report what the store now says rather than fail.
      logger.warn('could not list stored secrets', { error });
    }
  }
  // Read after listing: a failed list turns the keychain unavailable, and the UI should say so.
  const { available, backend, problem, writable } = secrets.status();
  return {
    keychain: problem ? { available, backend, problem } : { available, backend },
    writable: available && writable,
    present,
  };
}

function assertWritable(secrets: SecretStore): void {
  const status = secrets.status();
  if (!status.available) {
    throw new GitGuildError(
      'keychain_unavailable',
      'The secret store is not available, so nothing can be saved.',
      {
        hint: status.problem ?? 'Check the keychain status in Settings.',
      },
    );
  }
  if (!status.writable) {
    throw new GitGuildError(
      'forbidden',
      `Secrets on this host are read-only (${status.backend} backend).`,
      {
        hint: 'Set the environment variable or secret file for this account and restart GitGuild (see the README, "Secrets on a server").',
      },
    );
  }
}

/** Store errors are rethrown only when they are ours (which never carry values); anything else is reduced. */
function storeFailure(error: unknown, account: SecretAccount, logger: Logger): GitGuildError {
  logger.error('secret store operation failed', { account, error });
  if (error instanceof GitGuildError) return error;
  return new GitGuildError('internal', `Could not update ${account} in the secret store.`, {
    hint: 'The host log has the details.',
  });
}

export function secretsHandlers(
  deps: SecretsHandlerDeps,
): HandlersFor<'secrets.status' | 'secrets.set' | 'secrets.delete'> {
  const { secrets, logger } = deps;
  return {
    'secrets.status': () => secretsStatus(secrets, logger),
    'secrets.set': async ({ account, value }) => {
      logger.addSecret(value);
      assertWritable(secrets);
      try {
        await secrets.set(account, value);
      } catch (error) {
        throw storeFailure(error, account, logger);
      }
      logger.info('secret saved', { account, backend: secrets.status().backend });
      deps.onSecretChanged?.(account);
      return secretsStatus(secrets, logger);
    },
    'secrets.delete': async ({ account }) => {
      assertWritable(secrets);
      let removed: boolean;
      try {
        removed = await secrets.delete(account);
      } catch (error) {
        throw storeFailure(error, account, logger);
      }
      logger.info('secret deleted', { account, removed });
      if (removed) deps.onSecretChanged?.(account);
      return secretsStatus(secrets, logger);
    },
  };
}
