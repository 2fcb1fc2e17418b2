// Folds the host's health and event stream into what the desktop shows: the tray's input, the
// notices that currently hold (a failed run, a problem, a run waiting for confirmation, the bot
// offline) and one-off announcements (a run the admin started from the tray has finished, a
// scheduled run changed roles). Level-triggered on purpose: the notifier compares the notices that
// hold now with the ones it has shown, which keeps it to one notification per problem until that
// problem changes.
import type { AdminEvent, Health } from '../api/contract.js';
import type { SyncRun } from '../store/types.js';
import type { ConfirmationNeeded } from './desktop-actions.js';
import type { DesktopPage } from './desktop-pages.js';
import type { Notice } from './notifications.js';
import {
  appliedSummary,
  failureSummary,
  reportedProblems,
  type ProblemCategory,
  type ReportedProblem,
} from './sync-signals.js';
import type { AttentionItem, BotCondition, SchedulerCondition, TrayInput } from './tray-state.js';

type BotState = Health['bot']['state'];
type SchedulerHealth = Health['scheduler'];
type Job = NonNullable<SchedulerHealth['jobs']>[number];

/** The host's bot states as the tray's conditions. */
export function botConditionOf(state: BotState): BotCondition {
  switch (state) {
    case 'ready':
      return 'online';
    case 'connecting':
    case 'resuming':
      return 'connecting';
    case 'disconnected':
      // Lost Discord and reconnecting by itself.
      return 'offline';
    case 'error':
      // Gave up (rejected token, missing intent): Start after the fix.
      return 'failed';
    case 'stopped':
      return 'stopped';
    case 'not_configured':
      return 'not-configured';
  }
}

export function schedulerConditionOf(scheduler: SchedulerHealth): SchedulerCondition {
  if (scheduler.state === 'stopped') return 'stopped';
  if (scheduler.state === 'running') return 'running';
  return scheduler.paused ? 'paused' : 'idle';
}

const latest = (times: (string | null | undefined)[]): string | null =>
  times
    .filter((t): t is string => typeof t === 'string')
    .sort()
    .at(-1) ?? null;
const earliest = (times: (string | null | undefined)[]): string | null =>
  times.filter((t): t is string => typeof t === 'string').sort()[0] ?? null;

/**
 * The tooltip's last and next run: of guild syncs when any guild is synced on a schedule, else of
 * org crawls, else whatever the host reports. Token refresh and voice stats are not "syncs".
 */
export function scheduleTimes(
  scheduler: SchedulerHealth,
  lastSyncAt: string | null,
): Pick<TrayInput['scheduler'], 'subject' | 'lastRunAt' | 'nextRunAt'> {
  const jobs = scheduler.jobs ?? [];
  const syncs = jobs.filter((j) => j.kind === 'guild-sync');
  const crawls = jobs.filter((j) => j.kind === 'org-crawl');
  if (syncs.length > 0 || lastSyncAt !== null) {
    return {
      subject: 'sync',
      lastRunAt: latest([lastSyncAt, ...syncs.map((j) => j.lastRunAt)]),
      nextRunAt: earliest(syncs.map((j) => j.nextRunAt)),
    };
  }
  if (crawls.length > 0) {
    return {
      subject: 'crawl',
      lastRunAt: latest([scheduler.lastRunAt, ...crawls.map((j) => j.lastRunAt)]),
      nextRunAt: earliest(crawls.map((j) => j.nextRunAt)),
    };
  }
  return { subject: 'sync', lastRunAt: scheduler.lastRunAt, nextRunAt: scheduler.nextRunAt };
}

interface Failure {
  message: string;
  page: DesktopPage;
  title: string;
}

/** A one-off notification: shown once, not held. */
export type Announcement = Pick<Notice, 'title' | 'body' | 'page'>;

const PROBLEM_TITLES: Record<ProblemCategory, string> = {
  hierarchy: 'Role hierarchy problem',
  permissions: 'Missing Discord permission',
  other: 'Sync problem',
};

/** Jobs whose failures no finished-run event reports (sync and crawl runs have their own). */
const SILENT_JOB_KINDS: ReadonlySet<Job['kind']> = new Set(['token-refresh', 'voice-stats']);

/** Finished runs kept for a tray-started run whose end arrives before its start is recorded. */
const RECENT_RUNS = 20;

export interface DesktopStatusOptions {
  now: () => number;
  /** How long the bot must stay offline before it is worth a notification (reconnects are normal). */
  botOfflineGraceMs: number;
}

