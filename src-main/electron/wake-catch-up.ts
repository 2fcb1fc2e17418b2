// After the machine sleeps, timers that should have fired are overdue. Electron's powerMonitor
// says when it wakes; the scheduler's catch-up then runs once. Platforms repeat `resume` (and
// some send it without a `suspend`), so repeats close together are one wake.
import type { Logger } from '../log/logger.js';

export interface WakeCatchUpOptions {
  /** The scheduler's catch-up, or null until the scheduler offers one. */
  catchUp: (() => Promise<void>) | null;
  now: () => number;
  logger: Logger;
  /** Resume events closer together than this, with no sleep in between, are the same wake. */
  coalesceMs?: number;
}

export class WakeCatchUp {
  private suspendedAt: number | null = null;
  private lastCatchUpAt: number | null = null;
  private running = false;

  constructor(private readonly options: WakeCatchUpOptions) {}

  onSuspend(): void {
    this.suspendedAt = this.options.now();
  }

  /** Returns whether a catch-up was started. */
  onResume(): boolean {
    const { catchUp, logger, now } = this.options;
    const at = now();
    const sleptSinceLast =
      this.suspendedAt !== null &&
      (this.lastCatchUpAt === null || this.suspendedAt > this.lastCatchUpAt);
    const recent =
      this.lastCatchUpAt !== null && at - this.lastCatchUpAt < (this.options.coalesceMs ?? 60_000);
    if (this.running || (recent && !sleptSinceLast)) return false;
    this.suspendedAt = null;
    this.lastCatchUpAt = at;
    if (!catchUp) {
      logger.info('woke from sleep; no scheduler catch-up to run in this build');
      return false;
    }
    this.running = true;
    logger.info('woke from sleep: running the scheduler catch-up');
    catchUp()
      .catch((error: unknown) => logger.warn('scheduler catch-up failed', { error }))
      .finally(() => {
        this.running = false;
      });
    return true;
  }
}
