// The headless API token: one per installation, kept in the SecretStore as `headless.apiToken`.
// When the store cannot hold it (read-only env backend, no keychain) the admin may pin one with
// GITGUILD_API_TOKEN; otherwise a fresh token lives only as long as this process. `rotate`
// replaces the stored token, so every URL and script holding the old one stops working.
import { randomBytes } from 'node:crypto';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';

export const API_TOKEN_ENV = 'GITGUILD_API_TOKEN';
const MIN_TOKEN_LENGTH = 16;

export type ApiTokenSource = 'secret-store' | 'generated' | 'rotated' | 'env' | 'ephemeral';

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

export interface ResolveApiTokenOptions {
  /** Replace the stored token with a new one (`serve --rotate-token`). */
  rotate?: boolean;
}

export async function resolveApiToken(
  secrets: SecretStore,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  options: ResolveApiTokenOptions = {},
): Promise<ApiToken> {
  if (options.rotate) {
    const rotated = await rotateApiToken(secrets, logger, env);
    if (rotated) return rotated;
  }
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

/**
 * Writes a new token over the stored one. Returns null when nothing is stored anywhere (the token
 * is per-run then, so starting is already a rotation); throws when the token is pinned somewhere
 * GitGuild cannot write (the env backend, GITGUILD_API_TOKEN), naming where to change it.
 */
async function rotateApiToken(
  secrets: SecretStore,
  logger: Logger,
  env: NodeJS.ProcessEnv,
): Promise<ApiToken | null> {
  const status = secrets.status();
  if (status.available && status.writable) {
    const value = generateApiToken();
    logger.addSecret(value);
    await secrets.set('headless.apiToken', value);
    logger.warn('API token rotated: the old token no longer opens the admin UI or the API', {
      backend: status.backend,
    });
    return { value, source: 'rotated' };
  }
  const pinned = (await readStored(secrets, logger)) ?? env[API_TOKEN_ENV];
  if (pinned) {
    throw new GitGuildError(
      'invalid_input',
      `The API token cannot be rotated here: it comes from ${status.backend === 'env' ? 'the environment' : API_TOKEN_ENV}, which GitGuild does not write.`,
      {
        hint: `Put a new random value (e.g. \`openssl rand -base64 32\`) in ${API_TOKEN_ENV} or the file your host config names for headless.apiToken, then restart.`,
      },
    );
  }
  return null;
}
