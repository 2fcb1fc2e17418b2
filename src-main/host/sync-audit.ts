// Audit entries for a sync run, and the write-ahead record that keeps them exact across a crash:
// before writing to Discord a run stores the changes it is about to make; if the host dies half
// way, the next run of that guild compares the record with the members' roles, writes the audit
// entries of the changes that did land, and drops the record.
import type { GuildSnapshot, MemberPlan } from '../roles/plan-types.js';
import type { AuditEntry, SyncState } from '../store/types.js';

type InFlight = SyncState['inFlight'][string];

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** The X-Audit-Log-Reason Discord shows for a member's PATCH (the applier cuts it to 512). */
export function auditReasonFor(runId: string, change: MemberPlan): string {
  const parts = [
    ...change.add.map((a) => `+${a.roleName} (${a.reason})`),
    ...change.remove.map((r) => `−${r.roleName} (${r.reason})`),
  ];
  return `GitGuild sync ${runId}: ${parts.join('; ')}`;
}

export function inFlightRecord(
  runId: string,
  actor: string,
  startedAt: string,
  changes: readonly MemberPlan[],
): InFlight {
  const roles = (list: MemberPlan['add']) =>
    list.map((c) => ({ roleId: c.roleId, name: c.roleName, reason: clip(c.reason, 400) }));
  return {
    runId,
    actor,
    startedAt,
    changes: changes.map((c) => ({
      memberId: c.userId,
      memberName: clip(c.username, 100),
      add: roles(c.add),
      remove: roles(c.remove),
    })),
  };
}

interface LandedChange {
  userId: string;
  added: string[];
  removed: string[];
}

/** One entry per role actually changed, with the plan's reason for it. */
export function auditEntries(
  base: { runId: string; actor: string; guildId: string; at: string; note?: string },
  planned: ReadonlyMap<string, InFlight['changes'][number]>,
  landed: readonly LandedChange[],
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const change of landed) {
    const plan = planned.get(change.userId);
    if (!plan) continue;
    const entry = (c: InFlight['changes'][number]['add'][number], kind: 'add' | 'remove') => ({
      at: base.at,
      actor: base.actor,
      action: kind === 'add' ? 'role.add' : 'role.remove',
      guildId: base.guildId,
      runId: base.runId,
      memberId: change.userId,
      memberName: plan.memberName,
      roleId: c.roleId,
      roleName: clip(c.name, 100),
      change: kind,
      reason: clip(base.note ? `${c.reason} ${base.note}` : c.reason, 500),
    });
    for (const a of plan.add) if (change.added.includes(a.roleId)) entries.push(entry(a, 'add'));
    for (const r of plan.remove)
      if (change.removed.includes(r.roleId)) entries.push(entry(r, 'remove'));
  }
  return entries;
}

/**
 * The changes of an interrupted run that reached Discord: a member counts as changed when they
 * now hold every planned addition and none of the planned removals.
 */
export function recoveredEntries(
  record: InFlight,
  guildId: string,
  snapshot: GuildSnapshot,
  at: string,
): AuditEntry[] {
  const roles = new Map(snapshot.members.map((m) => [m.userId, new Set(m.roles)]));
  const landed: LandedChange[] = [];
  for (const c of record.changes) {
    const held = roles.get(c.memberId);
    if (!held) continue;
    if (c.add.every((a) => held.has(a.roleId)) && c.remove.every((r) => !held.has(r.roleId)))
      landed.push({
        userId: c.memberId,
        added: c.add.map((a) => a.roleId),
        removed: c.remove.map((r) => r.roleId),
      });
  }
  return auditEntries(
    {
      runId: record.runId,
      actor: record.actor,
      guildId,
      at,
      note: '(recorded after the run was interrupted)',
    },
    new Map(record.changes.map((c) => [c.memberId, c])),
    landed,
  );
}
