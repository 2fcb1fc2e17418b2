// User routes: the token's own account and public profiles (users, bots and orgs).
import { HttpError, notFound } from '../http.js';
import { orgAsUser } from '../shapes/repo.js';
import { nodeId } from '../shapes/urls.js';
import { privateUser, publicUser } from '../shapes/user.js';
import { requireViewer, type Route } from './route.js';

export const userRoutes: Route[] = [
  {
    path: '/user',
    handle: (req) => {
      const viewer = requireViewer(
        req,
        'https://docs.github.com/rest/users/users#get-the-authenticated-user',
      );
      return { status: 200, body: privateUser(viewer, req.urls, { publicRepos: 0 }) };
    },
  },
  {
    path: '/users/:login',
    handle: (req, p) => {
      const login = p.login ?? '';
      const org = req.world.org(login);
      if (org) {
        // An org looked up as a user: the public-user shape with type Organization, as GitHub does.
        const body = {
          ...publicUser(orgAsUser(org), req.urls, { publicRepos: org.repos.length }),
          type: 'Organization',
          node_id: nodeId('Organization', org.id),
        };
        return { status: 200, body };
      }
      const user = req.world.user(login);
      if (!user) throw new HttpError(notFound());
      return { status: 200, body: publicUser(user, req.urls, { publicRepos: 0 }) };
    },
  },
];
