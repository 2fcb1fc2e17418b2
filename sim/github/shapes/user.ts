// GitHub's user-like shapes (simple-user, public-user, private-user, contributor), field for
// field as the OpenAPI description lists them, built from scenario users.
import type { SimUser } from '../../scenarios/org.js';
import type { SimUrls } from './urls.js';
import { nodeId } from './urls.js';

export function simpleUser(u: SimUser, urls: SimUrls) {
  // GitHub percent-encodes bot logins in URLs: /users/dependabot%5Bbot%5D.
  const api = `${urls.api}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId(u.type === 'Bot' ? 'Bot' : 'User', u.id),
    avatar_url: `${urls.web}/avatars/u/${u.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url:
      u.type === 'Bot'
        ? `${urls.web}/apps/${u.login.replace('[bot]', '')}`
        : `${urls.web}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function publicUser(u: SimUser, urls: SimUrls, stats: { publicRepos: number }) {
  return {
    ...simpleUser(u, urls),
    name: u.name,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: stats.publicRepos,
    public_gists: 0,
    followers: Math.round(u.activity * 3),
    following: 0,
    created_at: u.createdAt,
    updated_at: u.createdAt,
  };
}

/** What `GET /user` returns for the token's own account: the public profile plus private counters. */
export function privateUser(u: SimUser, urls: SimUrls, stats: { publicRepos: number }) {
  return {
    ...publicUser(u, urls, stats),
    user_view_type: 'private',
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'free', space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}

export function contributor(u: SimUser, urls: SimUrls, contributions: number) {
  return { ...simpleUser(u, urls), contributions };
}

/** `?anon=1` entries for commit authors whose email matches no account. */
export function anonymousContributor(name: string, email: string, contributions: number) {
  return { email, name, type: 'Anonymous', contributions };
}
