// CSV exports of sync runs and audit entries (RFC 4180). Member and role names come from Discord
// users, so a cell that a spreadsheet would run as a formula (= + - @ and tab/CR) is prefixed with
// an apostrophe, the OWASP advice for CSV injection.
import type { AuditEntry, SyncRun } from '../store/types.js';

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function syncRunsCsv(runs: readonly SyncRun[]): string {
  return table(
    [
      'id',
      'kind',
      'guild_id',
      'trigger',
      'actor',
      'dry_run',
      'full',
      'started_at',
      'finished_at',
      'duration_ms',
      'outcome',
      'members_checked',
      'members_changed',
      'members_failed',
      'roles_added',
      'roles_removed',
      'writes',
      'reads',
      'errors',
      'problems',
    ],
    runs.map((r) => [
      r.id,
      r.kind,
      r.guildId,
      r.trigger,
      r.actor,
      r.dryRun,
      r.full,
      r.startedAt,
      r.finishedAt,
      r.durationMs,
      r.outcome,
      r.counts.membersChecked,
      r.counts.membersChanged,
      r.counts.membersFailed,
      r.counts.rolesAdded,
      r.counts.rolesRemoved,
      r.counts.writes,
      r.counts.reads,
      r.errors.map((e) => (e.memberId ? `${e.memberId}: ${e.message}` : e.message)).join('; '),
      r.problems.map((p) => `${p.message} Fix: ${p.fix}`).join('; '),
    ]),
  );
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  return table(
    [
      'at',
      'actor',
      'action',
      'guild_id',
      'run_id',
      'member_id',
      'member',
      'role_id',
      'role',
      'change',
      'reason',
      'target',
    ],
    entries.map((e) => [
      e.at,
      e.actor,
      e.action,
      e.guildId,
      e.runId,
      e.memberId,
      e.memberName,
      e.roleId,
      e.roleName,
      e.change,
      e.reason,
      e.target,
    ]),
  );
}
