// Discord-style rate limits: fixed-window per-route buckets (keyed by route and major parameter),
// a global per-token cap, and the 2-per-10-minutes channel rename limit.
import { createHash } from 'node:crypto';
import type { BucketLimit, RateLimitConfig } from './options.js';

export type RateLimitScope = 'user' | 'global' | 'shared';

export interface RateLimitVerdict {
  limited: boolean;
  scope: RateLimitScope;
  retryAfterMs: number;
  headers: Record<string, string>;
}

interface WindowState {
  remaining: number;
  resetAt: number;
  limit: number;
}

export function bucketHash(routeKey: string): string {
  return createHash('sha1').update(routeKey).digest('hex').slice(0, 32);
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

export class RateLimiter {
  private readonly buckets = new Map<string, WindowState>();
  private readonly renames = new Map<string, number[]>();
  private global: WindowState = { remaining: 0, resetAt: 0, limit: 0 };

  constructor(private config: RateLimitConfig) {}

  update(config: Partial<RateLimitConfig>): void {
    this.config = {
      ...this.config,
      ...config,
      routes: { ...this.config.routes, ...(config.routes ?? {}) },
    };
    this.buckets.clear();
  }

  get settings(): RateLimitConfig {
    return this.config;
  }

  limitFor(routeKey: string): BucketLimit {
    return this.config.routes[routeKey] ?? this.config.defaultRoute;
  }

  /** Counts one request against the global cap; interaction endpoints skip this (as on Discord). */
  takeGlobal(now: number): RateLimitVerdict | null {
    if (!this.config.enabled) return null;
    if (now >= this.global.resetAt)
      this.global = {
        remaining: this.config.global.limit,
        resetAt: now + this.config.global.windowMs,
        limit: this.config.global.limit,
      };
    if (this.global.remaining <= 0) {
      const retryAfterMs = this.global.resetAt - now;
      return {
        limited: true,
        scope: 'global',
        retryAfterMs,
        headers: {
          'X-RateLimit-Global': 'true',
          'X-RateLimit-Scope': 'global',
          'Retry-After': String(Math.ceil(retryAfterMs / 1000)),
        },
      };
    }
    this.global.remaining -= 1;
    return null;
  }

  /** Counts one request against the route bucket and returns headers for the response. */
  takeRoute(routeKey: string, major: string, now: number): RateLimitVerdict {
    const hash = bucketHash(routeKey);
    if (!this.config.enabled)
      return { limited: false, scope: 'user', retryAfterMs: 0, headers: {} };
    const limit = this.limitFor(routeKey);
    const key = `${routeKey}:${major}`;
    let state = this.buckets.get(key);
    if (!state || now >= state.resetAt) {
      state = { remaining: limit.limit, resetAt: now + limit.windowMs, limit: limit.limit };
      this.buckets.set(key, state);
    }
    const limited = state.remaining <= 0;
    if (!limited) state.remaining -= 1;
    const resetAfter = state.resetAt - now;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(state.limit),
      'X-RateLimit-Remaining': String(state.remaining),
      'X-RateLimit-Reset': seconds(state.resetAt),
      'X-RateLimit-Reset-After': seconds(resetAfter),
      'X-RateLimit-Bucket': hash,
    };
    if (limited) {
      headers['X-RateLimit-Scope'] = 'user';
      headers['Retry-After'] = String(Math.ceil(resetAfter / 1000));
    }
    return { limited, scope: 'user', retryAfterMs: resetAfter, headers };
  }

  /** Channel renames: a shared-resource limit on top of the route bucket. */
  takeRename(channelId: string, now: number): RateLimitVerdict | null {
    if (!this.config.enabled) return null;
    const { limit, windowMs } = this.config.channelRename;
    const recent = (this.renames.get(channelId) ?? []).filter((at) => now - at < windowMs);
    if (recent.length >= limit) {
      this.renames.set(channelId, recent);
      const retryAfterMs = (recent[0] as number) + windowMs - now;
      return {
        limited: true,
        scope: 'shared',
        retryAfterMs,
        headers: {
          'X-RateLimit-Scope': 'shared',
          'Retry-After': String(Math.ceil(retryAfterMs / 1000)),
        },
      };
    }
    recent.push(now);
    this.renames.set(channelId, recent);
    return null;
  }

  /** Fault injection: empties a bucket so the next request on it is answered with 429. */
  exhaust(routeKey: string, major: string, now: number, retryAfterMs?: number): void {
    const limit = this.limitFor(routeKey);
    this.buckets.set(`${routeKey}:${major}`, {
      remaining: 0,
      resetAt: now + (retryAfterMs ?? limit.windowMs),
      limit: limit.limit,
    });
  }
}
