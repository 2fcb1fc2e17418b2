// Org routes: the org itself, its repos (type/sort/direction), public members, teams.
import type { SimRepo } from '../../scenarios/org.js';
import { HttpError, listOf, notFound } from '../http.js';
import { organizationFull, team } from '../shapes/org.js';
import { minimalRepository } from '../shapes/repo.js';
import { simpleUser } from '../shapes/user.js';
import { byKey, enumParam, requireViewer, type ApiRequest, type Route } from './route.js';

function findOrg(req: ApiRequest, login: string) {
  const org = req.world.org(login);
  if (!org) throw new HttpError(notFound());
  return org;
}

function users(req: ApiRequest, logins: readonly string[]) {
  return logins.map((l) => req.world.user(l) ?? req.world.ensureUser(l));
}

export const orgRoutes: Route[] = [
  {
    path: '/orgs/:org',
    handle: (req, { org }) => ({
      status: 200,
      body: organizationFull(findOrg(req, org ?? ''), req.urls),
    }),
  },
  {
    path: '/orgs/:org/repos',
    handle: (req, p) => {
      const org = findOrg(req, p.org ?? '');
      const type = enumParam(
        req.query,
        'type',
        ['all', 'public', 'private', 'forks', 'sources', 'member'] as const,
        'all',
      );
      const sort = enumParam(
        req.query,
        'sort',
        ['created', 'updated', 'pushed', 'full_name'] as const,
        'created',
      );
      const direction = enumParam(
        req.query,
        'direction',
        ['asc', 'desc'] as const,
        sort === 'full_name' ? 'asc' : 'desc',
      );
      const keep = (r: SimRepo): boolean =>
        type === 'forks' ? r.fork : type === 'sources' ? !r.fork : type !== 'private';
      const key = (r: SimRepo): string =>
        sort === 'created'
          ? r.createdAt
          : sort === 'updated'
            ? r.updatedAt
            : sort === 'pushed'
              ? r.pushedAt
              : r.name.toLowerCase();
      const list = org.repos.filter(keep).sort(byKey(key, direction));
      return listOf(list, (r) => minimalRepository(org, r, req.urls));
    },
  },
  {
    path: '/orgs/:org/members',
    handle: (req, p) => {
      const org = findOrg(req, p.org ?? '');
      return listOf(users(req, org.members), (u) => simpleUser(u, req.urls));
    },
  },
  {
    path: '/orgs/:org/teams',
    handle: (req, p) => {
      requireViewer(req, 'https://docs.github.com/rest/teams/teams#list-teams');
      const org = findOrg(req, p.org ?? '');
      return listOf(org.teams, (t) => team(org, t, req.urls));
    },
  },
  {
    path: '/orgs/:org/teams/:slug/members',
    handle: (req, p) => {
      requireViewer(req, 'https://docs.github.com/rest/teams/members#list-team-members');
      const org = findOrg(req, p.org ?? '');
      const t = org.teams.find((x) => x.slug === p.slug?.toLowerCase());
      if (!t) throw new HttpError(notFound());
      return listOf(users(req, t.members), (u) => simpleUser(u, req.urls));
    },
  },
];
