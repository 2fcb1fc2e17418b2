// Applies a sync plan to Discord: one PATCH per changed member carrying their full role list
// (every role GitGuild does not manage is kept), with an audit-log reason, through discord.js's
// REST queue (per-route buckets, 429s and the global cap are its job). Each body is built from
// the live cache just before it is queued, so a member already right costs nothing: a re-run
// after a crash sends only what is still missing. A failure is recorded and the run goes on,
// unless Discord refuses everything in a row (then it stops instead of burning the
// invalid-request budget).
import { DiscordAPIError, type Client } from 'discord.js';
import type { BotLogger } from '../ports.js';
import { RateBudget } from './rate-budget.js';
import { guildOf, rawRoleIds } from './snapshot.js';
import type {
  ApplyProgress,
  ApplyResult,
  FailedMemberChange,
  PlannedMemberChange,
} from './types.js';

/** Discord's limit for X-Audit-Log-Reason, in UTF-16 code units. */
export const AUDIT_REASON_MAX = 512;
/** Writes queued at once: enough to keep the bucket busy, few enough to build bodies late. */
const IN_FLIGHT = 4;
/** Consecutive 401/403s stop the run: the cause is the guild setup or the token, not a member. */
const REFUSALS_BEFORE_STOP = 5;

export interface ApplyOptions {
  onProgress?: (progress: ApplyProgress) => void;
  signal?: AbortSignal;
}

export function truncateReason(reason: string): string {
  return reason.length <= AUDIT_REASON_MAX ? reason : `${reason.slice(0, AUDIT_REASON_MAX - 1)}…`;
}

export class RoleApplier {
  constructor(
    private readonly client: Client,
    private readonly logger?: BotLogger,
  ) {}

  async apply(
    guildId: string,
    changes: readonly PlannedMemberChange[],
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    const guild = guildOf(this.client, guildId);
    const result: ApplyResult = {
      applied: [],
      unchanged: [],
      left: [],
      failed: [],
      notAttempted: [],
      stoppedBecause: null,
      writes: 0,
    };
    const budget = new RateBudget(this.client);
    let next = 0;
    let done = 0;
    let refusalsInARow = 0;
    const progress = () =>
      options.onProgress?.({
        done,
        total: changes.length,
        writes: result.writes,
        failed: result.failed.length,
        etaMs: budget.etaMs(changes.length - done),
      });

    const applyOne = async (change: PlannedMemberChange): Promise<void> => {
      const member = guild.members.cache.get(change.userId);
      if (!member) {
        result.left.push(change.userId);
        return;
      }
      const current = rawRoleIds(member);
      const added = change.add.filter((id) => !current.includes(id));
      const removed = change.remove.filter((id) => current.includes(id));
      if (added.length === 0 && removed.length === 0) {
        result.unchanged.push(change.userId);
        return;
      }
      const roles = [...current.filter((id) => !removed.includes(id)), ...added];
      try {
        result.writes += 1;
        await guild.members.edit(change.userId, {
          roles,
          reason: truncateReason(change.auditReason),
        });
        refusalsInARow = 0;
        budget.wrote();
        result.applied.push({ userId: change.userId, added, removed });
      } catch (error) {
        const failure = describe(change.userId, error);
        result.failed.push(failure);
        this.logger?.warn('role change failed', { guildId, ...failure });
        if (failure.code === 10007) result.left.push(change.userId);
        refusalsInARow = failure.status === 401 || failure.status === 403 ? refusalsInARow + 1 : 0;
        if (refusalsInARow >= REFUSALS_BEFORE_STOP && result.stoppedBecause === null)
          result.stoppedBecause = `Discord refused ${REFUSALS_BEFORE_STOP} role changes in a row (${failure.message}); the rest were not tried. Check GitGuild's role position and its Manage Roles permission.`;
      }
    };

    const worker = async (): Promise<void> => {
      for (;;) {
        if (options.signal?.aborted && result.stoppedBecause === null)
          result.stoppedBecause = 'The host is stopping; the rest of the plan was not applied.';
        if (result.stoppedBecause !== null || next >= changes.length) return;
        const change = changes[next++]!;
        await applyOne(change);
        done += 1;
        progress();
      }
    };

    try {
      progress();
      await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, changes.length) }, worker));
    } finally {
      budget.dispose();
    }
    result.notAttempted = changes.slice(next).map((c) => c.userId);
    return result;
  }
}

function describe(userId: string, error: unknown): FailedMemberChange {
  if (error instanceof DiscordAPIError) {
    return {
      userId,
      message: error.message,
      code: typeof error.code === 'number' ? error.code : null,
      status: error.status,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { userId, message, code: null, status: null };
}
