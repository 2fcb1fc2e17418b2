// What a REST route sees and returns. Routes are pure functions of the world and the request;
// auth, rate limits, ETags, pagination and logging happen around them in the API server.
import type { SimUser } from '../../scenarios/org.js';
import type { SimClock } from '../clock.js';
import { githubError, HttpError, notFound, type RouteResult } from '../http.js';
import type { ShapeContext } from '../shapes/activity.js';
import type { SimUrls } from '../shapes/urls.js';
import type { RepoRef, SimWorld } from '../state.js';

export interface ApiRequest {
  world: SimWorld;
  urls: SimUrls;
  clock: SimClock;
  /** The token's user, or null for an anonymous request. */
  viewer: SimUser | null;
  /** The URL path as routed, e.g. `/repos/acme/app/commits`. */
  path: string;
  query: URLSearchParams;
  /** The bearer token as sent, for routes whose answer depends on its OAuth scopes. */
  token?: string | null;
}

export interface Route {
  /** e.g. `/repos/:owner/:repo/pulls` */
  path: string;
  handle(req: ApiRequest, params: Record<string, string>): RouteResult;
}

export function requireViewer(req: ApiRequest, docs: string): SimUser {
  if (!req.viewer) throw new HttpError(githubError(401, 'Requires authentication', docs));
  return req.viewer;
}

/**
 * The repo, or what GitHub answers for it and everything under it: 301 to `/repositories/{id}/…`
 * for a name it had before a rename or transfer, 404, or 451 when access is blocked.
 */
export function findRepo(req: ApiRequest, owner: string, name: string): RepoRef {
  const ref = req.world.repo(owner, name);
  if (!ref) {
    const moved = req.world.redirect(owner, name);
    if (!moved) throw new HttpError(notFound());
    const prefix = `/repos/${owner}/${name}`;
    const rest = req.path.toLowerCase().startsWith(prefix.toLowerCase())
      ? req.path.slice(prefix.length)
      : '';
    const query = req.query.toString() === '' ? '' : `?${req.query.toString()}`;
    const location = `${req.urls.api}/repositories/${moved.repo.id}${rest}${query}`;
    throw new HttpError({
      status: 301,
      headers: { location },
      body: {
        message: 'Moved Permanently',
        url: location,
        documentation_url: 'https://docs.github.com/v3/#http-redirects',
      },
    });
  }
  if (ref.repo.blocked) {
    throw new HttpError({
      status: 451,
      body: {
        message: 'Repository access blocked',
        block: {
          reason: 'dmca',
          created_at: ref.repo.createdAt,
          html_url: `${req.urls.web}/github/dmca/blob/master/${ref.repo.name}.md`,
        },
      },
    });
  }
  return ref;
}

export function shapeContext(req: ApiRequest, ref: RepoRef): ShapeContext {
  const memo = new Map<string, 'MEMBER' | 'CONTRIBUTOR' | 'NONE'>();
  return {
    org: ref.org,
    repo: ref.repo,
    urls: req.urls,
    user: (login) => req.world.user(login) ?? req.world.ensureUser(login),
    association: (login) => {
      let a = memo.get(login);
      if (a === undefined) memo.set(login, (a = req.world.association(ref, login)));
      return a;
    },
  };
}

/** One of the allowed values, the default when absent, or GitHub's 422 for anything else. */
export function enumParam<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new HttpError(
    githubError(
      422,
      `Validation Failed: "${name}" must be one of ${allowed.join(', ')}, got "${raw}"`,
    ),
  );
}

export function timeParam(query: URLSearchParams, name: string): string | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms))
    throw new HttpError(
      githubError(422, `Invalid value for "${name}": "${raw}" is not an ISO 8601 timestamp`),
    );
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function byKey<T>(
  key: (t: T) => string | number,
  direction: 'asc' | 'desc',
): (a: T, b: T) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : 0;
  };
}
