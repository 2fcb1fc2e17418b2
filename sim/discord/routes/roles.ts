// Guild and role routes: read the guild, list/create/modify/reorder/delete roles, with
// Manage Roles and the role hierarchy enforced as Discord does (403 50013).
import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  PermissionFlagsBits,
  type APIRole,
} from 'discord-api-types/v10';
import type { SimContext } from '../context.js';
import { missingPermissions } from '../errors.js';
import type { RouteSpec } from '../http/router.js';
import { basePermissions, requireBelowActor, requirePermission } from '../permissions.js';
import { guildObject } from '../serialize.js';
import type { SimGuild } from '../state.js';
import { FieldChecker, objectBody, type JsonObject } from './body-checks.js';

function roleColor(check: FieldChecker, body: JsonObject): number | undefined {
  const colors = body.colors;
  if (colors && typeof colors === 'object' && !Array.isArray(colors)) {
    const primary = check.int(colors as JsonObject, 'primary_color', { min: 0, max: 0xffffff });
    if (primary !== undefined) return primary;
  }
  return check.int(body, 'color', { min: 0, max: 0xffffff });
}

export function roleRoutes(ctx: SimContext): RouteSpec[] {
  const { state } = ctx;
  const bot = (guild: SimGuild) => state.member(guild, state.botUser.id);
  const emitRole = (event: GatewayDispatchEvents, guild: SimGuild, role: APIRole) =>
    state.emit(event, { guild_id: guild.id, role }, GatewayIntentBits.Guilds);

  return [
    {
      method: 'GET',
      template: '/guilds/:guild_id',
      auth: 'bot',
      handler: ({ params, query }) => {
        const guild = state.guild(params.guild_id ?? '');
        state.member(guild, state.botUser.id);
        const body = guildObject(state, guild);
        return {
          status: 200,
          body:
            query.get('with_counts') === 'true'
              ? {
                  ...body,
                  approximate_member_count: guild.members.size,
                  approximate_presence_count: 0,
                }
              : body,
        };
      },
    },
    {
      method: 'GET',
      template: '/guilds/:guild_id/roles',
      auth: 'bot',
      handler: ({ params }) => ({
        status: 200,
        body: state.sortedRoles(state.guild(params.guild_id ?? '')),
      }),
    },
    {
      method: 'POST',
      template: '/guilds/:guild_id/roles',
      auth: 'bot',
      handler: ({ params, json }) => {
        const guild = state.guild(params.guild_id ?? '');
        const actor = bot(guild);
        requirePermission(guild, actor, PermissionFlagsBits.ManageRoles);
        const body = objectBody(json);
        const check = new FieldChecker();
        const name = check.string(body, 'name', { max: 100 }) ?? 'new role';
        const permissions =
          check.permissions(body, 'permissions') ??
          BigInt(guild.roles.get(guild.id)?.permissions ?? '0');
        // Discord takes `colors.primary_color` (what discord.js sends) or the older `color`.
        const color = roleColor(check, body) ?? 0;
        const hoist = check.bool(body, 'hoist') ?? false;
        const mentionable = check.bool(body, 'mentionable') ?? false;
        check.done();
        // A role may not grant permissions its creator lacks.
        if ((permissions & ~basePermissions(guild, actor)) !== 0n) throw missingPermissions();
        // New roles go in at position 1, just above @everyone, pushing the others up.
        for (const role of guild.roles.values()) if (role.position >= 1) role.position += 1;
        const role: APIRole = {
          id: state.nextId(),
          name,
          color,
          colors: { primary_color: color, secondary_color: null, tertiary_color: null },
          hoist,
          icon: null,
          unicode_emoji: null,
          position: 1,
          permissions: permissions.toString(),
          managed: false,
          mentionable,
          flags: 0 as APIRole['flags'],
        };
        guild.roles.set(role.id, role);
        emitRole(GatewayDispatchEvents.GuildRoleCreate, guild, role);
        return { status: 200, body: role };
      },
    },
    {
      method: 'PATCH',
      template: '/guilds/:guild_id/roles',
      auth: 'bot',
      handler: ({ params, json }) => {
        const guild = state.guild(params.guild_id ?? '');
        const actor = bot(guild);
        requirePermission(guild, actor, PermissionFlagsBits.ManageRoles);
        const check = new FieldChecker();
        if (!Array.isArray(json))
          check.problems.push({ path: [], code: 'BASE_TYPE_LIST', message: 'Must be a list.' });
        const moves: { role: APIRole; position: number }[] = [];
        (Array.isArray(json) ? json : []).forEach((item: unknown, index) => {
          const entry = objectBody(item);
          const id = check.snowflake(entry, 'id');
          const position = check.int(entry, 'position', { min: 0, max: 1000 });
          if (id === undefined || id === null) {
            check.problems.push({
              path: [index, 'id'],
              code: 'BASE_TYPE_REQUIRED',
              message: 'This field is required',
            });
            return;
          }
          const role = state.role(guild, id);
          if (position !== undefined) moves.push({ role, position });
        });
        check.done();
        for (const { role, position } of moves) {
          if (role.id === guild.id) throw missingPermissions();
          requireBelowActor(guild, actor, role.position);
          requireBelowActor(guild, actor, position);
        }
        // Re-rank as Discord does: take the moved roles out, then insert each at its requested
        // slot, so the roles in between shift by one towards the gap.
        const moved = new Set(moves.map((m) => m.role.id));
        const ordered = state
          .sortedRoles(guild)
          .filter((r) => r.id !== guild.id && !moved.has(r.id));
        for (const { role, position } of [...moves].sort((a, b) => a.position - b.position))
          ordered.splice(Math.max(0, Math.min(ordered.length, position - 1)), 0, role);
        ordered.forEach((role, index) => {
          if (role.position !== index + 1) {
            role.position = index + 1;
            emitRole(GatewayDispatchEvents.GuildRoleUpdate, guild, role);
          }
        });
        return { status: 200, body: state.sortedRoles(guild) };
      },
    },
    {
      method: 'PATCH',
      template: '/guilds/:guild_id/roles/:role_id',
      auth: 'bot',
      handler: ({ params, json }) => {
        const guild = state.guild(params.guild_id ?? '');
        const actor = bot(guild);
        const role = state.role(guild, params.role_id ?? '');
        requirePermission(guild, actor, PermissionFlagsBits.ManageRoles);
        requireBelowActor(guild, actor, role.position);
        const body = objectBody(json);
        const check = new FieldChecker();
        const name = check.string(body, 'name', { max: 100 });
        const permissions = check.permissions(body, 'permissions');
        const color = roleColor(check, body);
        const hoist = check.bool(body, 'hoist');
        const mentionable = check.bool(body, 'mentionable');
        check.done();
        if (permissions !== undefined && (permissions & ~basePermissions(guild, actor)) !== 0n)
          throw missingPermissions();
        if (name !== undefined && role.id !== guild.id) role.name = name;
        if (permissions !== undefined) role.permissions = permissions.toString();
        if (color !== undefined) role.color = color;
        if (color !== undefined)
          role.colors = { primary_color: color, secondary_color: null, tertiary_color: null };
        if (hoist !== undefined) role.hoist = hoist;
        if (mentionable !== undefined) role.mentionable = mentionable;
        emitRole(GatewayDispatchEvents.GuildRoleUpdate, guild, role);
        return { status: 200, body: role };
      },
    },
    {
      method: 'DELETE',
      template: '/guilds/:guild_id/roles/:role_id',
      auth: 'bot',
      handler: ({ params }) => {
        const guild = state.guild(params.guild_id ?? '');
        const actor = bot(guild);
        const role = state.role(guild, params.role_id ?? '');
        requirePermission(guild, actor, PermissionFlagsBits.ManageRoles);
        requireBelowActor(guild, actor, role.position);
        if (role.managed || role.id === guild.id) throw missingPermissions();
        guild.roles.delete(role.id);
        for (const member of guild.members.values())
          member.roles = member.roles.filter((r) => r !== role.id);
        state.emit(
          GatewayDispatchEvents.GuildRoleDelete,
          { guild_id: guild.id, role_id: role.id },
          GatewayIntentBits.Guilds,
        );
        return { status: 204 };
      },
    },
  ];
}
