// Deterministic "something happens while the client is reading" for tests: a callback that runs
// once, just before the simulator serves the Nth request matching a predicate (in process only;
// a callback cannot travel over the HTTP control surface).

export interface HookedRequest {
  method: string;
  /** URL path, e.g. `/repos/acme/app/issues` or `/graphql`. */
  path: string;
  query: Record<string, string>;
  /** For POST /graphql: the document, operation and variables sent. */
  graphql?: { query: string; operationName: string | null; variables: Record<string, unknown> };
}

export interface BeforeRequestOptions {
  match: (request: HookedRequest) => boolean;
  /** Run before the Nth matching request (default 1); the hook then retires. */
  nth?: number;
}

interface Hook {
  match: (request: HookedRequest) => boolean;
  remaining: number;
  run: (request: HookedRequest) => void | Promise<void>;
}

export class RequestHooks {
  private hooks: Hook[] = [];

  add(options: BeforeRequestOptions, run: (request: HookedRequest) => void | Promise<void>): void {
    const nth = options.nth ?? 1;
    if (!Number.isInteger(nth) || nth < 1)
      throw new Error(`beforeRequest: nth must be a positive integer, not ${nth}`);
    this.hooks.push({ match: options.match, remaining: nth, run });
  }

  /** Hooks that have not run yet. */
  get pending(): number {
    return this.hooks.length;
  }

  clear(): void {
    this.hooks = [];
  }

  async before(request: HookedRequest): Promise<void> {
    for (const hook of [...this.hooks]) {
      if (!hook.match(request)) continue;
      hook.remaining -= 1;
      if (hook.remaining > 0) continue;
      this.hooks = this.hooks.filter((h) => h !== hook);
      await hook.run(request);
    }
  }
}
