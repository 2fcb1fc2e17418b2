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
  /** The REST (`core`) budget: what most of a crawl spends. */
  readonly budget: RateLimitBudget | null;
  /** GitHub's separate GraphQL budget, in points. */
  readonly graphqlBudget: RateLimitBudget | null;
  record(status: number, headers: Headers): void;
  noteWait(ms: number): void;
}

export function createRequestMeter(): RequestMeter {
  let requests = 0;
  let notModified = 0;
  let waitedMs = 0;
  let budget: RateLimitBudget | null = null;
  let graphqlBudget: RateLimitBudget | null = null;
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
    get graphqlBudget() {
      return graphqlBudget;
    },
    record(status, headers) {
      requests += 1;
      if (status === 304) notModified += 1;
      const remaining = Number(headers.get('x-ratelimit-remaining'));
      const limit = Number(headers.get('x-ratelimit-limit'));
      const reset = Number(headers.get('x-ratelimit-reset'));
      if (headers.has('x-ratelimit-remaining') && Number.isFinite(remaining)) {
        // Each resource (core, graphql, search, ...) has its own budget; a GraphQL response must
        // not overwrite what is left of the REST budget.
        const resource = headers.get('x-ratelimit-resource') ?? 'core';
        if (resource !== 'core' && resource !== 'graphql') return;
        const previous = resource === 'core' ? budget : graphqlBudget;
        const next = {
          remaining,
          limit: Number.isFinite(limit) ? limit : (previous?.limit ?? remaining),
          resetAt: Number.isFinite(reset)
            ? new Date(reset * 1000).toISOString()
            : (previous?.resetAt ?? ''),
        };
        if (resource === 'core') budget = next;
        else graphqlBudget = next;
      }
    },
    noteWait(ms) {
      waitedMs += ms;
    },
  };
}
