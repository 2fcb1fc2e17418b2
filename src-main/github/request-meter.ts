// Counts HTTP attempts and remembers the last rate-limit budget GitHub reported, so progress
// events and crawl summaries can say how many requests a crawl cost and what budget is left.

export interface RateLimitBudget {
  limit: number;
  remaining: number;
  /** When the budget resets, ISO time. */
  resetAt: string;
}

export interface RequestMeter {
  /** HTTP attempts made so far, retries included. */
  readonly requests: number;
  /** Responses that were 304 Not Modified (free on GitHub's primary rate limit). */
  readonly notModified: number;
  /** Milliseconds spent (or scheduled) waiting for rate limits. */
  readonly waitedMs: number;
  readonly budget: RateLimitBudget | null;
  record(status: number, headers: Headers): void;
  noteWait(ms: number): void;
}

export function createRequestMeter(): RequestMeter {
  let requests = 0;
  let notModified = 0;
  let waitedMs = 0;
  let budget: RateLimitBudget | null = null;
  return {
    get requests() {
      return requests;
    },
    get notModified() {
      return notModified;
    },
    get waitedMs() {
      return waitedMs;
    },
    get budget() {
      return budget;
    },
    record(status, headers) {
      requests += 1;
      if (status === 304) notModified += 1;
      const remaining = Number(headers.get('x-ratelimit-remaining'));
      const limit = Number(headers.get('x-ratelimit-limit'));
      const reset = Number(headers.get('x-ratelimit-reset'));
      if (headers.has('x-ratelimit-remaining') && Number.isFinite(remaining)) {
        budget = {
          remaining,
          limit: Number.isFinite(limit) ? limit : (budget?.limit ?? remaining),
          resetAt: Number.isFinite(reset) ? new Date(reset * 1000).toISOString() : (budget?.resetAt ?? ''),
        };
      }
    },
    noteWait(ms) {
      waitedMs += ms;
    },
  };
}
