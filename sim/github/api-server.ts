// The REST face of the simulator (plays api.github.com): auth, injected faults, the primary rate
// limit, routing, pagination, ETag/304 and the request log, in the order GitHub applies them.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimUser } from '../scenarios/org.js';
import type { SimClock } from './clock.js';
import type { FaultQueue } from './faults.js';
import { createGraphqlHandler } from './graphql/handler.js';
import {
  githubError,
  HttpError,
  isList,
  notFound,
  sendJson,
  type JsonResult,
  type RouteResult,
} from './http.js';
import { paginate } from './pagination.js';
import { createApplicationsHandler, oauthUserRoutes } from './oauth-api.js';
import type { OAuthProvider } from './oauth.js';
import { PrimaryRateLimiter, type RateWindow } from './rate-limit.js';
import type { RequestHooks } from './request-hooks.js';
import type { RequestLog } from './request-log.js';
import { orgRoutes } from './routes/orgs.js';
import { repoRoutes } from './routes/repos.js';
import type { ApiRequest, Route } from './routes/route.js';
import { userRoutes } from './routes/users.js';
import type { SimUrls } from './shapes/urls.js';
import type { SimWorld } from './state.js';

export interface ApiServerDeps {
  world: SimWorld;
  clock: SimClock;
  limiter: PrimaryRateLimiter;
  /** GitHub's separate GraphQL budget, in points. */
  graphqlLimiter: PrimaryRateLimiter;
  faults: FaultQueue;
  log: RequestLog;
  /** Test callbacks run just before a matching request is served. */
  hooks: RequestHooks;
  urls: () => SimUrls;
  /** OAuth grants: token scopes, and the /applications endpoints (sim/github/oauth-api.ts). */
  oauth: OAuthProvider;
}

interface CompiledRoute {
  route: Route;
  segments: string[];
}

const compile = (routes: Route[]): CompiledRoute[] =>
  routes.map((route) => ({ route, segments: route.path.split('/').slice(1) }));
const ROUTES: CompiledRoute[] = compile([...orgRoutes, ...repoRoutes, ...userRoutes]);

function match(
  path: string,
  extra: readonly CompiledRoute[] = [],
): { route: Route; params: Record<string, string> } | null {
  const parts = path.split('/').slice(1);
  for (const { route, segments } of [...ROUTES, ...extra]) {
    if (segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const seg = segments[i] as string;
      const part = decodeURIComponent(parts[i] as string);
      if (seg.startsWith(':')) params[seg.slice(1)] = part;
      else ok = seg === part;
    }
    if (ok) return { route, params };
  }
  return null;
}

const RATE_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

/** Resolves the Authorization header; throws GitHub's 401 for a token it does not know. */
function bearer(header: string | undefined): string | null {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1] ?? null;
}

function identify(world: SimWorld, header: string | undefined): SimUser | null {
  if (!header) return null;
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  const login = m?.[1] ? world.tokenLogin(m[1]) : undefined;
  const user = login ? world.user(login) : undefined;
  if (!user)
    throw new HttpError(githubError(401, 'Bad credentials', 'https://docs.github.com/rest'));
  return user;
}

function weakEtag(text: string): string {
  return `W/"${createHash('sha256').update(text).digest('hex').slice(0, 40)}"`;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (t: string): string => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

export function createApiHandler(
  deps: ApiServerDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const graphql = createGraphqlHandler(deps);
  const applications = createApplicationsHandler(deps);
  const oauthRoutes = compile(oauthUserRoutes(deps.oauth));
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const method = req.method ?? 'GET';
    if (method === 'POST' && url.pathname === '/graphql') return graphql(req, res);
    // Authenticated with the app's client id and secret (Basic), not a user token.
    if (url.pathname.startsWith('/applications/')) return applications(req, res, url);
    await deps.hooks.before({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
    });
    const requestId = randomUUID().slice(0, 18).toUpperCase();
    let viewer: SimUser | null = null;
    let window: RateWindow | null = null;
    let counted = false;
    let result: JsonResult;
    try {
      viewer = identify(deps.world, req.headers.authorization);
      const anonymous = viewer === null;
      window = deps.limiter.window(
        anonymous ? `ip:${req.socket.remoteAddress ?? '127.0.0.1'}` : `user:${viewer?.id}`,
        anonymous,
      );
      const answered = await answer(deps, oauthRoutes, {
        method,
        url,
        viewer,
        token: bearer(req.headers.authorization),
        window,
        requestId,
        ifNoneMatch: req.headers['if-none-match'],
      });
      result = answered.result;
      counted = answered.counts;
      if (counted) deps.limiter.consume(window);
    } catch (err) {
      result =
        err instanceof HttpError
          ? err.result
          : githubError(
              500,
              `Simulator error: ${err instanceof Error ? err.message : String(err)}`,
            );
      if (!window)
        window = deps.limiter.window(`ip:${req.socket.remoteAddress ?? '127.0.0.1'}`, true);
    }
    const headers: Record<string, string> = {
      ...PrimaryRateLimiter.headers(window),
      'x-github-request-id': requestId,
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-accepted-oauth-scopes': '',
      ...(viewer
        ? {
            // OAuth tokens carry the scopes they were granted; the ready-made tokens read:org, read:user.
            'x-oauth-scopes':
              deps.oauth.scopesHeader(bearer(req.headers.authorization) ?? '') ??
              'read:org, read:user',
            vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
          }
        : { vary: 'Accept' }),
      ...result.headers,
    };
    sendJson(res, { ...result, headers });
    deps.log.add({
      at: new Date(deps.clock.now()).toISOString(),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: result.status,
      counted,
      login: viewer?.login ?? null,
      surface: 'api',
    });
  };
}

