// How `serve` tells the admin where the UI is. The URL carries the API token, and a service
// manager keeps standard output in its journal, so the token goes only to a terminal, to a file
// only this user can read, or to stdout when the admin asks for it with --print-url.
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SecretStoreStatus } from '../secrets/types.js';
import type { ApiToken } from './api-token.js';
import { API_TOKEN_ENV } from './api-token.js';

export interface AdminUrlNoticeOptions {
  /** `http://127.0.0.1:7420` and the same with `/#token=...`. */
  origin: string;
  adminUrl: string;
  token: Pick<ApiToken, 'source'>;
  /** The SecretStore backend holding the token, to say where else it can be read. */
  backend: SecretStoreStatus['backend'];
  stdout: { isTTY?: boolean; write(text: string): unknown };
  printUrl: boolean;
  urlFile: string | null;
}

/** Replaces `path` with a new file that only its owner can read (mode 0600 from the start). */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  // A fresh temp file renamed over the target: an existing file with looser permissions, or a
  // symlink planted at the path, is replaced rather than written through.
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}`);
  await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

function whereElse(options: AdminUrlNoticeOptions): string {
  if (options.token.source === 'ephemeral')
    return 'This run uses a token that is kept nowhere else: restart with --url-file <file> or --print-url to get it.';
  if (options.backend === 'env')
    return `The token is the value you gave ${API_TOKEN_ENV} (or its file); or restart with --url-file <file>.`;
  if (options.backend === 'keytar')
    return 'The token is in the OS keychain (account "headless.apiToken"); or restart with --url-file <file> or --print-url.';
  return 'Restart with --url-file <file> or --print-url to get it.';
}

/** Writes the one line `serve` prints on stdout, and the URL file when one is configured. */
export async function announceAdminUrl(options: AdminUrlNoticeOptions): Promise<void> {
  if (options.urlFile) await writePrivateFile(options.urlFile, `${options.adminUrl}\n`);
  const line =
    options.stdout.isTTY === true || options.printUrl
      ? options.adminUrl
      : options.urlFile
        ? `${options.origin}/ (the URL with its access token is in ${options.urlFile}, readable only by you)`
        : `${options.origin}/ (access token not printed: standard output is not a terminal. ${whereElse(options)})`;
  options.stdout.write(`GitGuild admin UI: ${line}\n`);
}
