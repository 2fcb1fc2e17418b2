// Options of the headless host: command-line flags over an optional JSON config file over
// defaults. The config file names where secrets come from (variables, files), never the values.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeZodError } from '../api/validation.js';
import { GitGuildError } from '../errors.js';
import type { OpenSecretStoreOptions } from '../secrets/index.js';
import { SECRET_ACCOUNTS } from '../secrets/types.js';

export const DEFAULT_PORT = 7420;

const accountMap = z.partialRecord(z.enum(SECRET_ACCOUNTS), z.string().min(1));

export const HeadlessConfigFileSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  dataDir: z.string().min(1).optional(),
  /** Host header values a reverse proxy presents, e.g. "gitguild.example.org". */
  publicHosts: z.array(z.string().min(1)).optional(),
  /** A file that receives the admin URL with its token (mode 0600), for services without a terminal. */
  urlFile: z.string().min(1).optional(),
  secrets: z
    .strictObject({
      backend: z.enum(['keytar', 'env']).optional(),
      /** Variable names replacing the defaults (GITGUILD_DISCORD_BOT_TOKEN, ...). */
      envNames: accountMap.optional(),
      /** Files holding one secret each (Docker/Kubernetes secrets, systemd credentials). */
      files: accountMap.optional(),
      service: z.string().min(1).optional(),
    })
    .optional(),
});
export type HeadlessConfigFile = z.infer<typeof HeadlessConfigFileSchema>;

export interface HeadlessOptions {
  port: number;
  bindAddress: string;
  dataDir: string;
  publicHosts: string[];
  /** Print the admin URL with its token even when standard output is not a terminal. */
  printUrl: boolean;
  /** Write the admin URL with its token to this file, readable only by the user (0600). */
  urlFile: string | null;
  /** Replace the stored API token with a new one before serving. */
  rotateToken: boolean;
  /** The memory backend is for tests and the demo only, so it is not offered here. */
  secrets: Pick<OpenSecretStoreOptions, 'envNames' | 'files' | 'service'> & {
    backend: 'keytar' | 'env';
  };
}

export const USAGE = `Usage: node dist/main/headless.js [options]
  --port <n>           port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <address>     address to bind (default 127.0.0.1)
  --data-dir <dir>     where GitGuild keeps its files (default $XDG_DATA_HOME/gitguild or ~/.local/share/gitguild)
  --config <file>      headless config JSON (port, host, dataDir, publicHosts, secrets.{backend,envNames,files})
  --secrets <backend>  keytar (OS keychain) or env (environment variables / files; default)
  --print-url          print the admin URL with its token even when stdout is not a terminal
  --url-file <file>    write the admin URL with its token to <file>, readable only by you (0600)
  --rotate-token       replace the stored API token with a new one; the old one stops working
  --help               this text

The admin URL carries the API token, so it is printed only to a terminal: a service manager
keeps standard output in its journal. Without a terminal use --url-file (or --print-url).`;

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env['XDG_DATA_HOME'] && env['XDG_DATA_HOME'] !== ''
      ? env['XDG_DATA_HOME']
      : join(homedir(), '.local', 'share');
  return join(base, 'gitguild');
}

function usageError(message: string): GitGuildError {
  return new GitGuildError('invalid_input', message, { hint: USAGE });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw usageError(`--port must be a number from 0 to 65535, got "${text}".`);
  return port;
}

export function readConfigFile(path: string): HeadlessConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? `is not valid JSON (${error.message})`
        : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new GitGuildError('invalid_input', `The config file ${path} ${reason}.`);
  }
  const parsed = HeadlessConfigFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new GitGuildError(
      'invalid_input',
      `The config file ${path} is invalid: ${describeZodError(parsed.error)}`,
    );
  return parsed.data;
}

/** Returns null when --help was asked for. */
export function parseHeadlessArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): HeadlessOptions | null {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        secrets: { type: 'string' },
        'print-url': { type: 'boolean' },
        'url-file': { type: 'string' },
        'rotate-token': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  if (values['help']) return null;
  const configPath = values['config'];
  const file: HeadlessConfigFile =
    typeof configPath === 'string' ? readConfigFile(resolve(configPath)) : {};
  const backend = (values['secrets'] as string | undefined) ?? file.secrets?.backend ?? 'env';
  if (backend !== 'keytar' && backend !== 'env')
    throw usageError(`--secrets must be keytar or env, got "${backend}".`);
  const portText = values['port'] as string | undefined;
  const urlFile = (values['url-file'] as string | undefined) ?? file.urlFile;
  const dataDir = (values['data-dir'] as string | undefined) ?? file.dataDir ?? defaultDataDir(env);
  const secrets: HeadlessOptions['secrets'] = { backend };
  if (file.secrets?.envNames) secrets.envNames = file.secrets.envNames;
  if (file.secrets?.files) secrets.files = file.secrets.files;
  if (file.secrets?.service) secrets.service = file.secrets.service;
  return {
    port: portText !== undefined ? parsePort(portText) : (file.port ?? DEFAULT_PORT),
    bindAddress: (values['host'] as string | undefined) ?? file.host ?? '127.0.0.1',
    dataDir: resolve(dataDir),
    publicHosts: file.publicHosts ?? [],
    printUrl: values['print-url'] === true,
    urlFile: urlFile === undefined ? null : resolve(urlFile),
    rotateToken: values['rotate-token'] === true,
    secrets,
  };
}
