// GET /guilds/:guild_id/audit-logs: needs View Audit Log, pages newest first (limit 1-100).
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { auditLogPage } from '../audit-log.js';
import type { SimContext } from '../context.js';
import type { RouteSpec } from '../http/router.js';
import { requirePermission } from '../permissions.js';
import { FieldChecker } from './body-checks.js';

export function auditLogRoutes(ctx: SimContext): RouteSpec[] {
  const { state } = ctx;
  return [
    {
      method: 'GET',
      template: '/guilds/:guild_id/audit-logs',
      auth: 'bot',
      handler: ({ params, query }) => {
        const guild = state.guild(params.guild_id ?? '');
        requirePermission(
          guild,
          state.member(guild, state.botUser.id),
          PermissionFlagsBits.ViewAuditLog,
        );
        const check = new FieldChecker();
        const raw = (name: string) => query.get(name) ?? undefined;
        const limit =
          check.int({ limit: Number(raw('limit') ?? 50) }, 'limit', { min: 1, max: 100 }) ?? 50;
        const userId = check.snowflake({ user_id: raw('user_id') }, 'user_id') ?? undefined;
        const before = check.snowflake({ before: raw('before') }, 'before') ?? undefined;
        const actionRaw = raw('action_type');
        const actionType =
          actionRaw === undefined
            ? undefined
            : check.int({ action_type: Number(actionRaw) }, 'action_type', { min: 1, max: 200 });
        check.done();
        return {
          status: 200,
          body: auditLogPage(state, guild, {
            limit,
            ...(userId ? { userId } : {}),
            ...(before ? { before } : {}),
            ...(actionType !== undefined ? { actionType } : {}),
          }),
        };
      },
    },
  ];
}
