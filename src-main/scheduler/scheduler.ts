// The scheduler: timed jobs in the main process, so they keep running with the window closed.
// Per enabled guild one job chains "crawl the guild's org if stale → read org membership →
// sync the guild → refresh its voice stats" at the guild's interval; orgs no guild follows are
// crawled at the settings interval; token refresh jobs are registered by the host. Pause survives
// a restart (it is a setting). `notifyResume()` (Electron's powerMonitor) and a wall-clock watch
// (for headless hosts) catch up once after the machine slept.
import type { SchedulerStatus } from '../api/methods/sync.js';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { SettingsRepository } from '../store/repositories.js';
import { systemClock, type SchedulerClock } from './clock.js';
import { PeriodicJob, type JobSpec } from './periodic-job.js';

export interface SchedulerHooks {
  /** Enabled guilds with their org and interval. */
  guilds(): { id: string; name: string; org: string | null; intervalMinutes: number }[];
  /** Configured orgs (settings). */
  orgs(): string[];
  /** The guild job's steps; each throws to count as a failure (backoff). */
  syncGuild(guildId: string): Promise<void>;
  crawlOrg(org: string): Promise<void>;
  /** When each job last ran before this start, so a restart does not run everything at once. */
  lastRunOf(jobId: string): number | null;
}

/** A refresh job the OAuth side registers (`registerRefreshJob`). */
export interface RefreshJobSpec {
  id: string;
  label: string;
  intervalMinutes: number;
  run: () => Promise<void>;
}

const WAKE_CHECK_MS = 60_000;
/** A wall-clock gap this much longer than the check interval means the machine slept. */
const WAKE_SLACK_MS = 30_000;

