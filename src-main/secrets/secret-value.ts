// Checks applied to every account name and secret value at the store boundary. Errors name the
// account and what is wrong, never the value itself.
import { GitGuildError } from '../errors.js';
import { SECRET_ACCOUNTS, type SecretAccount } from './types.js';

/** Shorter values would escape the logger's redaction, which ignores strings under 8 characters. */
export const MIN_SECRET_LENGTH = 8;
/** Generous for OAuth refresh tokens and JWTs; anything longer is a pasted file or a mistake. */
export const MAX_SECRET_LENGTH = 4096;

const ACCOUNT_SET: ReadonlySet<string> = new Set(SECRET_ACCOUNTS);
// Control characters (newline, tab, NUL ...) break env files and keychain tools, and real tokens never contain them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export function isSecretAccount(value: unknown): value is SecretAccount {
  return typeof value === 'string' && ACCOUNT_SET.has(value);
}

export function assertSecretAccount(value: unknown): asserts value is SecretAccount {
  if (!isSecretAccount(value)) {
    // The account name is not secret, but an arbitrary string could be a value pasted in the wrong field.
    throw new GitGuildError('invalid_input', 'Unknown secret account.', {
      hint: `Known accounts: ${SECRET_ACCOUNTS.join(', ')}.`,
    });
  }
}

/** Returns a problem sentence for a value, or null when it is acceptable. `source` names where it came from. */
export function secretValueProblem(value: unknown, source: string): string | null {
  if (typeof value !== 'string') return `${source} is not a string.`;
  if (value.length === 0) return `${source} is empty.`;
  if (value.length < MIN_SECRET_LENGTH) {
    return `${source} is too short (${value.length} characters; tokens and secrets are at least ${MIN_SECRET_LENGTH}).`;
  }
  if (value.length > MAX_SECRET_LENGTH) {
    return `${source} is too long (${value.length} characters; the limit is ${MAX_SECRET_LENGTH}).`;
  }
  if (CONTROL_CHARACTER.test(value))
    return `${source} contains a newline or another control character.`;
  if (value.trim() !== value)
    return `${source} starts or ends with whitespace (a copy-paste slip?).`;
  return null;
}

export function assertSecretValue(value: unknown, source: string): asserts value is string {
  const problem = secretValueProblem(value, source);
  if (problem !== null) {
    throw new GitGuildError('invalid_input', problem, {
      hint: 'Paste the token again exactly as the provider shows it.',
    });
  }
}