export class DesktopStatus {
  private health: Health | null = null;
  private readonly activity = new Map<string, { done: number; total: number }>();
  private readonly failures = new Map<string, Failure>();
  private readonly problems = new Map<string, ReportedProblem[]>();
  private readonly confirmations = new Map<string, string>();
  private readonly guildNames = new Map<string, string>();
  /** Runs the admin started from the tray, by run id: their end is announced whatever it is. */
  private readonly watched = new Map<string, string>();
  private readonly recent = new Map<string, SyncRun>();
  private announcements: Announcement[] = [];
  private lastSyncAt: string | null = null;
  private botOfflineSince: number | null = null;

  constructor(private readonly options: DesktopStatusOptions) {}

  onHealth(health: Health): void {
    this.health = health;
    const condition = botConditionOf(health.bot.state);
    if (condition === 'offline' || condition === 'failed')
      this.botOfflineSince ??= this.options.now();
    else this.botOfflineSince = null;
    // Progress events stop when a job ends; the status that follows says nothing runs.
    if (health.scheduler.state !== 'running') this.activity.clear();
  }

  onEvent(event: AdminEvent): void {
    switch (event.type) {
      case 'status':
        this.onHealth(event.health);
        return;
      case 'progress':
        this.activity.set(event.job, { done: event.done, total: event.total });
        return;
      case 'crawl-finished':
        this.activity.delete('crawl');
        if (event.error) {
          this.failures.set('crawl', {
            title: 'GitHub crawl failed',
            message: event.error,
            page: 'stats',
          });
        } else this.failures.delete('crawl');
        return;
      case 'sync-finished':
        this.onSyncFinished(event.guildId, event.run);
        return;
      default:
        // Sign-in and link changes are the UI's business.
        return;
    }
  }

  private nameOf(guildId: string): string {
    return this.guildNames.get(guildId) ?? `guild ${guildId}`;
  }

  private onSyncFinished(guildId: string, run: SyncRun): void {
    this.activity.delete('sync');
    // Problems describe the configuration, so a dry run's are as true as an applied run's.
    this.problems.set(guildId, reportedProblems(guildId, run.problems));
    if (run.dryRun) return;
    this.recent.set(run.id, run);
    if (this.recent.size > RECENT_RUNS) this.recent.delete(this.recent.keys().next().value!);
    const name = this.nameOf(guildId);
    const key = `sync:${guildId}`;
    switch (run.outcome) {
      case 'needs_confirmation': {
        // A run the admin asked for is answered where they asked: the UI shows its plan, the bot
        // answers /sync, and the tray's own request comes back through needConfirmation() with
        // the plan's numbers. A timed run has nobody watching: that one is held here.
        if (run.trigger !== 'schedule') break;
        const changes = run.counts.rolesAdded + run.counts.rolesRemoved;
        this.confirmations.set(
          guildId,
          `${name}: ${changes} role changes are more than the safety cap. Review them on the Sync page and confirm.`,
        );
        break;
      }
      case 'failed':
      case 'partial':
        this.confirmations.delete(guildId);
        this.failures.set(key, {
          title: run.outcome === 'failed' ? `Sync of ${name} failed` : `Sync of ${name} incomplete`,
          message: failureSummary(run),
          page: 'sync',
        });
        break;
      case 'ok':
        this.confirmations.delete(guildId);
        this.failures.delete(key);
        break;
      case 'interrupted':
      case 'running':
        break;
    }
    if (run.outcome === 'ok' || run.outcome === 'partial')
      this.lastSyncAt = latest([this.lastSyncAt, run.finishedAt]);
    this.announce(run);
  }

  /** Tray-started runs are announced however they end; scheduled ones only when roles changed. */
  private announce(run: SyncRun): void {
    const watched = this.watched.has(run.id);
    this.watched.delete(run.id);
    if (run.outcome !== 'ok') return; // failures, partial runs and the cap are held notices
    const changed = run.counts.rolesAdded + run.counts.rolesRemoved > 0;
    const byAdmin = run.trigger === 'schedule' || run.trigger === 'manual';
    if (!watched && !(byAdmin && changed)) return;
    this.announcements.push({
      title: changed
        ? `Roles updated in ${this.nameOf(run.guildId ?? '')}`
        : `${this.nameOf(run.guildId ?? '')} is in sync`,
      body: appliedSummary(run),
      page: 'sync',
    });
  }

  /** Guild names for messages (events carry only ids). */
  nameGuilds(guilds: readonly { id: string; name: string }[]): void {
    for (const guild of guilds) this.guildNames.set(guild.id, guild.name);
  }

  /** Runs the tray started: their end gets a notification. */
  expectRuns(runs: readonly { runId: string; guildId: string; guildName: string }[]): void {
    for (const run of runs) {
      this.guildNames.set(run.guildId, run.guildName);
      const finished = this.recent.get(run.runId);
      this.watched.set(run.runId, run.guildName);
      // Already over (a run with nothing to change can end before its start is recorded).
      if (finished) this.announce(finished);
    }
  }

