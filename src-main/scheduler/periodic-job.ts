// One timed job, shaped like GitHub Desktop's background fetcher: a chained setTimeout (never
// setInterval, so a slow run cannot stack), random skew so many jobs do not fire together, a stop
// flag checked after every await, and errors kept rather than thrown. On top: single-flight (a
// run never overlaps itself, whoever asks), exponential backoff after failures, and catch-up by
// wall clock: timers stand still while the machine sleeps, so on wake an overdue job runs once.
import type { SchedulerClock } from './clock.js';

export type JobKind = 'guild-sync' | 'org-crawl' | 'token-refresh' | 'voice-stats';

export interface JobSpec {
  id: string;
  kind: JobKind;
  label: string;
  intervalMs: () => number;
  run: () => Promise<void>;
}

export interface JobState {
  id: string;
  kind: JobKind;
  label: string;
  intervalMinutes: number;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastError: string | null;
  running: boolean;
  failures: number;
}

/** Skew: up to 10% of the interval, at most 30 s (GitHub Desktop uses a 30 s upper bound). */
const SKEW_MAX_MS = 30_000;
const BACKOFF_BASE_MS = 60_000;
/** Backoff stops growing at four intervals (at least an hour). */
const BACKOFF_CAP_INTERVALS = 4;
const BACKOFF_CAP_MIN_MS = 3600_000;

export class PeriodicJob {
  private timer: unknown = null;
  private nextAt: number | null = null;
  private lastAt: number | null = null;
  private lastError: string | null = null;
  private failures = 0;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    readonly spec: JobSpec,
    private readonly clock: SchedulerClock,
    private readonly onChange: () => void,
    private readonly describeError: (error: unknown) => string,
  ) {}

  get isRunning(): boolean {
    return this.running !== null;
  }

  get nextRunAt(): number | null {
    return this.nextAt;
  }

  state(): JobState {
    return {
      id: this.spec.id,
      kind: this.spec.kind,
      label: this.spec.label,
      intervalMinutes: this.spec.intervalMs() / 60_000,
      nextRunAt: this.nextAt === null ? null : new Date(this.nextAt).toISOString(),
      lastRunAt: this.lastAt === null ? null : new Date(this.lastAt).toISOString(),
      lastError: this.lastError,
      running: this.running !== null,
      failures: this.failures,
    };
  }

  /** Schedules the first run at `firstAt` (wall clock); an overdue time runs soon, once. */
  start(firstAt: number, lastRunAt: number | null = null): void {
    this.stopped = false;
    this.lastAt ??= lastRunAt;
    this.scheduleAt(Math.max(firstAt, this.clock.now()) + this.skew());
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.nextAt = null;
    this.onChange();
  }

  /** Runs now unless a run is going; resolves when that run ends. False when it was refused. */
  async runNow(): Promise<boolean> {
    if (this.running) return false;
    await this.tick(false);
    return true;
  }

  /** After a sleep: if the job is overdue by the wall clock, run it soon; one run, not one per missed interval. */
  catchUp(): void {
    if (this.stopped || this.running || this.nextAt === null) return;
    if (this.nextAt <= this.clock.now()) this.scheduleAt(this.clock.now() + this.skew());
  }

  /** The interval changed: the next run counts from the last one. */
  reschedule(): void {
    if (this.stopped || this.running) return;
    const base = this.lastAt ?? this.clock.now();
    this.scheduleAt(Math.max(this.clock.now(), base + this.spec.intervalMs()));
  }

  private async tick(timed: boolean): Promise<void> {
    if (this.running) return; // single-flight: a timer firing during a manual run does nothing
    if (timed && this.stopped) return;
    this.clearTimer();
    const run = (async () => {
      try {
        await this.spec.run();
        this.failures = 0;
        this.lastError = null;
      } catch (error) {
        this.failures += 1;
        this.lastError = this.describeError(error);
      }
    })();
    this.running = run;
    this.nextAt = null;
    this.onChange();
    try {
      await run;
    } finally {
      this.running = null;
      this.lastAt = this.clock.now();
      if (!this.stopped) this.scheduleAt(this.lastAt + this.delayAfterRun());
      this.onChange();
    }
  }

  private delayAfterRun(): number {
    if (this.failures === 0) return this.spec.intervalMs() + this.skew();
    const backoff = BACKOFF_BASE_MS * 2 ** Math.min(this.failures - 1, 20);
    const cap = Math.max(BACKOFF_CAP_MIN_MS, this.spec.intervalMs() * BACKOFF_CAP_INTERVALS);
    return Math.min(backoff, cap);
  }

  private skew(): number {
    return Math.floor(this.clock.random() * Math.min(SKEW_MAX_MS, this.spec.intervalMs() / 10));
  }

  private scheduleAt(at: number): void {
    this.clearTimer();
    this.nextAt = at;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        void this.tick(true);
      },
      Math.max(0, at - this.clock.now()),
    );
    this.onChange();
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
