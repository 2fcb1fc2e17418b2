// The guild audit log as Discord keeps it: one entry per member role update (action type 25)
// with `$add` / `$remove` changes and the request's X-Audit-Log-Reason, newest first. Admins read
// it in Server Settings → Audit Log; tests read it to see what a sync told Discord and why.
import {
  AuditLogEvent,
  type APIAuditLogEntry,
  type APIRole,
  type RESTGetAPIAuditLogResult,
} from 'discord-api-types/v10';
import type { IncomingHttpHeaders } from 'node:http';
import type { DiscordSimState, SimGuild } from './state.js';

/** Discord keeps entries for 45 days; the simulator keeps the newest this many per guild. */
const KEEP = 50_000;

/** The decoded reason header, or null (discord.js URL-encodes it). */
export function auditReason(headers: IncomingHttpHeaders): string | null {
  const raw = headers['x-audit-log-reason'];
  if (typeof raw !== 'string') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function recordMemberRoleUpdate(
  state: DiscordSimState,
  guild: SimGuild,
  targetId: string,
  added: string[],
  removed: string[],
  reason: string | null,
): void {
  if (added.length === 0 && removed.length === 0) return;
  const partial = (ids: string[]) =>
    ids.map((id) => ({ id, name: (guild.roles.get(id) as APIRole | undefined)?.name ?? id }));
  const changes: NonNullable<APIAuditLogEntry['changes']> = [];
  if (added.length > 0) changes.push({ key: '$add', new_value: partial(added) });
  if (removed.length > 0) changes.push({ key: '$remove', new_value: partial(removed) });
  const entry: APIAuditLogEntry = {
    id: state.nextId(),
    action_type: AuditLogEvent.MemberRoleUpdate,
    target_id: targetId,
    user_id: state.botUser.id,
    changes,
    ...(reason === null ? {} : { reason }),
  } as APIAuditLogEntry;
  const log = state.auditLog.get(guild.id) ?? [];
  log.push(entry);
  if (log.length > KEEP) log.splice(0, log.length - KEEP);
  state.auditLog.set(guild.id, log);
}

export function auditLogPage(
  state: DiscordSimState,
  guild: SimGuild,
  filter: { userId?: string; actionType?: number; before?: string; limit: number },
): RESTGetAPIAuditLogResult {
  const all = state.auditLog.get(guild.id) ?? [];
  const entries: APIAuditLogEntry[] = [];
  for (let i = all.length - 1; i >= 0 && entries.length < filter.limit; i -= 1) {
    const e = all[i]!;
    if (filter.userId && e.user_id !== filter.userId) continue;
    if (filter.actionType !== undefined && e.action_type !== filter.actionType) continue;
    if (filter.before && BigInt(e.id) >= BigInt(filter.before)) continue;
    entries.push(e);
  }
  return {
    audit_log_entries: entries,
    users: [state.botUser],
    integrations: [],
    webhooks: [],
    guild_scheduled_events: [],
    threads: [],
    application_commands: [],
    auto_moderation_rules: [],
  };
}
