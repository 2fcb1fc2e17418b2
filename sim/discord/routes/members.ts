// Member routes: get, list (after/limit pagination by user id), PATCH with a full role list or
// nick, and single-role PUT/DELETE. Managed roles and roles at or above the bot are refused
// (403 50013), and every role change lands in the guild's audit log with the request's reason.
import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  PermissionFlagsBits,
  type APIGuildMember,
} from 'discord-api-types/v10';
import type { SimContext } from '../context.js';
import { auditReason, recordMemberRoleUpdate } from '../audit-log.js';
import { missingAccess, missingPermissions } from '../errors.js';
import type { RouteSpec } from '../http/router.js';
import { highestRolePosition, requireBelowActor, requirePermission } from '../permissions.js';
import { memberUpdateData } from '../serialize.js';
import { compareSnowflakes, type SimGuild } from '../state.js';
import { FieldChecker, objectBody } from './body-checks.js';

export function memberRoutes(ctx: SimContext): RouteSpec[] {
  const { state } = ctx;
  const bot = (guild: SimGuild) => state.member(guild, state.botUser.id);

  /** The checks Discord applies to every role the bot adds or removes. */
  const checkRoleChange = (guild: SimGuild, roleId: string) => {
    const actor = bot(guild);
    const role = state.role(guild, roleId);
    requirePermission(guild, actor, PermissionFlagsBits.ManageRoles);
    requireBelowActor(guild, actor, role.position);
    // Integration-managed roles (bots, boosts, Twitch...) can only be granted by their integration.
    if (role.managed || role.id === guild.id) throw missingPermissions();
  };

  const announce = (guild: SimGuild, member: APIGuildMember) =>
    state.emit(
      GatewayDispatchEvents.GuildMemberUpdate,
      memberUpdateData(guild.id, member),
      GatewayIntentBits.GuildMembers,
    );

  return [
    {
      method: 'GET',
      template: '/guilds/:guild_id/members',
      auth: 'bot',
      handler: ({ params, query }) => {
        const guild = state.guild(params.guild_id ?? '');
        // Listing members needs the privileged Server Members intent switched on for the app.
        if (!ctx.options.privileged.guildMembers) throw missingAccess();
        const check = new FieldChecker();
        const limitRaw = query.get('limit');
        const afterRaw = query.get('after') ?? '0';
        const limit =
          check.int({ limit: limitRaw === null ? 1 : Number(limitRaw) }, 'limit', {
            min: 1,
            max: 1000,
          }) ?? 1;
        const after = check.snowflake({ after: afterRaw }, 'after') ?? '0';
        check.done();
        const page = state
          .sortedMembers(guild)
          .filter((m) => compareSnowflakes(m.user.id, after) > 0)
          .slice(0, limit);
        return { status: 200, body: page };
      },
    },
    {
      method: 'GET',
      template: '/guilds/:guild_id/members/:user_id',
      auth: 'bot',
      handler: ({ params }) => {
        const guild = state.guild(params.guild_id ?? '');
        return { status: 200, body: state.member(guild, params.user_id ?? '') };
      },
    },
    {
      method: 'PATCH',
      template: '/guilds/:guild_id/members/:user_id',
      auth: 'bot',
      handler: ({ params, json, headers }) => {
        const guild = state.guild(params.guild_id ?? '');
        const member = state.member(guild, params.user_id ?? '');
        const body = objectBody(json);
        const check = new FieldChecker();
        const roles = check.snowflakeList(body, 'roles');
        const nick =
          'nick' in body
            ? body.nick === null
              ? null
              : check.string(body, 'nick', { max: 32 })
            : undefined;
        check.done();
        if (roles !== undefined) {
          const wanted = [...new Set(roles.filter((id) => id !== guild.id))];
          for (const id of wanted) state.role(guild, id);
          const added = wanted.filter((id) => !member.roles.includes(id));
          const removed = member.roles.filter((id) => !wanted.includes(id));
          for (const id of [...added, ...removed]) checkRoleChange(guild, id);
          member.roles = wanted;
          recordMemberRoleUpdate(
            state,
            guild,
            member.user.id,
            added,
            removed,
            auditReason(headers),
          );
        }
        if (nick !== undefined) {
          const actor = bot(guild);
          requirePermission(
            guild,
            actor,
            member.user.id === actor.user.id
              ? PermissionFlagsBits.ChangeNickname
              : PermissionFlagsBits.ManageNicknames,
          );
          if (member.user.id === guild.ownerId) throw missingPermissions();
          if (member.user.id !== actor.user.id)
            requireBelowActor(guild, actor, highestRolePosition(guild, member));
          member.nick = nick === '' ? null : nick;
        }
        if (roles !== undefined || nick !== undefined) announce(guild, member);
        return { status: 200, body: member };
      },
    },
    {
      method: 'PUT',
      template: '/guilds/:guild_id/members/:user_id/roles/:role_id',
      auth: 'bot',
      handler: ({ params, headers }) => {
        const guild = state.guild(params.guild_id ?? '');
        const member = state.member(guild, params.user_id ?? '');
        checkRoleChange(guild, params.role_id ?? '');
        if (!member.roles.includes(params.role_id ?? '')) {
          member.roles = [...member.roles, params.role_id ?? ''];
          const reason = auditReason(headers);
          recordMemberRoleUpdate(state, guild, member.user.id, [params.role_id ?? ''], [], reason);
          announce(guild, member);
        }
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      template: '/guilds/:guild_id/members/:user_id/roles/:role_id',
      auth: 'bot',
      handler: ({ params, headers }) => {
        const guild = state.guild(params.guild_id ?? '');
        const member = state.member(guild, params.user_id ?? '');
        checkRoleChange(guild, params.role_id ?? '');
        if (member.roles.includes(params.role_id ?? '')) {
          member.roles = member.roles.filter((r) => r !== params.role_id);
          const reason = auditReason(headers);
          recordMemberRoleUpdate(state, guild, member.user.id, [], [params.role_id ?? ''], reason);
          announce(guild, member);
        }
        return { status: 204 };
      },
    },
  ];
}