export class Scheduler {
  private readonly jobs = new Map<string, PeriodicJob>();
  private readonly refreshJobs = new Map<string, RefreshJobSpec>();
  private started = false;
  private wakeTimer: unknown = null;
  private lastWakeCheck = 0;
  private readonly clock: SchedulerClock;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      hooks: SchedulerHooks;
      logger: Logger;
      clock?: SchedulerClock;
    },
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  get paused(): boolean {
    return this.deps.settings.get().schedulerPaused;
  }

  /** Called on every change of a job's state (the host republishes health; the tray follows). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.reconcile();
    this.lastWakeCheck = this.clock.now();
    this.watchWake();
  }

  stop(): void {
    this.started = false;
    if (this.wakeTimer !== null) this.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    for (const job of this.jobs.values()) job.stop();
  }

  /** Resolves once running jobs have finished (host shutdown). */
  async idle(): Promise<void> {
    while ([...this.jobs.values()].some((j) => j.isRunning))
      await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async pause(): Promise<SchedulerStatus> {
    await this.deps.settings.update({ schedulerPaused: true });
    for (const job of this.jobs.values()) job.stop();
    this.deps.logger.info('scheduler paused');
    this.changed();
    return this.status();
  }

  async resume(): Promise<SchedulerStatus> {
    await this.deps.settings.update({ schedulerPaused: false });
    this.deps.logger.info('scheduler resumed');
    for (const job of this.jobs.values()) this.startJob(job);
    this.changed();
    return this.status();
  }

  /** The machine woke up (Electron powerMonitor 'resume'): overdue jobs run once, soon. */
  notifyResume(): void {
    this.lastWakeCheck = this.clock.now();
    for (const job of this.jobs.values()) job.catchUp();
  }

  /** Registers (or replaces) a token refresh job; the OAuth side calls this. */
  registerRefreshJob(spec: RefreshJobSpec): void {
    this.refreshJobs.set(spec.id, spec);
    this.reconcile();
  }

  /** Brings the job list in line with guilds and settings; call after either changes. */
  reconcile(): void {
    if (!this.started) return;
    const wanted = new Map<string, JobSpec>();
    const { hooks } = this.deps;
    const guilds = hooks.guilds();
    for (const g of guilds) {
      wanted.set(`guild-sync:${g.id}`, {
        id: `guild-sync:${g.id}`,
        kind: 'guild-sync',
        label: `Sync ${g.name}${g.org ? ` (crawl ${g.org} first)` : ''}`,
        intervalMs: () =>
          (hooks.guilds().find((x) => x.id === g.id)?.intervalMinutes ?? g.intervalMinutes) *
          60_000,
        run: () => hooks.syncGuild(g.id),
      });
    }
    const followed = new Set(guilds.flatMap((g) => (g.org ? [g.org.toLowerCase()] : [])));
    for (const org of hooks.orgs()) {
      if (followed.has(org.toLowerCase())) continue;
      wanted.set(`org-crawl:${org.toLowerCase()}`, {
        id: `org-crawl:${org.toLowerCase()}`,
        kind: 'org-crawl',
        label: `Crawl ${org}`,
        intervalMs: () => this.deps.settings.get().syncIntervalMinutes * 60_000,
        run: () => hooks.crawlOrg(org),
      });
    }
    for (const r of this.refreshJobs.values()) {
      wanted.set(`token-refresh:${r.id}`, {
        id: `token-refresh:${r.id}`,
        kind: 'token-refresh',
        label: r.label,
        intervalMs: () => r.intervalMinutes * 60_000,
        run: r.run,
      });
    }
    for (const [id, job] of this.jobs) {
      if (wanted.has(id)) continue;
      job.stop();
      this.jobs.delete(id);
    }
    for (const [id, spec] of wanted) {
      const existing = this.jobs.get(id);
      if (existing) {
        if (existing.spec.intervalMs() !== spec.intervalMs()) existing.reschedule();
        continue;
      }
      const job = new PeriodicJob(
        spec,
        this.clock,
        () => this.changed(),
        (error) => this.describe(spec.id, error),
      );
      this.jobs.set(id, job);
      this.startJob(job);
    }
    this.changed();
  }

  /** Runs a job now (single-flight): false when it is already running. */
  runNow(jobId: string): Promise<boolean> {
    const job = this.jobs.get(jobId);
    if (!job) throw new GitGuildError('not_found', `No scheduled job ${jobId}.`);
    return job.runNow();
  }

  status(): SchedulerStatus {
    const jobs = [...this.jobs.values()].map((j) => j.state());
    const next = jobs
      .map((j) => j.nextRunAt)
      .filter((t): t is string => t !== null)
      .sort()[0];
    return {
      paused: this.paused,
      running: jobs.some((j) => j.running),
      nextRunAt: next ?? null,
      jobs,
    };
  }

  private startJob(job: PeriodicJob): void {
    if (!this.started || this.paused) return;
    const last = this.deps.hooks.lastRunOf(job.spec.id);
    const firstAt = last === null ? this.clock.now() : last + job.spec.intervalMs();
    job.start(firstAt, last);
  }

  private watchWake(): void {
    this.wakeTimer = this.clock.setTimeout(() => {
      const now = this.clock.now();
      if (now - this.lastWakeCheck > WAKE_CHECK_MS + WAKE_SLACK_MS) {
        this.deps.logger.info('clock jumped: catching up after sleep', {
          gapSeconds: Math.round((now - this.lastWakeCheck) / 1000),
        });
        this.notifyResume();
      }
      this.lastWakeCheck = now;
      if (this.started) this.watchWake();
    }, WAKE_CHECK_MS);
  }

  /** A sentence for health and the UI; unknown errors are logged, not echoed (they may carry anything). */
  private describe(jobId: string, error: unknown): string {
    this.deps.logger.warn('scheduled job failed', { job: jobId, error });
    if (error instanceof GitGuildError)
      return error.context.hint ? `${error.message} ${error.context.hint}` : error.message;
    return 'The job failed unexpectedly; the host log has the details.';
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
