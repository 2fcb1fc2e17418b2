// Which of the roles the mappings name GitGuild may actually touch. Discord refuses changes to
// @everyone, to integration-managed roles and to roles at or above the bot's highest role; the
// planner leaves those alone and reports each as a problem with the fix an admin can apply.
import type { Mapping, SyncProblem } from '../store/types.js';
import type { GuildSnapshot, SnapshotRole } from './plan-types.js';

export interface RoleAccess {
  /** Managed role id → its role, for roles GitGuild may add and remove. */
  usable: Map<string, SnapshotRole>;
  problems: SyncProblem[];
}

export function checkRoleAccess(snapshot: GuildSnapshot, enabled: Mapping[]): RoleAccess {
  const byId = new Map(snapshot.roles.map((r) => [r.id, r]));
  const usable = new Map<string, SnapshotRole>();
  const problems: SyncProblem[] = [];
  const seen = new Set<string>();
  if (!snapshot.botCanManageRoles && enabled.length > 0) {
    problems.push({
      code: 'missing_manage_roles',
      message: 'GitGuild lacks the Manage Roles permission, so it cannot change anyone’s roles.',
      fix: `Give GitGuild's role (${snapshot.botRoleName}) the Manage Roles permission in Server Settings → Roles.`,
    });
    return { usable, problems };
  }
  for (const mapping of enabled) {
    if (seen.has(mapping.roleId)) continue;
    seen.add(mapping.roleId);
    const role = byId.get(mapping.roleId);
    const label = mapping.label ?? mapping.id;
    if (!role) {
      problems.push({
        code: 'role_missing',
        message: `Mapping "${label}" names a role that no longer exists.`,
        fix: 'Pick another role for the mapping, or delete the mapping.',
        roleId: mapping.roleId,
      });
    } else if (role.id === snapshot.guildId) {
      problems.push({
        code: 'role_everyone',
        message: `Mapping "${label}" names @everyone, which every member always has.`,
        fix: 'Pick a real role for the mapping.',
        roleId: role.id,
      });
    } else if (role.managed) {
      problems.push({
        code: 'role_integration_managed',
        message: `Role ${role.name} is managed by an integration (a bot, boosts or a subscription); only that integration can grant it.`,
        fix: `Pick a role that no integration manages for mapping "${label}".`,
        roleId: role.id,
      });
    } else if (role.position >= snapshot.botHighestPosition) {
      problems.push({
        code: 'role_above_bot',
        message: `Role ${role.name} is at or above GitGuild's highest role (${snapshot.botRoleName}), so Discord will not let GitGuild change it.`,
        fix: `Move GitGuild's role above ${role.name} in Server Settings → Roles.`,
        roleId: role.id,
      });
    } else {
      usable.set(role.id, role);
    }
  }
  return { usable, problems };
}