interface Incoming {
  method: string;
  url: URL;
  viewer: SimUser | null;
  token: string | null;
  window: RateWindow;
  requestId: string;
  ifNoneMatch: string | undefined;
}

interface Answer {
  result: JsonResult;
  /** Whether it uses up one unit of the primary limit. */
  counts: boolean;
}

const free = (result: JsonResult): Answer => ({ result, counts: false });
const paid = (result: JsonResult): Answer => ({ result, counts: true });

async function answer(
  deps: ApiServerDeps,
  oauthRoutes: readonly CompiledRoute[],
  inc: Incoming,
): Promise<Answer> {
  const fault = deps.faults.take();
  if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms));
  if (fault?.kind === 'secondary') {
    const body = githubError(
      403,
      `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${inc.requestId}.`,
      `${RATE_DOCS}#about-secondary-rate-limits`,
    ).body;
    return free({
      status: 403,
      body,
      headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
    });
  }
  if (fault?.kind === 'server-error') {
    const status = fault.status ?? 502;
    return free({
      status,
      body: { message: status === 502 ? 'Server Error' : 'Service Unavailable' },
    });
  }

  const { method, url } = inc;
  if (method !== 'GET' && method !== 'HEAD') return paid(notFound());
  const urls = deps.urls();
  if (url.pathname === '/rate_limit') {
    const core = {
      limit: inc.window.limit,
      remaining: Math.max(0, inc.window.limit - inc.window.used),
      reset: Math.ceil(inc.window.resetAt / 1000),
      used: Math.min(inc.window.used, inc.window.limit),
      resource: 'core',
    };
    const reset = Math.ceil(deps.clock.now() / 1000) + 60;
    const other = (limit: number, resource: string) => ({
      limit,
      remaining: limit,
      reset,
      used: 0,
      resource,
    });
    // GitHub does not count calls to /rate_limit.
    return free({
      status: 200,
      body: {
        resources: {
          core,
          search: other(30, 'search'),
          graphql: other(5000, 'graphql'),
          integration_manifest: other(5000, 'integration_manifest'),
          code_search: other(10, 'code_search'),
        },
        rate: core,
      },
    });
  }
  if (deps.limiter.exhausted(inc.window)) {
    const who = inc.viewer ? `user ID ${inc.viewer.id}` : '127.0.0.1';
    const extra = inc.viewer
      ? ''
      : " (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)";
    const message = `API rate limit exceeded for ${who}.${extra} If you reach out to GitHub Support for help, please include the request ID ${inc.requestId} and timestamp ${new Date(deps.clock.now()).toISOString().replace('T', ' ').slice(0, 19)} UTC.`;
    return free(
      githubError(
        deps.limiter.options.exhaustedStatus ?? 403,
        message,
        `${RATE_DOCS}#exceeding-the-rate-limit`,
      ),
    );
  }

  // GitHub serves every repository route under its stable id too; renamed repos redirect there.
  let path = url.pathname;
  const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
  if (byId) {
    const ref = deps.world.repoById(Number(byId[1]));
    if (!ref) return paid(notFound());
    path = `/repos/${ref.org.login}/${ref.repo.name}${byId[2] ?? ''}`;
  }
  const found = match(path, oauthRoutes);
  if (!found) return paid(notFound());
  const apiReq: ApiRequest = {
    world: deps.world,
    urls,
    clock: deps.clock,
    viewer: inc.viewer,
    path,
    query: url.searchParams,
    token: inc.token,
  };
  let routed: RouteResult;
  try {
    routed = found.route.handle(apiReq, found.params);
  } catch (err) {
    if (err instanceof HttpError) return paid(err.result);
    throw err;
  }
  let result: JsonResult;
  if (isList(routed)) {
    const page = paginate(routed.list, urls.api, url.pathname, url.searchParams);
    result = {
      status: 200,
      body: page.items.map((item) => routed.shape(item)),
      headers: page.link ? { link: page.link } : {},
    };
  } else result = routed;

  if (result.status === 200 && result.body !== undefined) {
    const etag = weakEtag(JSON.stringify(result.body) + (result.headers?.link ?? ''));
    const cache = {
      etag,
      'cache-control': inc.viewer
        ? 'private, max-age=60, s-maxage=60'
        : 'public, max-age=60, s-maxage=60',
    };
    // A conditional request that matches costs nothing, as GitHub promises.
    if (etagMatches(inc.ifNoneMatch, etag)) return free({ status: 304, headers: cache });
    result = { ...result, headers: { ...result.headers, ...cache } };
  }
  return paid(result);
}
