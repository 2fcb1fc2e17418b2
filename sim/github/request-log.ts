// Every request the simulator answered, so tests can count calls and see which ones cost quota.

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  /** Whether the request used up one unit of the primary rate limit. */
  counted: boolean;
  login: string | null;
  /** `api`, `oauth` or `web`: which face of the simulator served it. */
  surface: 'api' | 'oauth' | 'web';
  /** For POST /graphql: the operation's name (e.g. `GitGuildPullRequests`), when it has one. */
  operation?: string;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  reset(): void {
    this.entries = [];
  }
}
