// GitHub's primary REST rate limit: a fixed window per identity (user, or IP when anonymous),
// `X-RateLimit-*` headers on every response, and a forced exhaustion for tests.
import type { SimClock } from './clock.js';

export interface RateLimitOptions {
  /** Requests per window for an authenticated user. GitHub: 5000. */
  limit: number;
  /** GitHub: 3600. */
  windowSeconds: number;
  /** Anonymous requests per window. GitHub: 60. */
  anonymousLimit?: number;
  /** Status when the primary limit is exhausted: GitHub sends 403 or 429. */
  exhaustedStatus?: 403 | 429;
}

export interface RateWindow {
  limit: number;
  used: number;
  /** Epoch ms. */
  resetAt: number;
}

export class PrimaryRateLimiter {
  private readonly windows = new Map<string, RateWindow>();
  /** A forced exhaustion applies to identities that have not been seen yet as well. */
  private exhaustedUntil = 0;

  constructor(
    private readonly clock: SimClock,
    readonly options: RateLimitOptions,
  ) {}

  window(identity: string, anonymous: boolean): RateWindow {
    const now = this.clock.now();
    let w = this.windows.get(identity);
    if (!w || now >= w.resetAt) {
      const limit = anonymous ? (this.options.anonymousLimit ?? 60) : this.options.limit;
      w = { limit, used: 0, resetAt: now + this.options.windowSeconds * 1000 };
      if (this.exhaustedUntil > now) {
        w.used = limit;
        w.resetAt = this.exhaustedUntil;
      }
      this.windows.set(identity, w);
    }
    return w;
  }

  exhausted(w: RateWindow): boolean {
    return w.used >= w.limit;
  }

  consume(w: RateWindow): void {
    w.used++;
  }

  /** Every identity has no requests left until `resetInSeconds` from now. */
  exhaust(resetInSeconds: number): void {
    const resetAt = this.clock.now() + resetInSeconds * 1000;
    this.exhaustedUntil = resetAt;
    for (const w of this.windows.values()) {
      w.used = w.limit;
      w.resetAt = resetAt;
    }
  }

  /** Starts fresh windows for everyone. */
  reset(): void {
    this.windows.clear();
    this.exhaustedUntil = 0;
  }

  static headers(w: RateWindow, resource = 'core'): Record<string, string> {
    return {
      'x-ratelimit-limit': String(w.limit),
      'x-ratelimit-remaining': String(Math.max(0, w.limit - w.used)),
      'x-ratelimit-used': String(Math.min(w.used, w.limit)),
      'x-ratelimit-reset': String(Math.ceil(w.resetAt / 1000)),
      'x-ratelimit-resource': resource,
    };
  }
}
