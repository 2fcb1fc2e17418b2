// The one place GitGuild builds an Octokit: the throttling plugin's request queues, waits and
// retries that an AbortSignal cuts short (patient-requests.ts), a configurable base URL (GitHub,
// GitHub Enterprise, the simulator), and a meter that counts every HTTP attempt and tracks the
// rate-limit budget and GitHub's clock from response headers.
import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { waitOutFailures } from './patient-requests.js';
import { createRequestMeter, type RequestMeter } from './request-meter.js';

const GitGuildOctokit = Octokit.plugin(throttling);
export type GitHubClient = InstanceType<typeof GitGuildOctokit>;

export interface CreateOctokitOptions {
  baseUrl: string;
  /** Read by the caller from the SecretStore (`github.token`); registered with the logger for redaction. */
  token: string;
  logger: Logger;
  userAgent: string;
  /** Longest wait for a primary rate-limit reset before giving up (default 15 minutes). */
  maxRateLimitWaitMs?: number;
  /** Retries of 5xx/network failures (default 3). */
  retries?: number;
  /** Base of the quadratic back-off for those: retry n waits n² × this (default 1000 ms). */
  retryBaseDelayMs?: number;
  /**
   * Least time between two GraphQL requests (default 100 ms, one at a time). The throttling
   * plugin queues GraphQL with writes, at 1 request/s by default; GitGuild only reads, and GitHub's
   * secondary limit for GraphQL is 2,000 points a minute, which 10 one-point queries/s respect.
   */
  graphqlMinIntervalMs?: number;
  /** Called after every HTTP attempt with the running totals. */
  onRequest?: (meter: RequestMeter) => void;
}

export interface GitHubConnection {
  octokit: GitHubClient;
  meter: RequestMeter;
}

const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 15 * 60_000;

export function createOctokit(options: CreateOctokitOptions): GitHubConnection {
  if (!/^https?:\/\//.test(options.baseUrl)) {
    throw new GitGuildError(
      'invalid_input',
      `GitHub API base URL must be an http(s) URL, got "${options.baseUrl}"`,
    );
  }
  if (options.token.trim() === '') {
    throw new GitGuildError('unauthorized', 'No GitHub token is configured', {
      hint: 'Sign in with GitHub or paste a token in Settings → GitHub.',
    });
  }
  const log = options.logger.child('github');
  log.addSecret(options.token);
  const maxWaitMs = options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  const meter = createRequestMeter();

  // Counting at the fetch level sees every attempt, including the retries the plugins make
  // internally; a hook added after construction would sit outside them and miss those.
  const meteredFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    meter.record(response.status, response.headers);
    options.onRequest?.(meter);
    return response;
  };

  const octokit = new GitGuildOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent,
    request: { fetch: meteredFetch },
    log: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.info(message),
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.error(message),
    },
    throttle: {
      // A per-instance id keeps our Bottleneck queues apart from any other Octokit in the process.
      id: `gitguild-${Math.random().toString(36).slice(2)}`,
      // The plugin's queue for writes and GraphQL (see graphqlMinIntervalMs). GitGuild makes no
      // REST writes through this client, so this paces GraphQL reads only.
      write: new Bottleneck.Group({
        maxConcurrent: 1,
        minTime: options.graphqlMinIntervalMs ?? 100,
      }),
      // Never wait inside the plugin: its timers cannot be cancelled. The error comes straight
      // back, and waitOutFailures waits, abortably, against GitHub's clock.
      onRateLimit: () => false,
      onSecondaryRateLimit: () => false,
    },
  });
  waitOutFailures(octokit, {
    meter,
    log,
    maxRateLimitWaitMs: maxWaitMs,
    retries: options.retries ?? 3,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 1000,
  });
  return { octokit, meter };
}

export type { RequestMeter } from './request-meter.js';
