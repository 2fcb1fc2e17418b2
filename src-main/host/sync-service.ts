// The sync engine as the host runs it: read the guild (cache, or a full re-read), plan, stop at
// the safety cap unless confirmed, write ahead, apply through the bot's discord.js client, then
// record the run, its audit entries and the grace state in one store write, and post the changes
// to the audit channel. One run per guild at a time; joins and links queue behind it. It is the
// host's SyncPort and AuditPort for the bot.
import { randomBytes } from 'node:crypto';
import type { Client } from 'discord.js';
import { postAuditMessages, auditMessages } from '../../src-bot/sync/audit-channel.js';
import { RoleApplier } from '../../src-bot/sync/applier.js';
import { readGuildSnapshot } from '../../src-bot/sync/snapshot.js';
import type { ApplyProgress, ApplyResult } from '../../src-bot/sync/types.js';
import type {
  AuditPort,
  MemberRef,
  SyncPort,
  SyncRunSummary,
  SyncTrigger,
} from '../../src-bot/ports.js';
import type { EventHub } from '../api/event-hub.js';
import type { MethodOutput } from '../api/contract.js';
import type { PlanView } from '../api/methods/sync.js';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { planGuildSync } from '../roles/planner.js';
import type { SyncPlan } from '../roles/plan-types.js';
import type { ContributionIndex } from '../stats/contribution-index.js';
import type { Store } from '../store/index.js';
import type { Mapping, SyncRun } from '../store/types.js';
import { auditEntries, auditReasonFor, inFlightRecord, recoveredEntries } from './sync-audit.js';
import { buildPlanInput } from './sync-plan-input.js';
import { formatDuration, toPlanView } from './plan-view.js';

export interface SyncServiceDeps {
  store: Store;
  indexFor: (org: string) => ContributionIndex;
  /** The bot's discord.js client while it is ready, else null. */
  client: () => Client | null;
  events: EventHub;
  logger: Logger;
  now?: () => Date;
  /** Called when a run starts or ends (the host republishes its status for the tray). */
  onActivity?: () => void;
}

export interface RunRequest {
  guildId: string;
  dryRun: boolean;
  full: boolean;
  confirm: boolean;
  trigger: SyncRun['trigger'];
  actor: string;
  /** Member-level run (join, link, unlink): plan only these members; the cap does not apply. */
  members?: ReadonlySet<string>;
}

type Planned = MethodOutput<'sync.run'>;
type Progress = MethodOutput<'sync.status'>['running'][number];

const MEMBER_BATCH_MS = 250;
const PROGRESS_EVERY_MS = 250;
const STOP_WAIT_MS = 10_000;

