// Waits out what GitHub asks a client to wait out (an exhausted rate limit, a secondary limit, a
// server error) and stops waiting the moment the request's AbortSignal fires. It replaces the
// waits of @octokit/plugin-throttling and @octokit/plugin-retry, which sleep in Bottleneck timers
// nothing can cancel (a host stopping during a 15-minute rate-limit wait would hang for it), and
// which measure the rate-limit reset against the host's clock instead of GitHub's Date header.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Octokit } from '@octokit/rest';
import type { Logger } from '../log/logger.js';
import type { RequestMeter } from './request-meter.js';

export interface PatienceOptions {
  meter: RequestMeter;
  log: Logger;
  /** Longest wait for a rate-limit reset or secondary limit before giving up. */
  maxRateLimitWaitMs: number;
  /** Retries of server errors and network failures. */
  retries: number;
  /** Retry n of a server error waits n² × this. */
  retryBaseDelayMs: number;
}

interface FailureLike {
  name?: string;
  status?: number;
  message?: string;
  response?: {
    headers?: Record<string, string | undefined>;
    data?: { errors?: { type?: string; message?: string }[] };
  };
}

type Failure =
  | { kind: 'rate-limit'; waitMs: number }
  | { kind: 'secondary'; waitMs: number }
  | { kind: 'server'; waitMs: number }
  | { kind: 'final' };

/** GitHub's time from a response's Date header, or the host's when there is none. */
export function serverTimeMs(headers: Record<string, string | undefined> | undefined): number {
  const date = Date.parse(headers?.date ?? '');
  return Number.isNaN(date) ? Date.now() : date;
}

function classify(error: FailureLike, serverRetryN: number, baseMs: number): Failure {
  if (error.name === 'AbortError') return { kind: 'final' };
  const status = error.status;
  const headers = error.response?.headers;
  const graphqlLimited = (error.response?.data?.errors ?? []).some(
    (e) => e.type === 'RATE_LIMITED',
  );
  if (/\bsecondary rate\b/i.test(error.message ?? '')) {
    const seconds = Number(headers?.['retry-after']) || 60;
    return { kind: 'secondary', waitMs: seconds * 1000 };
  }
  if (
    graphqlLimited ||
    ((status === 403 || status === 429) && headers?.['x-ratelimit-remaining'] === '0')
  ) {
    // Both sides from GitHub: the reset it announces and the time it says it is now.
    const resetMs = Number(headers?.['x-ratelimit-reset']) * 1000;
    const waitMs = Number.isFinite(resetMs) ? resetMs - serverTimeMs(headers) + 1000 : 60_000;
    return { kind: 'rate-limit', waitMs: Math.max(0, waitMs) };
  }
  if (status !== undefined && status >= 500)
    return { kind: 'server', waitMs: (serverRetryN + 1) ** 2 * baseMs };
  return { kind: 'final' };
}

/** GitHub's transient GraphQL failure arrives as a 200 with this error; it is a server error. */
const GRAPHQL_HICCUP = /Something went wrong while executing your query/;

/**
 * Wraps every request of `octokit`. Registered after the plugins, so it sees their errors (the
 * throttling plugin is told not to wait and rethrows rate limits at once).
 */
export function waitOutFailures(octokit: Pick<Octokit, 'hook'>, options: PatienceOptions): void {
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const signal = requestOptions.request?.signal;
    let rateLimitWaits = 0;
    let secondaryWaits = 0;
    let serverRetries = 0;
    for (;;) {
      let failure: FailureLike;
      try {
        const response = await request(requestOptions);
        const data = response.data as { errors?: { message?: string }[] } | undefined;
        const hiccup = data?.errors?.[0]?.message;
        if (!hiccup || !GRAPHQL_HICCUP.test(hiccup)) return response;
        failure = Object.assign(new Error(hiccup), { status: 502 });
      } catch (error) {
        failure = error as FailureLike;
      }
      const what = classify(failure, serverRetries, options.retryBaseDelayMs);
      if (what.kind === 'final' || signal?.aborted) throw failure;
      const route = `${requestOptions.method} ${requestOptions.url}`;
      if (what.kind === 'rate-limit') {
        if (what.waitMs > options.maxRateLimitWaitMs || rateLimitWaits >= 3) {
          options.log.error('rate limit exhausted; not waiting', {
            route,
            waitMs: what.waitMs,
            maxWaitMs: options.maxRateLimitWaitMs,
          });
          throw failure;
        }
        rateLimitWaits += 1;
        options.log.warn('rate limit exhausted; waiting for the reset', {
          route,
          waitMs: what.waitMs,
        });
      } else if (what.kind === 'secondary') {
        if (what.waitMs > options.maxRateLimitWaitMs || secondaryWaits >= 2) {
          options.log.error('secondary rate limit; not retrying', { route, waitMs: what.waitMs });
          throw failure;
        }
        secondaryWaits += 1;
        options.log.warn('secondary rate limit; backing off', { route, waitMs: what.waitMs });
      } else {
        if (serverRetries >= options.retries) throw failure;
        serverRetries += 1;
      }
      options.meter.noteWait(what.waitMs);
      // Rejects with an AbortError the moment the signal fires: a stopping host never waits.
      await sleep(what.waitMs, undefined, signal ? { signal } : {});
    }
  });
}