  /** Runs the tray asked for that stopped at the safety cap. */
  needConfirmation(list: readonly ConfirmationNeeded[]): void {
    for (const item of list) {
      this.guildNames.set(item.guildId, item.guildName);
      this.confirmations.set(item.guildId, item.message);
    }
  }

  /** One-off notifications since the last call. */
  takeAnnouncements(): Announcement[] {
    const taken = this.announcements;
    this.announcements = [];
    return taken;
  }

  /** When a pending bot-offline notice becomes due, so the caller can look again then. */
  botOfflineNoticeDueAt(): number | null {
    return this.botOfflineSince === null
      ? null
      : this.botOfflineSince + this.options.botOfflineGraceMs;
  }

  private failingJobs(): Job[] {
    return (this.health?.scheduler.jobs ?? []).filter((j) => j.lastError !== null);
  }

  trayInput(): TrayInput {
    const health = this.health;
    const attention: AttentionItem[] = [];
    for (const [key, failure] of this.failures) {
      attention.push({ key, summary: failure.title, page: failure.page });
    }
    for (const guildId of this.confirmations.keys()) {
      attention.push({
        key: `confirm:${guildId}`,
        summary: `sync of ${this.nameOf(guildId)} needs confirmation`,
        page: 'sync',
      });
    }
    const problemCount = [...this.problems.values()].reduce((n, list) => n + list.length, 0);
    if (problemCount > 0) {
      attention.push({
        key: 'problems',
        summary: problemCount === 1 ? '1 guild problem' : `${problemCount} guild problems`,
        page: 'guilds',
      });
    }
    if (health && !health.store.ok) {
      attention.push({ key: 'store', summary: 'a data file is damaged', page: 'store' });
    }
    if (health && !health.keychain.available) {
      attention.push({ key: 'keychain', summary: 'secrets unavailable', page: 'settings' });
    }
    if (health?.bot.state === 'not_configured') {
      attention.push({ key: 'bot-token', summary: 'add the bot token', page: 'settings' });
    }
    for (const job of this.failingJobs()) {
      attention.push({ key: `job:${job.id}`, summary: `${job.label} failed`, page: 'sync' });
    }
    const running = [...this.activity].find(([job]) => job === 'sync') ?? [...this.activity][0];
    const scheduler = health?.scheduler ?? null;
    return {
      bot: {
        condition: health ? botConditionOf(health.bot.state) : 'connecting',
        guilds: health?.bot.guilds ?? 0,
      },
      scheduler: scheduler
        ? {
            condition: schedulerConditionOf(scheduler),
            paused: scheduler.paused ?? false,
            ...scheduleTimes(scheduler, this.lastSyncAt),
          }
        : { condition: 'idle', paused: false, lastRunAt: null, nextRunAt: null },
      activity: running ? { job: running[0], ...running[1] } : null,
      attention,
    };
  }

  /** The notices that hold right now: failed runs, runs to confirm, problems, the bot offline. */
  notices(): Notice[] {
    const notices: Notice[] = [];
    for (const [key, failure] of this.failures) {
      notices.push({
        key: `failed:${key}`,
        fingerprint: failure.message,
        title: failure.title,
        body: failure.message,
        page: failure.page,
      });
    }
    for (const [guildId, message] of this.confirmations) {
      notices.push({
        key: `confirm:${guildId}`,
        // The same wait, however it was learnt (the tray's answer or the run's event): once.
        fingerprint: 'needs_confirmation',
        title: 'Sync needs your confirmation',
        body: message,
        page: 'sync',
      });
    }
    for (const list of this.problems.values()) {
      for (const problem of list) {
        notices.push({
          key: `problem:${problem.key}`,
          fingerprint: problem.message,
          title: PROBLEM_TITLES[problem.category],
          body: problem.message,
          page: 'guilds',
        });
      }
    }
    for (const job of this.failingJobs()) {
      if (!SILENT_JOB_KINDS.has(job.kind)) continue;
      notices.push({
        key: `job:${job.id}`,
        fingerprint: job.lastError ?? '',
        title: `${job.label} failed`,
        body: job.lastError ?? '',
        page: 'sync',
      });
    }
    const due = this.botOfflineNoticeDueAt();
    if (this.health && due !== null && this.options.now() >= due) {
      const detail = this.health.bot.detail;
      notices.push({
        key: 'bot-offline',
        // The kind of outage, not its wording: reconnect attempts reword the detail constantly.
        fingerprint: this.health.bot.state,
        title: 'The GitGuild bot is offline',
        body: detail ?? 'It is not connected to Discord; members get no answers until it is back.',
        page: 'settings',
      });
    }
    return notices;
  }
}