export class SyncService implements SyncPort, AuditPort {
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly active = new Map<string, Progress>();
  private readonly pendingMembers = new Map<string, Map<string, SyncTrigger>>();
  private readonly memberTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly abort = new AbortController();
  /** Milliseconds per member write in the last applied run: the preview's time estimate. */
  private paceMsPerWrite: number | null = null;
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly deps: SyncServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.log = deps.logger.child('sync');
  }

  get isRunning(): boolean {
    return this.active.size > 0;
  }

  /** Runs left "running" by a crash are marked interrupted; their changes are audited on the next run. */
  async start(): Promise<void> {
    const history = this.deps.store.history;
    for (const run of history.syncRuns({ kind: 'sync' }).filter((r) => r.outcome === 'running')) {
      await history.recordSyncRun({
        ...run,
        outcome: 'interrupted',
        errors: [
          ...run.errors,
          { memberId: null, message: 'GitGuild stopped while this run was applying.' },
        ].slice(0, 100),
      });
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const timer of this.memberTimers.values()) clearTimeout(timer);
    this.memberTimers.clear();
    // A request stuck in Discord's rate limits must not hold the host's shutdown for long.
    await Promise.race([
      Promise.allSettled([...this.locks.values()]),
      new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref()),
    ]);
  }

  // ---- AdminApi ----

  /** Plans (and for a dry run, records) right away; an applied run continues in the background. */
  requestRun(request: RunRequest): Promise<Planned> {
    if (this.active.has(request.guildId))
      return Promise.resolve({
        status: 'already_running',
        runId: this.active.get(request.guildId)?.runId ?? null,
        plan: null,
        reason: 'A sync of this guild is running; wait for it to finish.',
      });
    return new Promise<Planned>((resolve) => {
      void this.locked(request.guildId, () => this.execute(request, resolve));
    });
  }

  async preview(
    guildId: string,
    drafts?: (Omit<Mapping, 'id' | 'guildId' | 'order'> & { id?: string; order?: number })[],
  ): Promise<PlanView> {
    const guild = this.guild(guildId);
    const client = this.client();
    const { snapshot } = await readGuildSnapshot(client, guildId);
    const mappings: Mapping[] = drafts
      ? drafts.map((d, i) => ({ ...d, id: d.id ?? `draft-${i}`, guildId, order: d.order ?? i }))
      : this.deps.store.mappings.list(guildId);
    const plan = planGuildSync(buildPlanInput(this.deps, guild, mappings, snapshot, this.now()));
    return toPlanView(plan, this.paceMsPerWrite);
  }

  status(guildId?: string): MethodOutput<'sync.status'> {
    const guilds = this.deps.store.guilds
      .list()
      .filter((g) => guildId === undefined || g.id === guildId)
      .map((g) => {
        const runs = this.deps.store.history.syncRuns({ guildId: g.id, kind: 'sync', limit: 50 });
        return {
          guildId: g.id,
          lastRun: runs[0] ?? null,
          lastApplied: runs.find((r) => !r.dryRun && r.outcome !== 'needs_confirmation') ?? null,
        };
      });
    return {
      running: [...this.active.values()]
        .filter((p) => guildId === undefined || p.guildId === guildId)
        .map((p) => ({ ...p })),
      guilds,
    };
  }

  // ---- Scheduler ----

  /** A timed run: skipped (not failed) while another run of the guild is going. */
  async scheduledRun(guildId: string): Promise<SyncRun | null> {
    if (this.active.has(guildId)) return null;
    const planned = await this.requestRunAndWait({
      guildId,
      dryRun: false,
      full: false,
      // The scheduler cannot ask anyone: over the cap it records "needs confirmation" and waits.
      confirm: false,
      trigger: 'schedule',
      actor: 'scheduler',
    });
    if (planned.run?.outcome === 'failed')
      throw new GitGuildError('upstream_failed', planned.run.errors[0]?.message ?? 'sync failed');
    return planned.run;
  }

  // ---- SyncPort (the bot's /sync, link and join) ----

  async run(
    guildId: string,
    options: {
      dryRun: boolean;
      trigger: SyncTrigger;
      actor: string;
      full?: boolean;
      confirm?: boolean;
    },
  ): Promise<SyncRunSummary> {
    const { planned, run } = await this.requestRunAndWait({
      guildId,
      dryRun: options.dryRun,
      full: options.full ?? false,
      confirm: options.confirm ?? false,
      trigger: options.trigger,
      actor: options.actor,
    });
    return summaryOf(guildId, planned, run);
  }

  syncMember(ref: MemberRef, trigger: SyncTrigger): void {
    const key = `${ref.guildId}:${trigger}`;
    const pending = this.pendingMembers.get(key) ?? new Map<string, SyncTrigger>();
    pending.set(ref.userId, trigger);
    this.pendingMembers.set(key, pending);
    if (this.memberTimers.has(key) || this.abort.signal.aborted) return;
    // A burst of joins (or a mass link) becomes one small run.
    this.memberTimers.set(
      key,
      setTimeout(() => {
        this.memberTimers.delete(key);
        const members = new Set(this.pendingMembers.get(key)?.keys() ?? []);
        this.pendingMembers.delete(key);
        if (members.size === 0) return;
        void this.locked(ref.guildId, () =>
          this.execute({
            guildId: ref.guildId,
            dryRun: false,
            full: false,
            confirm: true,
            trigger,
            actor: trigger === 'member_join' ? 'system' : `member:${[...members][0]}`,
            members,
          }),
        );
      }, MEMBER_BATCH_MS),
    );
  }

  /**
   * A link or unlink changes a Discord user everywhere: sync them in every enabled guild whose
   * member cache has them (the OAuth side calls this after linking or unlinking).
   */
  syncUser(userId: string, trigger: SyncTrigger): void {
    const client = this.deps.client();
    for (const guild of this.deps.store.guilds.list()) {
      if (!guild.enabled) continue;
      if (client?.guilds.cache.get(guild.id)?.members.cache.has(userId))
        this.syncMember({ guildId: guild.id, userId }, trigger);
    }
  }

  memberLeft(ref: MemberRef): void {
    const history = this.deps.store.history;
    if (!history.readSyncState((s) => s.grace[ref.guildId]?.[ref.userId] !== undefined)) return;
    history
      .updateSyncState((s) => {
        const guild = { ...(s.grace[ref.guildId] ?? {}) };
        delete guild[ref.userId];
        return { ...s, grace: { ...s.grace, [ref.guildId]: guild } };
      })
      .catch((error: unknown) => this.log.warn('could not forget a member', { error }));
  }

  // ---- AuditPort ----

  async record(entry: Parameters<AuditPort['record']>[0]): Promise<void> {
    await this.deps.store.history.appendAudit({ at: this.now().toISOString(), ...entry });
  }

  // ---- The run ----

  private requestRunAndWait(
    request: RunRequest,
  ): Promise<{ planned: Planned; run: SyncRun | null }> {
    if (this.active.has(request.guildId))
      return Promise.resolve({
        planned: {
          status: 'already_running',
          runId: this.active.get(request.guildId)?.runId ?? null,
          plan: null,
          reason: 'A sync of this guild is running; wait for it to finish.',
        },
        run: null,
      });
    let planned: Planned | null = null;
    return this.locked(request.guildId, () =>
      this.execute(request, (p) => {
        planned = p;
      }),
    ).then((run) => ({ planned: planned!, run }));
  }

  private async execute(
    request: RunRequest,
    onPlanned: (p: Planned) => void = () => undefined,
  ): Promise<SyncRun> {
    const { guildId } = request;
    const { store } = this.deps;
    const startedAt = this.now();
    const runId = `sync-${startedAt
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14)}-${randomBytes(3).toString('hex')}`;
    const run: SyncRun = {
      id: runId,
      kind: 'sync',
      guildId,
      trigger: request.trigger,
      actor: request.actor,
      dryRun: request.dryRun,
      full: request.full,
      startedAt: startedAt.toISOString(),
      finishedAt: null,
      durationMs: null,
      outcome: 'running',
      counts: {
        membersChecked: 0,
        membersChanged: 0,
        membersFailed: 0,
        rolesAdded: 0,
        rolesRemoved: 0,
        writes: 0,
        reads: 0,
      },
      errors: [],
      problems: [],
    };
    const progress: Progress = {
      guildId,
      runId,
      startedAt: run.startedAt,
      phase: 'reading',
      done: 0,
      total: 0,
      writes: 0,
      failed: 0,
      etaMs: null,
    };
    this.active.set(guildId, progress);
    this.deps.onActivity?.();
    const memberLevel = request.members !== undefined;
    let answered = false;
    const answer = (p: Planned) => {
      if (!answered) onPlanned(p);
      answered = true;
    };
    try {
      const guild = this.guild(guildId);
      const client = this.client();
      const read = await readGuildSnapshot(client, guildId, { full: request.full });
      run.counts.reads = read.reads;
      await this.recoverInterrupted(guildId, read.snapshot);
      progress.phase = 'planning';
      const plan = planGuildSync(
        buildPlanInput(
          this.deps,
          guild,
          store.mappings.list(guildId),
          read.snapshot,
          startedAt,
          request.members,
        ),
      );
      run.problems = plan.problems.slice(0, 100);
      run.counts.membersChecked = plan.membersChecked;
      const view = toPlanView(plan, this.paceMsPerWrite);
      if (request.dryRun || (plan.capExceeded && !request.confirm && !memberLevel)) {
        Object.assign(run.counts, {
          membersChanged: plan.changes.length,
          rolesAdded: plan.totalAdds,
          rolesRemoved: plan.totalRemoves,
        });
        const outcome = request.dryRun ? 'ok' : 'needs_confirmation';
        const finished = this.finish(run, outcome);
        await store.history.saveSyncRun(finished, []);
        answer({
          status: request.dryRun ? 'dry_run' : 'needs_confirmation',
          runId,
          plan: view,
          ...(outcome === 'needs_confirmation'
            ? {
                reason: `This run would make ${plan.totalAdds + plan.totalRemoves} role changes, more than the guild's safety cap of ${plan.cap}. Review the plan and run it again with confirm.`,
              }
            : {}),
        });
        return this.done(finished);
      }
      answer({ status: 'started', runId, plan: view });
      const finished = await this.apply(
        run,
        plan,
        client,
        progress,
        guild.auditChannelId,
        memberLevel,
      );
      return this.done(finished);
    } catch (error) {
      const message = describeError(error);
      this.log.error('sync failed', { guildId, runId, error });
      const failed = this.finish({ ...run, errors: [{ memberId: null, message }] }, 'failed');
      answer({ status: 'failed', runId, plan: null, reason: message });
      // A write-ahead record stays for the next run to audit; the run itself is recorded failed.
      await store.history.recordSyncRun(failed).catch(() => undefined);
      return this.done(failed);
    } finally {
      this.active.delete(guildId);
      this.deps.onActivity?.();
    }
  }

  private async apply(
    run: SyncRun,
    plan: SyncPlan,
    client: Client,
    progress: Progress,
    auditChannelId: string | null,
    memberLevel: boolean,
  ): Promise<SyncRun> {
    const { store, events } = this.deps;
    const guildId = run.guildId!;
    const record = inFlightRecord(run.id, run.actor, run.startedAt, plan.changes);
    if (plan.changes.length > 0) {
      await store.history.saveSyncRun(run, [], (s) => ({
        ...s,
        inFlight: { ...s.inFlight, [guildId]: record },
      }));
    }
    progress.phase = 'applying';
    progress.total = plan.changes.length;
    let lastEvent = 0;
    const applyStarted = Date.now();
    const onProgress = (p: ApplyProgress) => {
      Object.assign(progress, { done: p.done, writes: p.writes, failed: p.failed, etaMs: p.etaMs });
      const nowMs = Date.now();
      if (p.done < p.total && nowMs - lastEvent < PROGRESS_EVERY_MS) return;
      lastEvent = nowMs;
      events.publish({
        type: 'progress',
        job: 'sync',
        done: p.done,
        total: p.total,
        detail: `${guildId}: ${p.done}/${p.total} members, ${p.writes} writes${p.failed ? `, ${p.failed} failed` : ''}${p.etaMs !== null && p.done < p.total ? `, about ${formatDuration(p.etaMs)} left` : ''}`,
      });
    };
    const result: ApplyResult =
      plan.changes.length === 0
        ? {
            applied: [],
            unchanged: [],
            left: [],
            failed: [],
            notAttempted: [],
            stoppedBecause: null,
            writes: 0,
          }
        : await new RoleApplier(client, this.log).apply(
            guildId,
            plan.changes.map((c) => ({
              userId: c.userId,
              add: c.add.map((a) => a.roleId),
              remove: c.remove.map((r) => r.roleId),
              auditReason: auditReasonFor(run.id, c),
            })),
            { onProgress, signal: this.abort.signal },
          );
    if (result.writes > 0) this.paceMsPerWrite = (Date.now() - applyStarted) / result.writes;
    progress.phase = 'recording';
    const at = this.now().toISOString();
    const entries = auditEntries(
      { runId: run.id, actor: run.actor, guildId, at },
      new Map(record.changes.map((c) => [c.memberId, c])),
      result.applied,
    );
    const unsettled = new Set([...result.failed.map((f) => f.userId), ...result.notAttempted]);
    const outcome =
      result.failed.length === 0 && result.stoppedBecause === null
        ? 'ok'
        : result.applied.length + result.unchanged.length > 0
          ? 'partial'
          : 'failed';
    const finished = this.finish(
      {
        ...run,
        counts: {
          ...run.counts,
          membersChanged: result.applied.length,
          membersFailed: result.failed.length,
          rolesAdded: result.applied.reduce((n, a) => n + a.added.length, 0),
          rolesRemoved: result.applied.reduce((n, a) => n + a.removed.length, 0),
          writes: result.writes,
        },
        errors: [
          ...(result.stoppedBecause ? [{ memberId: null, message: result.stoppedBecause }] : []),
          ...result.failed.map((f) => ({ memberId: f.userId, message: f.message.slice(0, 500) })),
        ].slice(0, 100),
      },
      outcome,
    );
    if (memberLevel && result.writes === 0 && plan.problems.length === 0) {
      // Joins and links with nothing to do leave no history entry (the cap keeps real runs).
      await store.history.updateSyncState((s) => withGrace(s, guildId, plan, unsettled));
      return finished;
    }
    await store.history.saveSyncRun(finished, entries, (s) => {
      const next = withGrace(s, guildId, plan, unsettled);
      const inFlight = { ...next.inFlight };
      delete inFlight[guildId];
      return { ...next, inFlight };
    });
    if (auditChannelId && entries.length > 0) {
      const messages = auditMessages(
        `**GitGuild sync** \`${run.id}\` (${run.trigger}): ${entries.length} role change(s)`,
        entries.map((e) => ({
          userId: e.memberId!,
          roleId: e.roleId!,
          change: e.change!,
          reason: e.reason ?? '',
        })),
      );
      const posted = await postAuditMessages(client, guildId, auditChannelId, messages);
      if (posted.error)
        this.log.warn('audit channel post failed', { guildId, error: posted.error });
    }
    return finished;
  }

  /** Audits the changes of a run that was interrupted while applying, then forgets its record. */
  private async recoverInterrupted(
    guildId: string,
    snapshot: Parameters<typeof recoveredEntries>[2],
  ): Promise<void> {
    const history = this.deps.store.history;
    const record = history.readSyncState((s) => s.inFlight[guildId]);
    if (!record) return;
    const entries = recoveredEntries(
      structuredClone(record),
      guildId,
      snapshot,
      this.now().toISOString(),
    );
    const run = history.syncRun(record.runId);
    const patched = run && {
      ...run,
      outcome: run.outcome === 'running' ? ('interrupted' as const) : run.outcome,
      counts: {
        ...run.counts,
        rolesAdded: entries.filter((e) => e.change === 'add').length,
        rolesRemoved: entries.filter((e) => e.change === 'remove').length,
        membersChanged: new Set(entries.map((e) => e.memberId)).size,
      },
    };
    const state = (s: Parameters<Parameters<typeof history.updateSyncState>[0]>[0]) => {
      const inFlight = { ...s.inFlight };
      delete inFlight[guildId];
      return { ...s, inFlight };
    };
    if (patched) await history.saveSyncRun(patched, entries, state);
    else {
      await history.appendAuditMany(entries);
      await history.updateSyncState(state);
    }
    this.log.warn('audited an interrupted run', {
      guildId,
      runId: record.runId,
      changes: entries.length,
    });
  }

  private finish(run: SyncRun, outcome: SyncRun['outcome']): SyncRun {
    const finishedAt = this.now();
    return {
      ...run,
      outcome,
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.max(0, finishedAt.getTime() - Date.parse(run.startedAt)),
    };
  }

  private done(run: SyncRun): SyncRun {
    this.deps.events.publish({ type: 'sync-finished', guildId: run.guildId!, run });
    return run;
  }

  private guild(guildId: string) {
    const guild = this.deps.store.guilds.get(guildId);
    if (!guild)
      throw new GitGuildError('not_found', `Guild ${guildId} is not managed by GitGuild.`, {
        hint: 'Add it under Guilds first.',
      });
    if (!guild.enabled)
      throw new GitGuildError('invalid_input', `Syncing is turned off for ${guild.name}.`, {
        hint: 'Enable the guild under Guilds.',
      });
    return guild;
  }

  private client(): Client {
    const client = this.deps.client();
    if (!client)
      throw new GitGuildError(
        'upstream_failed',
        'The bot is not connected to Discord, so roles cannot be read or changed.',
        {
          hint: 'Check the bot status; it needs a token and the Server Members intent.',
        },
      );
    return client;
  }

  private locked<T>(guildId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(guildId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.locks.set(guildId, settled);
    void settled.then(() => {
      if (this.locks.get(guildId) === settled) this.locks.delete(guildId);
    });
    return next;
  }
}

