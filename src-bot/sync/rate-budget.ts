// Estimates how long the remaining member writes take, from the rate-limit headers Discord sends
// on each PATCH (X-RateLimit-Limit, -Remaining, -Reset-After): the writes left in the current
// window go now, the rest wait whole windows. discord.js's global cap bounds it from below.
import type { Client } from 'discord.js';
import { RESTEvents, type APIRequest, type ResponseLike } from 'discord.js';

const MEMBER_ROUTE = /^\/guilds\/\d+\/members\/:id$/;

export interface BucketView {
  limit: number;
  remaining: number;
  /** When the current window resets, on our clock. */
  resetAt: number;
  /** Longest reset-after seen: the length of a whole window. */
  windowMs: number;
}

export class RateBudget {
  private bucket: BucketView | null = null;
  private readonly started = Date.now();
  private responses = 0;
  private readonly listener = (request: APIRequest, response: ResponseLike): void =>
    this.observe(request, response);

  constructor(
    private readonly client: Client,
    private readonly globalPerSecond = 50,
    private readonly now: () => number = Date.now,
  ) {
    client.rest.on(RESTEvents.Response, this.listener);
  }

  dispose(): void {
    this.client.rest.off(RESTEvents.Response, this.listener);
  }

  get view(): BucketView | null {
    return this.bucket && { ...this.bucket };
  }

  /** Milliseconds until `writesLeft` more member writes are through, or null before any header. */
  etaMs(writesLeft: number): number | null {
    if (writesLeft <= 0) return 0;
    const floor = (writesLeft / this.globalPerSecond) * 1000;
    const b = this.bucket;
    if (!b) {
      // Without headers (no limits), extrapolate from the pace so far.
      if (this.responses === 0) return null;
      const perWrite = (this.now() - this.started) / this.responses;
      return Math.max(floor, Math.round(perWrite * writesLeft));
    }
    const now = this.now();
    const remaining = now >= b.resetAt ? b.limit : b.remaining;
    if (writesLeft <= remaining) return Math.round(floor);
    const untilReset = Math.max(0, b.resetAt - now);
    const windows = Math.ceil((writesLeft - remaining) / b.limit) - 1;
    return Math.round(Math.max(floor, untilReset + windows * b.windowMs));
  }

  private observe(request: APIRequest, response: ResponseLike): void {
    if (request.method.toUpperCase() !== 'PATCH' || !MEMBER_ROUTE.test(request.route)) return;
    this.responses += 1;
    const limit = Number(response.headers.get('x-ratelimit-limit'));
    const remaining = Number(response.headers.get('x-ratelimit-remaining'));
    const resetAfter = Number(response.headers.get('x-ratelimit-reset-after'));
    if (!Number.isFinite(limit) || limit <= 0 || !Number.isFinite(resetAfter)) return;
    const resetAfterMs = resetAfter * 1000;
    this.bucket = {
      limit,
      remaining: Number.isFinite(remaining) ? remaining : 0,
      resetAt: this.now() + resetAfterMs,
      windowMs: Math.max(this.bucket?.windowMs ?? 0, resetAfterMs),
    };
  }
}
