// The simulator's control surface for tests and demos, separate from the fake API: add activity,
// read the request log, exhaust or reset rate limits, queue faults, move the clock, and act as
// the user in OAuth flows. Available in process (`SimControl`) and over HTTP under /_control.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { TruthDailyCount as DailyCount } from '../scenarios/truth-types.js';
import {
  orgTruth,
  type OrgTruthOptions,
  type SimCommit,
  type SimIssue,
  type SimOrg,
  type SimPull,
  type SimReview,
} from '../scenarios/org.js';
import type { SimClock } from './clock.js';
import type { FaultQueue, SimFault } from './faults.js';
import { githubError, HttpError, readBody, sendJson, type JsonResult } from './http.js';
import type { OAuthProvider } from './oauth.js';
import type { PrimaryRateLimiter } from './rate-limit.js';
import type { BeforeRequestOptions, HookedRequest, RequestHooks } from './request-hooks.js';
import type { LoggedRequest, RequestLog } from './request-log.js';
import type { RepoRef, SimWorld } from './state.js';

export interface SimControl {
  readonly orgs: SimOrg[];
  /** Epoch ms on the simulator's clock. */
  now(): number;
  advanceClock(seconds: number): void;
  requests(): LoggedRequest[];
  resetRequests(): void;
  /** No requests left for anyone until `resetInSeconds` from now (sim clock). */
  exhaustRateLimit(resetInSeconds: number): void;
  resetRateLimits(): void;
  /** The next `count` API requests suffer this fault. */
  injectFault(fault: SimFault): void;
  clearFaults(): void;
  approveDevice(userCode: string, login: string): void;
  denyDevice(userCode: string): void;
  /** Who the OAuth consent page signs in as; null makes it deny. */
  setAuthorizeUser(login: string | null): void;
  /** A valid API token for `login` (creating the user if needed). */
  tokenFor(login: string): string;
  addPull(
    repo: string,
    input: {
      author: string;
      title?: string;
      createdAt?: string;
      state?: 'open' | 'closed' | 'merged';
      closedAt?: string;
    },
  ): SimPull;
  mergePull(repo: string, number: number, at?: string): SimPull;
  closePull(repo: string, number: number, at?: string): SimPull;
  addIssue(repo: string, input: { author: string; title?: string; createdAt?: string }): SimIssue;
  /** `author: null` is a commit whose email links to no account. */
  addCommit(
    repo: string,
    input: { author: string | null; authorDate?: string; committerDate?: string; message?: string },
  ): SimCommit;
  addReview(
    repo: string,
    input: {
      pullNumber: number;
      reviewer: string;
      state?: SimReview['state'];
      submittedAt?: string;
    },
  ): SimReview;
  /**
   * Something updates an issue (a comment, a label): its `updated_at` moves to `at` (default now),
   * so it jumps to the head of lists sorted by update. No contribution event is added.
   */
  touchIssue(repo: string, number: number, at?: string): SimIssue;
  /** The same for a pull request (a comment, a push to its branch). */
  touchPull(repo: string, number: number, at?: string): SimPull;
  /**
   * In process only: runs `run` once, just before the simulator serves the Nth request (default
   * the first) that `match` accepts, REST or POST /graphql (which carries its operation and
   * variables), so a test can change the world between two pages of a client's read.
   */
  beforeRequest(
    options: BeforeRequestOptions,
    run: (request: HookedRequest) => void | Promise<void>,
  ): void;
  /** The daily counts a correct crawl of the org must produce now. */
  truth(options?: OrgTruthOptions & { org?: string }): DailyCount[];
}

export function createControl(deps: {
  world: SimWorld;
  clock: SimClock;
  limiter: PrimaryRateLimiter;
  faults: FaultQueue;
  log: RequestLog;
  oauth: OAuthProvider;
  hooks: RequestHooks;
}): SimControl {
  const { world, clock, limiter, faults, log, oauth, hooks } = deps;
  const ref = (full: string): RepoRef => {
    const [owner, name, ...rest] = full.split('/');
    const found = owner && name && rest.length === 0 ? world.repo(owner, name) : undefined;
    if (!found)
      throw new Error(`unknown repository "${full}": use "owner/name" of a simulated repo`);
    return found;
  };
  return {
    orgs: world.orgs,
    now: () => clock.now(),
    advanceClock: (s) => clock.advance(s),
    requests: () => log.list(),
    resetRequests: () => log.reset(),
    exhaustRateLimit: (s) => limiter.exhaust(s),
    resetRateLimits: () => limiter.reset(),
    injectFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    approveDevice: (code, login) => oauth.decideDevice(code, { approveAs: login }),
    denyDevice: (code) => oauth.decideDevice(code, 'deny'),
    setAuthorizeUser: (login) => {
      if (login !== null) world.ensureUser(login);
      oauth.authorizeAs = login;
    },
    tokenFor: (login) => {
      world.ensureUser(login);
      const token = `ghp_sim${randomBytes(16).toString('hex')}`;
      world.issueToken(token, login);
      return token;
    },
    addPull: (repo, input) => world.addPull(ref(repo), input),
    mergePull: (repo, n, at) => world.closePull(ref(repo), n, { merged: true, at }),
    closePull: (repo, n, at) => world.closePull(ref(repo), n, { merged: false, at }),
    addIssue: (repo, input) => world.addIssue(ref(repo), input),
    addCommit: (repo, input) => world.addCommit(ref(repo), input),
    addReview: (repo, input) => world.addReview(ref(repo), input),
    touchIssue: (repo, number, at) => world.touchIssue(ref(repo), number, at),
    touchPull: (repo, number, at) => world.touchPull(ref(repo), number, at),
    beforeRequest: (options, run) => hooks.add(options, run),
    truth: (options = {}) => {
      const org = options.org ? world.org(options.org) : world.orgs[0];
      if (!org) throw new Error(`unknown org "${options.org}"`);
      return orgTruth(org, options);
    },
  };
}

