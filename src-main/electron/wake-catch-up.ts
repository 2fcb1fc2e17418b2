// After the machine sleeps, timers that should have fired are overdue. Electron's powerMonitor
// says when it wakes; the host scheduler's `notifyResume()` then runs each overdue job once.
// Platforms repeat `resume` (and some send it without a `suspend`), so repeats close together are
// one wake. (The scheduler also notices a jumped wall clock by itself; its catch-up is idempotent,
// so a wake seen both ways still runs each job once.)
import type { Host } from '../host/host.js';
import type { Logger } from '../log/logger.js';

export interface WakeCatchUpOptions {
  scheduler: Pick<Host['scheduler'], 'notifyResume'>;
  now: () => number;
  logger: Logger;
  /** Resume events closer together than this, with no sleep in between, are the same wake. */
  coalesceMs?: number;
}

export class WakeCatchUp {
  private suspendedAt: number | null = null;
  private lastCatchUpAt: number | null = null;

  constructor(private readonly options: WakeCatchUpOptions) {}

  onSuspend(): void {
    this.suspendedAt = this.options.now();
  }

  /** Returns whether the scheduler was told to catch up. */
  onResume(): boolean {
    const { scheduler, logger, now } = this.options;
    const at = now();
    const sleptSinceLast =
      this.suspendedAt !== null &&
      (this.lastCatchUpAt === null || this.suspendedAt > this.lastCatchUpAt);
    const recent =
      this.lastCatchUpAt !== null && at - this.lastCatchUpAt < (this.options.coalesceMs ?? 60_000);
    if (recent && !sleptSinceLast) return false;
    this.suspendedAt = null;
    this.lastCatchUpAt = at;
    logger.info('woke from sleep: the scheduler catches up');
    try {
      scheduler.notifyResume();
    } catch (error) {
      logger.warn('scheduler catch-up failed', { error });
    }
    return true;
  }
}
