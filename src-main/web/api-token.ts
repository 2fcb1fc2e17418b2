// The headless API token: one per installation, kept in the SecretStore as `headless.apiToken`.
// When the store cannot hold it (read-only env backend, no keychain) the admin may pin one with
// GITGUILD_API_TOKEN; otherwise a fresh token lives only as long as this process.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';

export const API_TOKEN_ENV = 'GITGUILD_API_TOKEN';
const MIN_TOKEN_LENGTH = 16;

export type ApiTokenSource = 'secret-store' | 'generated' | 'env' | 'ephemeral';

export interface ApiToken {
  value: string;
  source: ApiTokenSource;
  /** A sentence for the admin when the token will not survive a restart; absent otherwise. */
  note?: string;
}

export function generateApiToken(): string {
  return randomBytes(32).toString('base64url');
}

async function readStored(secrets: SecretStore, logger: Logger): Promise<string | null> {
  if (!secrets.status().available) return null;
  try {
    return await secrets.get('headless.apiToken');
  } catch (error) {
    logger.warn('could not read the API token from the secret store', { error });
    return null;
  }
}

export async function resolveApiToken(
  secrets: SecretStore,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ApiToken> {
  const stored = await readStored(secrets, logger);
  if (stored) {
    logger.addSecret(stored);
    return { value: stored, source: 'secret-store' };
  }
  const status = secrets.status();
  if (status.available && status.writable) {
    const value = generateApiToken();
    logger.addSecret(value);
    try {
      await secrets.set('headless.apiToken', value);
      logger.info('generated a new API token and saved it in the secret store', {
        backend: status.backend,
      });
      return { value, source: 'generated' };
    } catch (error) {
      logger.warn('could not save the new API token; falling back', { error });
    }
  }
  const pinned = env[API_TOKEN_ENV];
  if (pinned !== undefined && pinned.length > 0) {
    if (pinned.length < MIN_TOKEN_LENGTH) {
      throw new Error(
        `${API_TOKEN_ENV} is too short: use at least ${MIN_TOKEN_LENGTH} random characters.`,
      );
    }
    logger.addSecret(pinned);
    return { value: pinned, source: 'env' };
  }
  const value = generateApiToken();
  logger.addSecret(value);
  return {
    value,
    source: 'ephemeral',
    note:
      `The secret store (${status.backend}) cannot keep the API token, so this one lasts until the host stops. ` +
      `Set ${API_TOKEN_ENV} to keep one across restarts.`,
  };
}
