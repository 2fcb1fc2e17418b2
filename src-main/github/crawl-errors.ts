// Turns GitHub failures into what the crawl reports: fatal errors for the whole org (not found,
// bad token) and per-repository reasons that land in the summary's `missing` list.
import { GitGuildError } from '../errors.js';

interface HttpFailure {
  status: number;
  message: string;
  headers: Record<string, string | undefined>;
}

/** The HTTP status and headers of an Octokit RequestError (or a GraphQL error, see below), or null for anything else. */
export function httpFailure(error: unknown): HttpFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number') return graphqlFailure(error);
  const response = (error as { response?: { headers?: Record<string, string | undefined> } })
    .response;
  const message = error instanceof Error ? error.message : String(status);
  return { status, message, headers: response?.headers ?? {} };
}

interface GraphqlErrorLike {
  errors?: unknown;
  headers?: Record<string, string | undefined>;
  response?: { headers?: Record<string, string | undefined>; data?: { errors?: unknown } };
}

/**
 * GitHub answers GraphQL failures with HTTP 200 and typed `errors`. @octokit/graphql throws them
 * as GraphqlResponseError (`errors`, `headers`); the throttling plugin rethrows a rate limit it
 * would not wait for as an Error carrying the `response`. Mapped to the REST status with the same
 * meaning, so the crawl reports them like REST failures.
 */
function graphqlFailure(error: object): HttpFailure | null {
  const e = error as GraphqlErrorLike;
  const errors = Array.isArray(e.errors)
    ? e.errors
    : Array.isArray(e.response?.data?.errors)
      ? e.response.data.errors
      : null;
  if (!errors) return null;
  const types = errors.map((x: unknown) =>
    typeof x === 'object' && x !== null ? (x as { type?: unknown }).type : undefined,
  );
  const headers = e.response?.headers ?? e.headers ?? {};
  const message = error instanceof Error ? error.message : 'GraphQL error';
  if (types.includes('RATE_LIMITED'))
    return {
      status: 403,
      message: `GraphQL rate limit exceeded: ${message}`,
      headers: { ...headers, 'x-ratelimit-remaining': '0' },
    };
  if (types.includes('NOT_FOUND')) return { status: 404, message, headers };
  if (types.includes('FORBIDDEN')) return { status: 403, message, headers };
  return null;
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function isRateLimited(failure: HttpFailure): boolean {
  return (
    (failure.status === 403 || failure.status === 429) &&
    (failure.headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(failure.message))
  );
}

export function rateLimitResetAt(failure: HttpFailure): string | null {
  const reset = Number(failure.headers['x-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : null;
}

/** Errors that stop the crawl of the whole org. `null` means "not one of those". */
export function orgLevelError(error: unknown, org: string): GitGuildError | null {
  const failure = httpFailure(error);
  if (!failure) return null;
  if (isRateLimited(failure)) {
    const resetAt = rateLimitResetAt(failure);
    return new GitGuildError(
      'rate_limited',
      `GitHub rate limit exhausted${resetAt ? ` until ${resetAt}` : ''}`,
      {
        hint: 'The next scheduled crawl continues where this one stopped.',
        resetAt,
      },
    );
  }
  switch (failure.status) {
    case 401:
      return new GitGuildError('unauthorized', 'GitHub rejected the token (401)', {
        hint: 'The token is expired or revoked: sign in with GitHub again or paste a new token.',
      });
    case 403:
      return new GitGuildError(
        'forbidden',
        `The GitHub token may not read the organisation "${org}" (403)`,
        {
          hint: 'Grant the token read access to the org (and authorise it for SAML SSO if the org uses it).',
        },
      );
    case 404:
      return new GitGuildError('not_found', `GitHub organisation "${org}" was not found`, {
        hint: 'Check the spelling, and that the token can see the org if it is private.',
      });
    default:
      return null;
  }
}

/** Why one repository could not be read, in words for the summary. */
export function repoMissingReason(error: unknown): string {
  const failure = httpFailure(error);
  if (!failure) return `failed: ${error instanceof Error ? error.message : String(error)}`;
  if (isRateLimited(failure)) {
    const resetAt = rateLimitResetAt(failure);
    return `rate limit exhausted${resetAt ? ` until ${resetAt}` : ''}`;
  }
  switch (failure.status) {
    case 451:
      return 'unavailable for legal reasons (451)';
    case 403:
      return 'access forbidden (403)';
    case 404:
      return 'not found (404): deleted or renamed during the crawl';
    case 401:
      return 'token rejected (401)';
    default:
      return `GitHub error ${failure.status}: ${failure.message}`;
  }
}
