// A local GitHub that Octokit and a browser talk to unchanged: REST on one port (plays
// api.github.com, plus the /_control surface), OAuth and device pages on another (plays
// github.com). Both bind to 127.0.0.1 only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimOrg } from '../scenarios/org.js';
import { createApiHandler } from './api-server.js';
import { SimClock } from './clock.js';
import { createControl, handleControlHttp, type SimControl } from './control.js';
import { FaultQueue } from './faults.js';
import { OAuthProvider, type DeviceFlowOptions, type IssuedToken, type OAuthApp } from './oauth.js';
import { PrimaryRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { RequestHooks } from './request-hooks.js';
import { RequestLog } from './request-log.js';
import type { SimUrls } from './shapes/urls.js';
import { SimWorld } from './state.js';
import { createWebHandler } from './web-server.js';

export type { SimControl } from './control.js';
export type { SimFault } from './faults.js';
export type { LoggedRequest } from './request-log.js';
export type { BeforeRequestOptions, HookedRequest } from './request-hooks.js';
export type { IssuedToken, OAuthApp } from './oauth.js';

export interface GitHubSimOptions {
  org?: SimOrg;
  orgs?: SimOrg[];
  /** API port; 0 (default) picks a free one. */
  port?: number;
  /** Web (OAuth) port; 0 (default) picks a free one. */
  webPort?: number;
  /** The ready-made API token; it belongs to `tokenLogin`. */
  token?: string;
  /** Who the token (and the OAuth consent page) signs in as; defaults to the first maintainer. */
  tokenLogin?: string;
  rateLimit?: Partial<RateLimitOptions>;
  /** Epoch ms the simulator's clock starts at; defaults to the real time. */
  now?: number;
  oauthApps?: OAuthApp[];
  deviceFlow?: Partial<DeviceFlowOptions>;
}

export interface GitHubSim {
  /** Pass as Octokit's `baseUrl`. */
  apiUrl: string;
  /** Base for /login/oauth/* and /login/device (GitGuild's githubWebBaseUrl). */
  webUrl: string;
  token: string;
  tokenLogin: string;
  oauthApps: OAuthApp[];
  control: SimControl;
  controlUrl: string;
  /** OAuth tokens issued through the web or device flow and not revoked. */
  liveOAuthTokens(): IssuedToken[];
  /** Every OAuth token ever issued, revoked or not (leak tests search for them). */
  issuedOAuthTokens(): IssuedToken[];
  close(): Promise<void>;
}

export const DEFAULT_SIM_TOKEN = 'ghp_sim_0000000000000000000000000000000000';
export const DEFAULT_OAUTH_APP: OAuthApp = {
  clientId: 'Iv1.gitguildsim00001',
  clientSecret: 'sim_client_secret_not_a_real_secret_0001',
  callbackUrl: 'http://127.0.0.1/cb',
};

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startGitHubSim(options: GitHubSimOptions): Promise<GitHubSim> {
  const orgs = options.orgs ?? (options.org ? [options.org] : []);
  if (orgs.length === 0)
    throw new Error('startGitHubSim needs `org` or `orgs` (see sim/scenarios/org.ts generateOrg)');
  const clock = new SimClock(options.now);
  const world = new SimWorld(orgs, clock);
  const first = orgs[0] as SimOrg;
  const tokenLogin =
    options.tokenLogin ?? first.teams[0]?.members[0] ?? first.members[0] ?? 'octocat';
  world.ensureUser(tokenLogin);
  const token = options.token ?? DEFAULT_SIM_TOKEN;
  world.issueToken(token, tokenLogin);

  const limiter = new PrimaryRateLimiter(clock, {
    limit: options.rateLimit?.limit ?? 5000,
    windowSeconds: options.rateLimit?.windowSeconds ?? 3600,
    anonymousLimit: options.rateLimit?.anonymousLimit ?? 60,
    exhaustedStatus: options.rateLimit?.exhaustedStatus ?? 403,
  });
  const faults = new FaultQueue();
  const log = new RequestLog();
  const oauthApps = options.oauthApps ?? [DEFAULT_OAUTH_APP];
  const oauth = new OAuthProvider(
    world,
    clock,
    oauthApps,
    {
      interval: options.deviceFlow?.interval ?? 5,
      expiresIn: options.deviceFlow?.expiresIn ?? 900,
    },
    tokenLogin,
  );
  const hooks = new RequestHooks();
  // GitHub's GraphQL budget is separate from REST's, in points, as large as the REST limit here.
  const graphqlLimiter = new PrimaryRateLimiter(clock, {
    limit: limiter.options.limit,
    windowSeconds: limiter.options.windowSeconds,
  });
  const control = createControl({
    world,
    clock,
    limiter,
    graphqlLimiter,
    faults,
    log,
    oauth,
    hooks,
  });

  let urls: SimUrls = { api: '', web: '' };
  const api = createApiHandler({
    world,
    clock,
    limiter,
    graphqlLimiter,
    faults,
    log,
    hooks,
    oauth,
    urls: () => urls,
  });
  const web = createWebHandler({ oauth, clock, log, urls: () => urls });
  const onError = (res: ServerResponse) => (err: unknown) => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        message: `Simulator error: ${err instanceof Error ? err.message : String(err)}`,
      }),
    );
  };
  // GitHub's clients read the time from the Date header; ours is the simulator's clock, which
  // tests move, so Node's own (wall-clock) Date header would contradict every timestamp we serve.
  const stampDate = (res: ServerResponse): void => {
    res.setHeader('date', new Date(clock.now()).toUTCString());
  };
  const apiServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    stampDate(res);
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const work = url.pathname.startsWith('/_control/')
      ? handleControlHttp(control, req, res, url)
      : api(req, res);
    work.catch(onError(res));
  });
  const webServer = createServer((req, res) => {
    stampDate(res);
    web(req, res).catch(onError(res));
  });
  const apiPort = await listen(apiServer, options.port ?? 0);
  const webPort = await listen(webServer, options.webPort ?? 0);
  urls = { api: `http://127.0.0.1:${apiPort}`, web: `http://127.0.0.1:${webPort}` };

  return {
    apiUrl: urls.api,
    webUrl: urls.web,
    token,
    tokenLogin,
    oauthApps,
    control,
    controlUrl: `${urls.api}/_control`,
    liveOAuthTokens: () => oauth.liveTokens(),
    issuedOAuthTokens: () => oauth.issuedTokens(),
    close: async () => {
      await Promise.all([closeServer(apiServer), closeServer(webServer)]);
    },
  };
}
