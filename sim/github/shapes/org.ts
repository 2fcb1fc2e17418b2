// Organisation and team shapes (organization-full, team) as GitHub returns them.
import type { SimOrg, SimTeam } from '../../scenarios/org.js';
import { nodeId, type SimUrls } from './urls.js';

export function organizationFull(org: SimOrg, urls: SimUrls) {
  const api = `${urls.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId('Organization', org.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${urls.web}/avatars/u/${org.id}?v=4`,
    description: org.description,
    name: org.name,
    blog: org.blog,
    location: org.location,
    // The schema types email as a string: GitHub leaves it out rather than sending null.
    ...(org.email === null ? {} : { email: org.email }),
    twitter_username: null,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: org.repos.length,
    public_gists: 0,
    followers: org.followers,
    following: 0,
    html_url: `${urls.web}/${org.login}`,
    created_at: org.createdAt,
    updated_at: org.updatedAt,
    archived_at: null,
    type: 'Organization',
  };
}

export function team(org: SimOrg, t: SimTeam, urls: SimUrls) {
  const api = `${urls.api}/organizations/${org.id}/team/${t.id}`;
  return {
    id: t.id,
    node_id: nodeId('Team', t.id),
    url: api,
    html_url: `${urls.web}/orgs/${org.login}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: t.description,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
    type: 'organization',
    organization_id: org.id,
    parent: null,
  };
}
