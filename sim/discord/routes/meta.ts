// Session-level routes: gateway discovery, the current user and application, and the
// current user's guilds (with permission bits, as OAuth2 dashboards read them).
import {
  ApplicationFlags,
  type APIApplication,
  type RESTAPIPartialCurrentUserGuild,
  type RESTGetAPIGatewayBotResult,
} from 'discord-api-types/v10';
import type { SimContext } from '../context.js';
import type { ResolvedSimOptions } from '../options.js';
import { DiscordApiError, unknownUser } from '../errors.js';
import type { Caller, RouteSpec } from '../http/router.js';
import { basePermissions } from '../permissions.js';

/** The portal switches for privileged intents show up as application flags. */
export function applicationFlags(options: ResolvedSimOptions): ApplicationFlags {
  let flags = 0;
  if (options.privileged.guildMembers) flags |= ApplicationFlags.GatewayGuildMembers;
  if (options.privileged.guildPresences) flags |= ApplicationFlags.GatewayPresence;
  if (options.privileged.messageContent) flags |= ApplicationFlags.GatewayMessageContent;
  return flags as ApplicationFlags;
}

function requireScope(caller: Caller, scope: string): void {
  if (caller.kind === 'bearer' && !caller.scopes.includes(scope))
    throw new DiscordApiError(401, 0, '401: Unauthorized');
}

export function metaRoutes(ctx: SimContext): RouteSpec[] {
  const { state, options } = ctx;
  return [
    {
      method: 'GET',
      template: '/gateway',
      auth: 'none',
      handler: () => ({ status: 200, body: { url: ctx.urls.gateway } }),
    },
    {
      method: 'GET',
      template: '/gateway/bot',
      auth: 'bot',
      handler: () => {
        const body: RESTGetAPIGatewayBotResult = {
          url: ctx.urls.gateway,
          shards: 1,
          session_start_limit: {
            total: 1000,
            remaining: Math.max(0, 1000 - ctx.sessionStarts.used),
            reset_after: 86_400_000,
            max_concurrency: 1,
          },
        };
        return { status: 200, body };
      },
    },
    {
      method: 'GET',
      template: '/users/@me',
      auth: 'either',
      handler: ({ caller }) => {
        requireScope(caller, 'identify');
        const user = state.users.get(caller.userId ?? '');
        if (!user) throw unknownUser();
        return {
          status: 200,
          body:
            caller.kind === 'bot'
              ? { ...user, verified: true, mfa_enabled: true, flags: 0 }
              : {
                  ...user,
                  locale: 'en-US',
                  mfa_enabled: false,
                  premium_type: 0,
                  flags: 0,
                  public_flags: 0,
                },
        };
      },
    },
    {
      method: 'GET',
      template: '/users/@me/guilds',
      auth: 'either',
      handler: ({ caller }) => {
        requireScope(caller, 'guilds');
        const guilds: RESTAPIPartialCurrentUserGuild[] = [];
        for (const guild of state.guilds.values()) {
          const member = guild.members.get(caller.userId ?? '');
          if (!member) continue;
          guilds.push({
            id: guild.id,
            name: guild.name,
            icon: null,
            banner: null,
            owner: guild.ownerId === member.user.id,
            features: [],
            permissions: basePermissions(guild, member).toString(),
          });
        }
        return { status: 200, body: guilds };
      },
    },
    {
      method: 'GET',
      template: '/users/:user_id',
      auth: 'bot',
      handler: ({ params }) => {
        const user = state.users.get(params.user_id ?? '');
        if (!user) throw unknownUser();
        return { status: 200, body: user };
      },
    },
    {
      method: 'GET',
      template: '/applications/@me',
      auth: 'bot',
      handler: () => {
        const flags = applicationFlags(options);
        const app = {
          id: state.application.id,
          name: state.application.name,
          icon: null,
          description: 'GitGuild (simulated)',
          summary: '',
          bot_public: false,
          bot_require_code_grant: false,
          verify_key: '0'.repeat(64),
          team: null,
          flags,
          flags_new: String(flags),
          bot: state.botUser,
          approximate_guild_count: state.guilds.size,
          redirect_uris: options.oauth.redirectUris,
        } as unknown as APIApplication; // the sim serves the fields clients read, not every optional one
        return { status: 200, body: app };
      },
    },
  ];
}