const iso = z.string().datetime({ offset: true });
const login = z.string().min(1).max(60);
const schemas = {
  exhaust: z.strictObject({ resetInSeconds: z.number().min(0) }),
  fault: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('secondary'),
      count: z.number().int().min(1),
      retryAfterSeconds: z.number().int().min(0).optional(),
    }),
    z.strictObject({
      kind: z.literal('server-error'),
      count: z.number().int().min(1),
      status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    }),
    z.strictObject({
      kind: z.literal('latency'),
      count: z.number().int().min(1),
      ms: z.number().min(0).max(120_000),
    }),
  ]),
  advance: z.strictObject({ seconds: z.number().min(0) }),
  device: z.strictObject({ userCode: z.string().min(1), login: login.optional() }),
  oauthUser: z.strictObject({ login: login.nullable() }),
  token: z.strictObject({ login }),
  pull: z.strictObject({
    author: login,
    title: z.string().optional(),
    createdAt: iso.optional(),
    state: z.enum(['open', 'closed', 'merged']).optional(),
    closedAt: iso.optional(),
  }),
  close: z.strictObject({ at: iso.optional() }),
  issue: z.strictObject({ author: login, title: z.string().optional(), createdAt: iso.optional() }),
  commit: z.strictObject({
    author: login.nullable(),
    authorDate: iso.optional(),
    committerDate: iso.optional(),
    message: z.string().optional(),
  }),
  review: z.strictObject({
    pullNumber: z.number().int().min(1),
    reviewer: login,
    state: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED']).optional(),
    submittedAt: iso.optional(),
  }),
};

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success)
    throw new HttpError(
      githubError(
        422,
        `Invalid control request: ${r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
      ),
    );
  return r.data;
}

const ok = (body: unknown = { ok: true }): JsonResult => ({ status: 200, body });

/** HTTP binding of the control surface under /_control. */
export async function handleControlHttp(
  control: SimControl,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  let result: JsonResult;
  try {
    const raw = req.method === 'POST' ? await readBody(req) : '';
    // Control bodies are always JSON.
    const body: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
    result = dispatch(
      control,
      req.method ?? 'GET',
      url.pathname.slice('/_control'.length),
      url.searchParams,
      body,
    );
  } catch (err) {
    result =
      err instanceof HttpError
        ? err.result
        : githubError(
            err instanceof SyntaxError ? 400 : 422,
            err instanceof Error ? err.message : String(err),
          );
  }
  sendJson(res, result);
}

function dispatch(
  control: SimControl,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): JsonResult {
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /requests':
      return ok(control.requests());
    case 'DELETE /requests':
      control.resetRequests();
      return ok();
    case 'POST /rate-limit/exhaust':
      control.exhaustRateLimit(parse(schemas.exhaust, body).resetInSeconds);
      return ok();
    case 'POST /rate-limit/reset':
      control.resetRateLimits();
      return ok();
    case 'POST /faults':
      control.injectFault(parse(schemas.fault, body));
      return ok();
    case 'DELETE /faults':
      control.clearFaults();
      return ok();
    case 'GET /clock':
      return ok({ now: new Date(control.now()).toISOString() });
    case 'POST /clock/advance':
      control.advanceClock(parse(schemas.advance, body).seconds);
      return ok({ now: new Date(control.now()).toISOString() });
    case 'POST /device/approve': {
      const b = parse(schemas.device, body);
      if (!b.login)
        throw new HttpError(
          githubError(422, 'Invalid control request: login is required to approve'),
        );
      control.approveDevice(b.userCode, b.login);
      return ok();
    }
    case 'POST /device/deny':
      control.denyDevice(parse(schemas.device, body).userCode);
      return ok();
    case 'POST /oauth/user':
      control.setAuthorizeUser(parse(schemas.oauthUser, body).login);
      return ok();
    case 'POST /tokens':
      return ok({ token: control.tokenFor(parse(schemas.token, body).login) });
    case 'GET /truth':
      return ok(
        control.truth({
          org: query.get('org') ?? undefined,
          includeArchived: query.get('includeArchived') === 'true',
          includeForks: query.get('includeForks') === 'true',
          includeBots: query.get('includeBots') === 'true',
        }),
      );
  }
  const repoMatch =
    /^\/repos\/([^/]+)\/([^/]+)\/(pulls|issues|commits|reviews)(?:\/(\d+)\/(merge|close))?$/.exec(
      path,
    );
  if (method === 'POST' && repoMatch) {
    const [, owner, name, kind, number, action] = repoMatch;
    const repo = `${owner}/${name}`;
    if (kind === 'pulls' && number && action) {
      const at = parse(schemas.close, body).at;
      return ok(
        action === 'merge'
          ? control.mergePull(repo, Number(number), at)
          : control.closePull(repo, Number(number), at),
      );
    }
    if (kind === 'pulls') return ok(control.addPull(repo, parse(schemas.pull, body)));
    if (kind === 'issues') return ok(control.addIssue(repo, parse(schemas.issue, body)));
    if (kind === 'commits') return ok(control.addCommit(repo, parse(schemas.commit, body)));
    if (kind === 'reviews') return ok(control.addReview(repo, parse(schemas.review, body)));
  }
  return githubError(404, `No control endpoint ${key}`);
}
