// Keeps OAuth sign-ins alive: refreshes the admin's Discord tokens before they expire and
// re-checks dashboard sessions. A small background job (chained setTimeout with skew, a stop
// flag checked after every await); the scheduler can also call `run()` itself.
import type { Logger } from '../log/logger.js';

export const TOKEN_REFRESH_JOB_NAME = 'oauth-token-refresh';
/** How often tokens near expiry are refreshed (the host's scheduler runs the job this often). */
export const TOKEN_REFRESH_MINUTES = 30;
const DEFAULT_INTERVAL_MS = TOKEN_REFRESH_MINUTES * 60_000;

export interface TokenRefreshTarget {
  name: string;
  refresh(): Promise<string>;
}

export interface TokenRefreshReport {
  ranAt: string;
  results: Record<string, string>;
}

export class TokenRefreshJob {
  readonly name = TOKEN_REFRESH_JOB_NAME;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private running: Promise<TokenRefreshReport> | null = null;

  constructor(
    private readonly targets: readonly TokenRefreshTarget[],
    private readonly logger: Logger,
    private readonly intervalMs = DEFAULT_INTERVAL_MS,
  ) {}

  /** One pass over every target; never throws (failures are in the report and the log). */
  run(): Promise<TokenRefreshReport> {
    this.running ??= (async () => {
      const results: Record<string, string> = {};
      for (const target of this.targets) {
        try {
          results[target.name] = await target.refresh();
        } catch (error) {
          this.logger.warn('token refresh failed', { target: target.name, error });
          results[target.name] = 'failed';
        }
      }
      this.logger.debug('token refresh pass', results);
      return { ranAt: new Date().toISOString(), results };
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Runs soon after start, then every interval (± 10 % skew). */
  start(firstDelayMs = 5_000): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.run().then(() => {
        if (!this.stopped) this.schedule(this.intervalMs * (0.9 + Math.random() * 0.2));
      });
    }, delayMs);
    this.timer.unref();
  }
}
