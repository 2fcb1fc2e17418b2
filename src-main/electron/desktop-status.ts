// Folds the host's health and event stream into what the desktop shows: the tray's input and
// the notices that currently hold (a failed run, a problem, the bot offline). Level-triggered on
// purpose: the notifier compares the notices that hold now with the ones it has shown, which is
// what keeps it to one notification per problem until that problem changes.
import type { AdminEvent, Health } from '../api/contract.js';
import type { DesktopPage } from './desktop-pages.js';
import type { Notice } from './notifications.js';
import { syncSignalOf, type ProblemCategory, type ReportedProblem } from './sync-signals.js';
import type { AttentionItem, BotCondition, SchedulerCondition, TrayInput } from './tray-state.js';

/** The host's bot states, including ones the bot work adds (resuming, stopped), as conditions. */
export function botConditionOf(state: string): BotCondition {
  switch (state) {
    case 'ready':
      return 'online';
    case 'connecting':
    case 'resuming':
      return 'connecting';
    case 'stopped':
      return 'stopped';
    case 'not_configured':
      return 'not-configured';
    default:
      // disconnected, error and anything unknown: the bot is not answering in Discord.
      return 'offline';
  }
}

export function schedulerConditionOf(state: string): SchedulerCondition {
  switch (state) {
    case 'running':
    case 'paused':
    case 'stopped':
    case 'error':
      return state;
    default:
      return 'idle';
  }
}

/** An event this build's contract does not declare yet (the sync engine's); read by shape. */
export interface ForeignEvent {
  type: string;
  [field: string]: unknown;
}

interface Failure {
  message: string;
  page: DesktopPage;
  title: string;
}

const PROBLEM_TITLES: Record<ProblemCategory, string> = {
  hierarchy: 'Role hierarchy problem',
  permissions: 'Missing Discord permission',
  other: 'Sync problem',
};

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
  private botOfflineSince: number | null = null;

  constructor(private readonly options: DesktopStatusOptions) {}

  onHealth(health: Health): void {
    this.health = health;
    const condition = botConditionOf(health.bot.state);
    if (condition === 'offline') this.botOfflineSince ??= this.options.now();
    else this.botOfflineSince = null;
    // The crawl's progress events stop when it ends; the status that follows says so.
    if (health.scheduler.state !== 'running') this.activity.delete('crawl');
  }

  /** Takes any event from the host's hub; ones the desktop does not use are ignored. */
  onEvent(event: AdminEvent | ForeignEvent): void {
    const known = event as AdminEvent;
    switch (known.type) {
      case 'status':
        this.onHealth(known.health);
        return;
      case 'progress':
        this.activity.set(known.job, { done: known.done, total: known.total });
        return;
      case 'crawl-finished':
        this.activity.delete('crawl');
        if (known.error) {
          this.failures.set('crawl', {
            title: 'GitHub crawl failed',
            message: known.error,
            page: 'stats',
          });
        } else this.failures.delete('crawl');
        return;
      default:
        this.onSyncSignal(event);
    }
  }

  private onSyncSignal(event: ForeignEvent): void {
    const signal = syncSignalOf(event);
    if (!signal) return;
    if (signal.kind === 'sync-finished') {
      this.activity.delete('sync');
      const key = `sync:${signal.scope}`;
      if (signal.error) {
        this.failures.set(key, { title: 'Sync failed', message: signal.error, page: 'sync' });
      } else this.failures.delete(key);
      if (signal.problems) this.problems.set(signal.scope, signal.problems);
      return;
    }
    this.problems.set(signal.scope, signal.problems);
  }

  /** When a pending bot-offline notice becomes due, so the caller can look again then. */
  botOfflineNoticeDueAt(): number | null {
    return this.botOfflineSince === null
      ? null
      : this.botOfflineSince + this.options.botOfflineGraceMs;
  }

  trayInput(): TrayInput {
    const health = this.health;
    const attention: AttentionItem[] = [];
    for (const [key, failure] of this.failures) {
      attention.push({ key, summary: failure.title, page: failure.page });
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
    if (health?.scheduler.state === 'error') {
      attention.push({
        key: 'scheduler',
        summary: 'the scheduler stopped on an error',
        page: 'sync',
      });
    }
    const running = [...this.activity].find(([job]) => job === 'sync') ?? [...this.activity][0];
    return {
      bot: {
        condition: health ? botConditionOf(health.bot.state) : 'connecting',
        guilds: health?.bot.guilds ?? 0,
      },
      scheduler: {
        condition: health ? schedulerConditionOf(health.scheduler.state) : 'idle',
        lastRunAt: health?.scheduler.lastRunAt ?? null,
        nextRunAt: health?.scheduler.nextRunAt ?? null,
      },
      activity: running ? { job: running[0], ...running[1] } : null,
      attention,
    };
  }

  /** The notices that hold right now: failed runs, reported problems, a bot offline past its grace. */
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
