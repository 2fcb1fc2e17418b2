// What the desktop reads from the sync engine's `sync-finished` event (the contract's
// SyncFinishedEventSchema, carrying the whole SyncRun): the problems a run found (role
// hierarchy, missing permissions) and what it did, in words for a notification.
import type { SyncProblem, SyncRun } from '../store/types.js';

export type ProblemCategory = 'hierarchy' | 'permissions' | 'other';

export interface ReportedProblem {
  key: string;
  category: ProblemCategory;
  message: string;
}

/** The planner's problem codes (src-main/roles) by what the admin fixes. */
export function problemCategory(code: string): ProblemCategory {
  switch (code) {
    case 'role_above_bot':
      return 'hierarchy';
    case 'missing_manage_roles':
      return 'permissions';
    default:
      return 'other';
  }
}

export function reportedProblems(
  guildId: string,
  problems: readonly SyncProblem[],
): ReportedProblem[] {
  return problems.map((p) => ({
    key: [guildId, p.code, p.roleId ?? p.message].join(':'),
    category: problemCategory(p.code),
    message: p.fix ? `${p.message} ${p.fix}` : p.message,
  }));
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "3 roles added and 1 removed for 4 members", or that nothing needed to change. */
export function appliedSummary(run: SyncRun): string {
  const { rolesAdded, rolesRemoved, membersChanged, membersChecked } = run.counts;
  if (rolesAdded + rolesRemoved === 0)
    return `Everything was already in sync (${plural(membersChecked, 'member')} checked).`;
  return `${plural(rolesAdded, 'role')} added and ${rolesRemoved} removed for ${plural(membersChanged, 'member')}.`;
}

/** Why a run failed or only partly applied, from its recorded errors. */
export function failureSummary(run: SyncRun): string {
  const first = run.errors[0]?.message;
  if (run.outcome === 'partial') {
    const failed = run.counts.membersFailed;
    return `${plural(failed, 'member')} could not be updated${first ? `: ${first}` : '.'}`;
  }
  return first ?? 'The sync failed; the Sync page has the details.';
}
