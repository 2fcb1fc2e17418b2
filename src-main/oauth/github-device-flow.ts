// GitHub's device flow (RFC 8628) for members: @octokit/oauth-methods asks for the code and
// makes each token request; this module only decides when to ask again. It waits the interval
// GitHub gave, and on `slow_down` adopts the new interval for every later poll (RFC 8628 §3.5).
// @octokit/auth-oauth-device is not used: it waits longer once after slow_down and then
// returns to the old interval (so GitHub keeps answering slow_down), and it cannot be cancelled.
import { createDeviceCode, exchangeDeviceCode } from '@octokit/oauth-methods';
import type { Logger } from '../log/logger.js';

/** Waits `ms`, or rejects when the signal aborts. Injected so tests can run on a virtual clock. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    timer.unref();
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Octokit's request function, pointed at GitHub's web host (github.com/login/...). */
export type GitHubOAuthRequest = Parameters<typeof createDeviceCode>[0]['request'];

export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  /** Epoch ms. */
  expiresAt: number;
  intervalSeconds: number;
}

export type DeviceOutcome =
  | { kind: 'token'; token: string }
  | { kind: 'expired' }
  | { kind: 'denied' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export async function requestDeviceCode(options: {
  request: GitHubOAuthRequest;
  clientId: string;
  scopes: string[];
  now: () => number;
}): Promise<DeviceCode> {
  const { data } = await createDeviceCode({
    clientType: 'oauth-app',
    clientId: options.clientId,
    scopes: options.scopes,
    request: options.request,
  });
  return {
    deviceCode: data.device_code,
    userCode: data.user_code,
    verificationUri: data.verification_uri,
    expiresAt: options.now() + data.expires_in * 1000,
    intervalSeconds: data.interval,
  };
}

function oauthErrorOf(error: unknown): { error?: string; interval?: unknown } | null {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  return typeof data === 'object' && data !== null ? (data as { error?: string }) : null;
}

/** Errors that end the flow: GitHub will not answer differently if asked again. */
const FATAL = new Set([
  'incorrect_client_credentials',
  'incorrect_device_code',
  'device_flow_disabled',
  'unsupported_grant_type',
]);

export interface PollOptions {
  request: GitHubOAuthRequest;
  clientId: string;
  code: DeviceCode;
  now: () => number;
  sleep: Sleep;
  signal: AbortSignal;
  logger: Logger;
}

/** Polls until GitHub issues a token, the member denies, the code expires, or the signal aborts. */
export async function pollDeviceAuthorization(options: PollOptions): Promise<DeviceOutcome> {
  const { code, signal, logger } = options;
  let intervalSeconds = code.intervalSeconds;
  let transientFailures = 0;
  for (;;) {
    try {
      await options.sleep(intervalSeconds * 1000, signal);
    } catch {
      return { kind: 'cancelled' };
    }
    if (signal.aborted) return { kind: 'cancelled' };
    if (options.now() >= code.expiresAt) return { kind: 'expired' };
    try {
      const { authentication } = await exchangeDeviceCode({
        clientType: 'oauth-app',
        clientId: options.clientId,
        code: code.deviceCode,
        request: options.request,
      });
      if (signal.aborted) return { kind: 'cancelled' };
      return { kind: 'token', token: authentication.token };
    } catch (error) {
      const body = oauthErrorOf(error);
      switch (body?.error) {
        case 'authorization_pending':
          transientFailures = 0;
          continue;
        case 'slow_down':
          transientFailures = 0;
          intervalSeconds =
            typeof body.interval === 'number' && body.interval > intervalSeconds
              ? body.interval
              : intervalSeconds + 5;
          logger.debug('device flow: GitHub asked to slow down', { intervalSeconds });
          continue;
        case 'expired_token':
          return { kind: 'expired' };
        case 'access_denied':
          return { kind: 'denied' };
        default:
          if (body?.error && FATAL.has(body.error)) {
            return { kind: 'failed', message: `GitHub refused the device flow (${body.error}).` };
          }
          // A network hiccup or a 5xx: ask again later, a little slower each time, until the code expires.
          transientFailures += 1;
          logger.warn('device flow: token request failed, retrying', {
            attempt: transientFailures,
            error: body?.error ?? (error instanceof Error ? error.message : String(error)),
          });
          if (transientFailures >= 10) {
            return { kind: 'failed', message: 'GitHub could not be reached to finish linking.' };
          }
      }
    }
  }
}
