// Plain shapes the applier exchanges with the host: a guild snapshot read from discord.js's cache,
// the member changes to write, and what happened. The host's planner has the same shapes.

export interface SnapshotRole {
  id: string;
  name: string;
  /** Discord's raw position: GitGuild can manage roles strictly below its highest. */
  position: number;
  managed: boolean;
  color: number;
}

export interface SnapshotMember {
  userId: string;
  username: string;
  bot: boolean;
  /** Role ids without @everyone. */
  roles: string[];
}

export interface GuildSnapshot {
  guildId: string;
  guildName: string;
  botHighestPosition: number;
  botRoleName: string;
  botCanManageRoles: boolean;
  roles: SnapshotRole[];
  members: SnapshotMember[];
}

export interface SnapshotRead {
  snapshot: GuildSnapshot;
  /** REST requests made to build it: 0 from the gateway-fed cache, more for a full resync. */
  reads: number;
  /** Gateway member requests (op 8) made because the cache was incomplete. */
  gatewayRequests: number;
}

/** One member's change: roles to add and remove; every other role of theirs is kept. */
export interface PlannedMemberChange {
  userId: string;
  add: string[];
  remove: string[];
  /** Sent as X-Audit-Log-Reason (cut to Discord's 512 characters). */
  auditReason: string;
}

export interface AppliedMemberChange {
  userId: string;
  /** What this write actually changed (a role already right is not repeated). */
  added: string[];
  removed: string[];
}

export interface FailedMemberChange {
  userId: string;
  message: string;
  /** Discord's JSON error code (50013 Missing Permissions...), or null for network failures. */
  code: number | null;
  status: number | null;
}

export interface ApplyResult {
  applied: AppliedMemberChange[];
  /** Members who already had the planned roles: nothing was sent for them. */
  unchanged: string[];
  /** Members who left the guild before their change was sent. */
  left: string[];
  failed: FailedMemberChange[];
  /** Members not tried because the run stopped (host stopping, or Discord refusing everything). */
  notAttempted: string[];
  /** Why the run stopped early, if it did. */
  stoppedBecause: string | null;
  writes: number;
}

export interface ApplyProgress {
  done: number;
  total: number;
  writes: number;
  failed: number;
  /** Estimated time left from the rate-limit budget; null until Discord has told us the bucket. */
  etaMs: number | null;
}
