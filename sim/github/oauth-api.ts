// The API face of GitHub's OAuth apps (plays api.github.com): check and revoke a token or the
// whole grant with the app's client id and secret (HTTP Basic), and the token owner's orgs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimClock } from './clock.js';
import { githubError, HttpError, listOf, parseFields, readBody, sendJson } from './http.js';
import type { JsonResult } from './http.js';
import type { OAuthProvider } from './oauth.js';
import type { RequestLog } from './request-log.js';
import { requireViewer, type Route } from './routes/route.js';
import type { SimUrls } from './shapes/urls.js';
import { nodeId } from './shapes/urls.js';
import { simpleUser } from './shapes/user.js';
import type { SimWorld } from './state.js';

const APPS_DOCS = 'https://docs.github.com/rest/apps/oauth-applications';

export interface ApplicationsApiDeps {
  oauth: OAuthProvider;
  world: SimWorld;
  clock: SimClock;
  log: RequestLog;
  urls: () => SimUrls;
}

/** GET /user/orgs: the orgs the token's user belongs to (GitHub lists private memberships only with read:org). */
export const oauthUserRoutes = (oauth: OAuthProvider): Route[] => [
  {
    path: '/user/orgs',
    handle: (req) => {
      const viewer = requireViewer(
        req,
        'https://docs.github.com/rest/orgs/orgs#list-organizations-for-the-authenticated-user',
      );
      const scopes = req.token ? oauth.scopesHeader(req.token) : undefined;
      // The simulator does not model public memberships: a token without read:org (or user,
      // which includes it) sees none, where GitHub would show the public ones only.
      const canReadOrgs =
        scopes === undefined || scopes.split(', ').some((s) => ['read:org', 'user'].includes(s));
      const orgs = canReadOrgs
        ? req.world.orgs.filter((org) => req.world.isMember(org, viewer.login))
        : [];
      return listOf(orgs, (org) => {
        const api = `${req.urls.api}/orgs/${org.login}`;
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
          avatar_url: `${req.urls.web}/avatars/u/${org.id}?v=4`,
          description: org.description,
        };
      });
    },
  },
];

function authorization(
  deps: ApplicationsApiDeps,
  clientId: string,
  token: string,
): JsonResult | null {
  const issued = deps.oauth.liveToken(clientId, token);
  const user = issued && deps.world.user(issued.login);
  if (!issued || !user) return null;
  const urls = deps.urls();
  const created = new Date(issued.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    status: 200,
    body: {
      id: Number.parseInt(issued.token.slice(-6), 36) % 1_000_000_000,
      url: `${urls.api}/authorizations/1`,
      scopes: issued.scope.split(',').filter(Boolean),
      token: issued.token,
      token_last_eight: issued.token.slice(-8),
      hashed_token: null,
      app: { client_id: clientId, name: 'GitGuild (simulated)', url: urls.web },
      note: null,
      note_url: null,
      updated_at: created,
      created_at: created,
      fingerprint: null,
      expires_at: null,
      user: simpleUser(user, urls),
      installation: null,
    },
  };
}

/**
 * POST /applications/{client_id}/token (check), DELETE …/token (revoke one token) and
 * DELETE …/grant (revoke every token of the app for that user). GitHub answers a wrong client
 * secret with 404, and a body without `access_token` with 422.
 */
export function createApplicationsHandler(
  deps: ApplicationsApiDeps,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  return async (req, res, url) => {
    const method = req.method ?? 'GET';
    let result: JsonResult;
    try {
      result = await answer(deps, req, method, url);
    } catch (err) {
      result =
        err instanceof HttpError
          ? err.result
          : githubError(
              500,
              `Simulator error: ${err instanceof Error ? err.message : String(err)}`,
            );
    }
    sendJson(res, result);
    deps.log.add({
      at: new Date(deps.clock.now()).toISOString(),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: result.status,
      counted: false,
      login: null,
      surface: 'api',
    });
  };
}

async function answer(
  deps: ApplicationsApiDeps,
  req: IncomingMessage,
  method: string,
  url: URL,
): Promise<JsonResult> {
  const m = /^\/applications\/([^/]+)\/(token|grant)$/.exec(url.pathname);
  const clientId = m?.[1] ? decodeURIComponent(m[1]) : '';
  const kind = m?.[2];
  const allowed = kind === 'token' ? ['POST', 'DELETE'] : ['DELETE'];
  if (!m || !allowed.includes(method)) return githubError(404, 'Not Found', APPS_DOCS);
  if (!deps.oauth.authenticateApp(clientId, req.headers.authorization))
    return githubError(404, 'Not Found', APPS_DOCS);
  const fields = parseFields(
    await readBody(req),
    req.headers['content-type'] ?? 'application/json',
  );
  const token = fields.access_token;
  if (!token) return githubError(422, 'Validation Failed', APPS_DOCS);
  if (method === 'POST')
    return authorization(deps, clientId, token) ?? githubError(404, 'Not Found');
  const revoked =
    kind === 'grant'
      ? deps.oauth.revokeGrant(clientId, token)
      : deps.oauth.revokeToken(clientId, token);
  return revoked ? { status: 204 } : githubError(404, 'Not Found', APPS_DOCS);
}
