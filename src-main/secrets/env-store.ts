// The headless backend: secrets come from environment variables or from files named in the host
// config (Docker/Kubernetes secrets, systemd credentials). It is read-only; values are read and
// checked once at startup, so a bad setup fails before the bot connects, and a change needs a restart.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import {
  MAX_SECRET_LENGTH,
  assertSecretAccount,
  isSecretAccount,
  secretValueProblem,
} from './secret-value.js';
import {
  SECRET_ACCOUNTS,
  type SecretAccount,
  type SecretStore,
  type SecretStoreStatus,
} from './types.js';

export const DEFAULT_SECRET_ENV_NAMES: Readonly<Record<SecretAccount, string>> = {
  'discord.botToken': 'GITGUILD_DISCORD_BOT_TOKEN',
  'discord.clientSecret': 'GITGUILD_DISCORD_CLIENT_SECRET',
  'github.token': 'GITGUILD_GITHUB_TOKEN',
  'github.clientSecret': 'GITGUILD_GITHUB_CLIENT_SECRET',
  'admin.discordRefreshToken': 'GITGUILD_ADMIN_DISCORD_REFRESH_TOKEN',
  'admin.githubRefreshToken': 'GITGUILD_ADMIN_GITHUB_REFRESH_TOKEN',
  'headless.apiToken': 'GITGUILD_API_TOKEN',
  'admin.discordAccessToken': 'GITGUILD_ADMIN_DISCORD_ACCESS_TOKEN',
  'admin.githubAccessToken': 'GITGUILD_ADMIN_GITHUB_ACCESS_TOKEN',
  'oauth.linkSigningKey': 'GITGUILD_LINK_SIGNING_KEY',
};

export interface EnvStoreOptions {
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  files?: Partial<Record<SecretAccount, string>>;
  envNames?: Partial<Record<SecretAccount, string>>;
  platform?: NodeJS.Platform;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Room for a trailing newline and a BOM-less file; anything bigger is the wrong file.
const MAX_FILE_BYTES = MAX_SECRET_LENGTH + 2;
const READ_ONLY_HINT =
  'Secrets on this host come from environment variables or files (`--secrets env`). Change the variable or file and restart GitGuild.';

function configError(message: string, hint: string): GitGuildError {
  return new GitGuildError('invalid_input', message, { hint });
}

function checkConfigKeys(record: Partial<Record<string, string>> | undefined, what: string): void {
  for (const key of Object.keys(record ?? {})) {
    if (!isSecretAccount(key)) {
      throw configError(
        `Unknown secret account "${key}" in ${what}.`,
        `Known accounts: ${SECRET_ACCOUNTS.join(', ')}.`,
      );
    }
  }
}

function readSecretFile(
  account: SecretAccount,
  file: string,
  log: Logger,
  platform: NodeJS.Platform,
): string {
  const path = resolve(file);
  let size: number;
  let mode: number;
  try {
    ({ size, mode } = statSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw configError(
      `The secret file for ${account} (${path}) cannot be read: ${code}.`,
      'Check the path in the host config.',
    );
  }
  if (size > MAX_FILE_BYTES) {
    throw configError(
      `The secret file for ${account} (${path}) is ${size} bytes; a secret file holds one token.`,
      'Check the path in the host config.',
    );
  }
  // Refusing would break Docker and Kubernetes secret mounts (0444/0644 by default), so this warns instead.
  if (platform !== 'win32' && (mode & 0o044) !== 0) {
    log.warn('a secret file is readable by other users', {
      account,
      path,
      mode: `0${(mode & 0o777).toString(8)}`,
      fix: `chmod 600 ${path}`,
    });
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw configError(
      `The secret file for ${account} (${path}) cannot be read: ${code}.`,
      'Check the path and its permissions.',
    );
  }
  // Editors and `echo` add one trailing newline; anything else in the file is kept and validated.
  return text.replace(/\r?\n$/, '');
}

export function openEnvSecretStore(options: EnvStoreOptions): SecretStore {
  const log = options.logger.child('secrets');
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  checkConfigKeys(options.files, 'the secret files config');
  checkConfigKeys(options.envNames, 'the secret environment variable names');

  const values = new Map<SecretAccount, string>();
  for (const account of SECRET_ACCOUNTS) {
    const envName = options.envNames?.[account] ?? DEFAULT_SECRET_ENV_NAMES[account];
    if (!ENV_NAME.test(envName)) {
      throw configError(
        `"${envName}" is not a valid environment variable name (for ${account}).`,
        'Use letters, digits and underscores.',
      );
    }
    const file = options.files?.[account];
    const fromEnv = env[envName];
    let value: string | undefined;
    let source: string;
    if (file !== undefined) {
      if (fromEnv)
        log.warn('both a secret file and an environment variable are set; the file wins', {
          account,
          envName,
        });
      value = readSecretFile(account, file, log, platform);
      source = `The secret file for ${account} (${resolve(file)})`;
    } else {
      // An empty variable is how compose files and shells spell "unset".
      value = fromEnv === '' ? undefined : fromEnv;
      source = `The environment variable ${envName} (for ${account})`;
    }
    if (value === undefined) continue;
    const problem = secretValueProblem(value, source);
    if (problem !== null) throw configError(problem, 'Fix the value and restart GitGuild.');
    options.logger.addSecret(value);
    values.set(account, value);
  }

  log.info('secrets read from environment and files', { accounts: [...values.keys()] });
  return new EnvSecretStore(values);
}

class EnvSecretStore implements SecretStore {
  constructor(private readonly values: ReadonlyMap<SecretAccount, string>) {}

  status(): SecretStoreStatus {
    return { available: true, backend: 'env', writable: false };
  }

  async get(account: SecretAccount): Promise<string | null> {
    assertSecretAccount(account);
    return this.values.get(account) ?? null;
  }

  async set(account: SecretAccount): Promise<void> {
    assertSecretAccount(account);
    throw new GitGuildError(
      'forbidden',
      `Cannot store ${account}: secrets are read-only on this host.`,
      { hint: READ_ONLY_HINT },
    );
  }

  async delete(account: SecretAccount): Promise<boolean> {
    assertSecretAccount(account);
    throw new GitGuildError(
      'forbidden',
      `Cannot delete ${account}: secrets are read-only on this host.`,
      { hint: READ_ONLY_HINT },
    );
  }

  async list(): Promise<SecretAccount[]> {
    return [...this.values.keys()].sort();
  }
}
