// Discord's permission and hierarchy rules, computed from the bot's roles the way Discord does:
// @everyone plus every role's bits, Administrator grants everything, owners bypass all.
import { PermissionFlagsBits, type APIGuildMember, type APIOverwrite } from 'discord-api-types/v10';
import { missingPermissions } from './errors.js';
import type { SimGuild } from './state.js';

const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

export function basePermissions(guild: SimGuild, member: APIGuildMember): bigint {
  if (member.user.id === guild.ownerId) return ALL_PERMISSIONS;
  let bits = BigInt(guild.roles.get(guild.id)?.permissions ?? '0');
  for (const roleId of member.roles) bits |= BigInt(guild.roles.get(roleId)?.permissions ?? '0');
  return (bits & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
}

/** Applies channel overwrites in Discord's order: @everyone, then roles together, then the member. */
export function channelPermissions(
  guild: SimGuild,
  member: APIGuildMember,
  overwrites: readonly APIOverwrite[],
): bigint {
  let bits = basePermissions(guild, member);
  if ((bits & PermissionFlagsBits.Administrator) !== 0n) return bits;
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) bits = (bits & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && member.roles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  bits = (bits & ~deny) | allow;
  const own = overwrites.find((o) => o.type === 1 && o.id === member.user.id);
  if (own) bits = (bits & ~BigInt(own.deny)) | BigInt(own.allow);
  return bits;
}

export function highestRolePosition(guild: SimGuild, member: APIGuildMember): number {
  let highest = 0;
  for (const roleId of member.roles)
    highest = Math.max(highest, guild.roles.get(roleId)?.position ?? 0);
  return highest;
}

export function requirePermission(
  guild: SimGuild,
  actor: APIGuildMember,
  permission: bigint,
): void {
  if ((basePermissions(guild, actor) & permission) !== permission) throw missingPermissions();
}

/** A role the actor may touch must sit strictly below the actor's highest role (owners excepted). */
export function requireBelowActor(
  guild: SimGuild,
  actor: APIGuildMember,
  rolePosition: number,
): void {
  if (actor.user.id === guild.ownerId) return;
  if (rolePosition >= highestRolePosition(guild, actor)) throw missingPermissions();
}

export { ALL_PERMISSIONS };
