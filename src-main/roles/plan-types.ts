// The planner's input and output. The guild snapshot is a plain shape (the bot side fills it
// from discord.js's cache), so the planner stays pure and testable without Discord.
import type { Guild, Mapping, SyncProblem } from '../store/types.js';
import type { ContributionFacts, DirectoryFacts } from './facts.js';

// The snapshot shapes are the bot side's (src-bot/sync/types.ts), which fills them.
export type { GuildSnapshot, SnapshotMember, SnapshotRole } from '../../src-bot/sync/types.js';
import type { GuildSnapshot } from '../../src-bot/sync/types.js';

/** guild member → mapping id → since when its condition has failed while the role was held. */
export type GuildGraceState = Record<string, Record<string, string>>;

export interface PlanInput {
  guild: Guild;
  /** All of the guild's mappings; disabled ones are ignored (their roles become unmanaged). */
  mappings: Mapping[];
  snapshot: GuildSnapshot;
  /** Every link: Discord user id → GitHub login. */
  links: ReadonlyMap<string, string>;
  contributions: ContributionFacts | null;
  directory: DirectoryFacts | null;
  grace: GuildGraceState;
  now: Date;
  /** Plan only these members (a join, link or unlink); everything else is left alone. */
  onlyMembers?: ReadonlySet<string>;
}

export interface RoleChange {
  roleId: string;
  roleName: string;
  /** The mapping that decided it (null for "not linked"). */
  mappingId: string | null;
  reason: string;
}

export interface MemberPlan {
  userId: string;
  username: string;
  githubLogin: string | null;
  add: RoleChange[];
  remove: RoleChange[];
}

export interface HeldInGrace {
  userId: string;
  roleId: string;
  mappingId: string;
  /** When the role goes unless the condition holds again before then. */
  removeAfter: string;
}

export interface SyncPlan {
  guildId: string;
  generatedAt: string;
  membersChecked: number;
  /** Members whose roles change, by user id. */
  changes: MemberPlan[];
  totalAdds: number;
  totalRemoves: number;
  /** Per managed role: how many members gain and lose it. */
  roles: { roleId: string; name: string; added: number; removed: number }[];
  problems: SyncProblem[];
  /** More role changes than the guild's safety cap: applying needs confirmation. */
  capExceeded: boolean;
  cap: number;
  heldInGrace: HeldInGrace[];
  /** Linked accounts whose Discord user is not (or no longer) in this guild. */
  linkedNotInGuild: { discordUserId: string; githubLogin: string }[];
  /** Most active contributors nobody has linked: an invite list. */
  topUnlinked: { login: string; contributions: number }[];
  /** The grace state to store once this plan is applied (for the planned members). */
  nextGrace: GuildGraceState;
}
