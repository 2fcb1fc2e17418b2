// auth.* and links.*: thin adapters from the AdminApi to the OAuth services. Tokens never pass
// through here on the way out: answers carry logins, scopes, badges and URLs only.
import type { AdminAuthService } from '../../oauth/admin-auth.js';
import type { DashboardSessions } from '../../oauth/dashboard-sessions.js';
import type { MemberLinkService } from '../../oauth/member-links.js';
import type { CallContext } from '../caller.js';
import type { HandlersFor } from '../handler-types.js';

export interface AuthHandlerDeps {
  auth: Pick<
    AdminAuthService,
    | 'status'
    | 'beginDiscord'
    | 'beginGithub'
    | 'useGithubToken'
    | 'signOut'
    | 'discordGuilds'
    | 'botInvite'
    | 'githubOrgs'
    | 'signedInDiscordUserId'
  >;
  links: Pick<MemberLinkService, 'list' | 'setLink' | 'removeLink'>;
  sessions: Pick<DashboardSessions, 'list' | 'signOut' | 'signOutEverywhere'>;
}

type AuthMethod =
  | 'auth.status'
  | 'auth.discord.begin'
  | 'auth.github.begin'
  | 'auth.github.useToken'
  | 'auth.signOut'
  | 'auth.discord.guilds'
  | 'auth.discord.invite'
  | 'auth.github.orgs'
  | 'auth.session.status'
  | 'auth.session.signOut'
  | 'auth.session.signOutEverywhere'
  | 'auth.sessions.list'
  | 'links.list'
  | 'links.set'
  | 'links.remove';

export function authHandlers(deps: AuthHandlerDeps): HandlersFor<AuthMethod> {
  const { auth, links, sessions } = deps;
  // Links made by a dashboard admin name them; the desktop's or API token's name the Discord
  // account the host admin signed in with, if any.
  const actor = ({ caller }: CallContext) => ({
    discordUserId: caller.kind === 'session' ? caller.session.userId : auth.signedInDiscordUserId(),
  });
  return {
    'auth.status': () => auth.status(),
    'auth.discord.begin': () => auth.beginDiscord(),
    'auth.github.begin': () => auth.beginGithub(),
    'auth.github.useToken': ({ token }) => auth.useGithubToken(token),
    'auth.signOut': ({ provider }) => auth.signOut(provider),
    'auth.discord.guilds': () => auth.discordGuilds(),
    'auth.discord.invite': async ({ guildId }) => auth.botInvite(guildId),
    'auth.github.orgs': () => auth.githubOrgs(),
    'links.list': async (input) => {
      const login = input?.githubLogin?.toLowerCase();
      return links
        .list()
        .filter(
          (l) =>
            (input?.discordUserId === undefined || l.discordUserId === input.discordUserId) &&
            (login === undefined || l.githubLogin.toLowerCase() === login),
        );
    },
    'auth.session.status': async (_input, { caller }) =>
      caller.kind === 'session'
        ? {
            via: 'session' as const,
            user: { id: caller.session.userId, username: caller.session.username },
            guildIds: [...(await caller.session.guildIds())].sort(),
          }
        : { via: caller.via, user: null, guildIds: null },
    'auth.session.signOut': async (_input, { caller }) => ({
      ended: caller.kind === 'session' ? await sessions.signOut(caller.session.sessionId) : 0,
    }),
    'auth.session.signOutEverywhere': async (input, { caller }) => ({
      ended: await sessions.signOutEverywhere(
        caller.kind === 'session' ? caller.session.userId : input?.discordUserId,
      ),
    }),
    'auth.sessions.list': async () => sessions.list(),
    'links.set': (input, context) => links.setLink(input, actor(context)),
    'links.remove': async ({ discordUserId }, context) => ({
      removed: await links.removeLink(discordUserId, actor(context)),
    }),
  };
}
