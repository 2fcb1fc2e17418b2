// Estimates how long the remaining member writes take. discord.js reports each time the member
// bucket runs dry (`rateLimited`: its limit and the time to reset), which gives the writes per
// window and the window's length: the rest cannot go faster than whole windows. The pace so far
// can be slower (latency, a busy host), so the estimate is the larger of the two. Listening to
// `rateLimited` costs nothing per request (a `response` listener makes discord.js clone each one).
import { RESTEvents, type Client, type RateLimitData } from 'discord.js';

const MEMBER_ROUTE = /^\/guilds\/\d+\/members\/:id$/;

export class RateBudget {
  private readonly started: number;
  private writes = 0;
  /** When the bucket last resets, as reported, and how many writes a window holds. */
  private reset: { at: number; limit: number } | null = null;
  private windowMs: number | null = null;
  private readonly listener = (data: RateLimitData): void => this.limited(data);

  constructor(
    private readonly client: Client,
    private readonly globalPerSecond = 50,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    client.rest.on(RESTEvents.RateLimited, this.listener);
  }

  dispose(): void {
    this.client.rest.off(RESTEvents.RateLimited, this.listener);
  }

  /** One member write went through. */
  wrote(): void {
    this.writes += 1;
  }

  /** Milliseconds until `writesLeft` more member writes are through, or null before any write. */
  etaMs(writesLeft: number): number | null {
    if (writesLeft <= 0) return 0;
    if (this.writes === 0) return null;
    const now = this.now();
    const pace = ((now - this.started) / this.writes) * writesLeft;
    let bucket = (writesLeft / this.globalPerSecond) * 1000;
    if (this.reset && this.windowMs) {
      const windows = Math.max(0, Math.ceil(writesLeft / this.reset.limit) - 1);
      bucket = Math.max(bucket, Math.max(0, this.reset.at - now) + windows * this.windowMs);
    }
    return Math.round(Math.max(pace, bucket));
  }

  private limited(data: RateLimitData): void {
    if (data.global || data.method.toUpperCase() !== 'PATCH' || !MEMBER_ROUTE.test(data.route))
      return;
    const now = this.now();
    const at = now + data.timeToReset;
    const previous = this.reset;
    // Resets are whole windows apart (a window the bucket was not emptied in reports nothing), so
    // the shortest gap seen is the window; the first window began with the first write.
    const gap = previous ? at - previous.at : at - this.started;
    if (gap > 1) {
      this.windowMs = this.windowMs === null ? gap : Math.min(this.windowMs, gap);
      this.reset = { at, limit: data.limit };
    }
  }
}
