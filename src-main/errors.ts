// Typed errors with stable identifiers: callers switch on `identifier`, users read `message`,
// and `hint` says how to fix it. Messages must never contain secret values.

export type ErrorIdentifier =
  | 'invalid_input'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'rate_limited'
  | 'keychain_unavailable'
  | 'store_corrupt'
  | 'store_too_new'
  | 'upstream_failed'
  | 'internal';

export class GitGuildError extends Error {
  override readonly name = 'GitGuildError';
  constructor(
    readonly identifier: ErrorIdentifier,
    message: string,
    readonly context: { hint?: string; [key: string]: unknown } = {},
  ) {
    super(message);
  }
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