/** Stored grace after a run: the plan's, except members whose change did not land keep theirs. */
function withGrace(
  state: Parameters<Parameters<Store['history']['updateSyncState']>[0]>[0],
  guildId: string,
  plan: SyncPlan,
  unsettled: ReadonlySet<string>,
) {
  const previous = state.grace[guildId] ?? {};
  const next = { ...plan.nextGrace };
  for (const userId of unsettled) {
    if (previous[userId]) next[userId] = { ...previous[userId], ...next[userId] };
  }
  return { ...state, grace: { ...state.grace, [guildId]: next } };
}

function describeError(error: unknown): string {
  if (error instanceof GitGuildError)
    return error.context.hint ? `${error.message} ${error.context.hint}` : error.message;
  if (error instanceof Error && error.name === 'GuildNotAvailableError') return error.message;
  return 'The sync failed unexpectedly; the host log has the details.';
}

function summaryOf(guildId: string, planned: Planned, run: SyncRun | null): SyncRunSummary {
  const plan = planned.plan;
  return {
    runId: planned.runId ?? '',
    guildId,
    dryRun: run?.dryRun ?? false,
    needsConfirmation: planned.status === 'needs_confirmation',
    membersChecked: run?.counts.membersChecked ?? 0,
    membersChanged: run?.counts.membersChanged ?? 0,
    membersFailed: run?.counts.membersFailed ?? 0,
    roles: plan?.roles.map((r) => ({ ...r })) ?? [],
    problems: plan?.problems.map((p) => ({ message: p.message, fix: p.fix })) ?? [],
    ...(run && run.outcome !== 'running' ? { outcome: run.outcome } : {}),
    ...(plan ? { totalChanges: plan.totalAdds + plan.totalRemoves, cap: plan.cap } : {}),
    ...(run?.durationMs != null ? { durationMs: run.durationMs } : {}),
    ...(planned.reason && planned.status !== 'needs_confirmation' ? { error: planned.reason } : {}),
  };
}
