// auth.* and links.*: thin adapters from the AdminApi to the OAuth services. Tokens never pass
// through here on the way out: answers carry logins, scopes, badges and URLs only.
import type { AdminAuthService } from '../../oauth/admin-auth.js';
import type { MemberLinkService } from '../../oauth/member-links.js';
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
    | 'githubOrgs'
    | 'signedInDiscordUserId'
  >;
  links: Pick<MemberLinkService, 'list' | 'setLink' | 'removeLink'>;
}

type AuthMethod =
  | 'auth.status'
  | 'auth.discord.begin'
  | 'auth.github.begin'
  | 'auth.github.useToken'
  | 'auth.signOut'
  | 'auth.discord.guilds'
  | 'auth.github.orgs'
  | 'links.list'
  | 'links.set'
  | 'links.remove';

export function authHandlers(deps: AuthHandlerDeps): HandlersFor<AuthMethod> {
  const { auth, links } = deps;
  const actor = () => ({ discordUserId: auth.signedInDiscordUserId() });
  return {
    'auth.status': () => auth.status(),
    'auth.discord.begin': () => auth.beginDiscord(),
    'auth.github.begin': () => auth.beginGithub(),
    'auth.github.useToken': ({ token }) => auth.useGithubToken(token),
    'auth.signOut': ({ provider }) => auth.signOut(provider),
    'auth.discord.guilds': () => auth.discordGuilds(),
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
    'links.set': (input) => links.setLink(input, actor()),
    'links.remove': async ({ discordUserId }) => ({
      removed: await links.removeLink(discordUserId, actor()),
    }),
  };
}
