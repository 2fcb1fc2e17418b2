// POST /graphql on the simulator's API port (plays api.github.com/graphql): bearer auth like REST,
// injected faults, GitHub's separate GraphQL budget in points (x-ratelimit-resource: graphql),
// resource limits, execution over the world, and the request log.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  buildSchema,
  execute,
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLFormattedError,
} from 'graphql';
import type { SimUser } from '../../scenarios/org.js';
import type { ApiServerDeps } from '../api-server.js';
import { githubError, HttpError, readBody, sendJson, type JsonResult } from '../http.js';
import { PrimaryRateLimiter, type RateWindow } from '../rate-limit.js';
import { MAX_NODE_COUNT, operationOf, queryCost } from './cost.js';
import { toGitHubError, type GitHubGraphQLErrorJson } from './errors.js';
import { queryRoot, type GraphqlContext } from './resolvers.js';
import { SIM_GRAPHQL_SDL } from './schema.js';

const GRAPHQL_DOCS = 'https://docs.github.com/graphql';
export const simGraphqlSchema = buildSchema(SIM_GRAPHQL_SDL);

interface Outcome {
  result: JsonResult;
  /** Points charged to the GraphQL budget. */
  cost: number;
  /** The operation's name, for the request log. */
  operation?: string;
}

const errorsOnly = (errors: readonly GitHubGraphQLErrorJson[]): JsonResult => ({
  status: 200,
  body: { errors },
});
const formatted = (errors: readonly GraphQLError[]): GitHubGraphQLErrorJson[] =>
  errors.map((e) => toGitHubError(e.toJSON() as GraphQLFormattedError));

function viewerOf(deps: ApiServerDeps, header: string | undefined): SimUser {
  // Unlike REST, GitHub's GraphQL API has no anonymous access.
  if (!header)
    throw new HttpError(
      githubError(
        401,
        'This endpoint requires you to be authenticated.',
        `${GRAPHQL_DOCS}/guides/forming-calls-with-graphql#authenticating-with-graphql`,
      ),
    );
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  const login = m?.[1] ? deps.world.tokenLogin(m[1]) : undefined;
  const user = login ? deps.world.user(login) : undefined;
  if (!user)
    throw new HttpError(githubError(401, 'Bad credentials', 'https://docs.github.com/rest'));
  return user;
}

interface GraphqlBody {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
}

function parseBody(raw: string): GraphqlBody | JsonResult {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return githubError(400, 'Problems parsing JSON', GRAPHQL_DOCS);
  }
  if (typeof body !== 'object' || body === null)
    return githubError(400, 'Problems parsing JSON', GRAPHQL_DOCS);
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '')
    return errorsOnly([{ message: 'A query attribute must be specified and must be a string.' }]);
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  )
    return errorsOnly([{ message: 'Variables must be a JSON object.' }]);
  return {
    query,
    variables: (variables ?? {}) as Record<string, unknown>,
    operationName: typeof operationName === 'string' ? operationName : null,
  };
}

/**
 * The GraphQL endpoint. Its budget is separate from REST's, as on GitHub, and as large as the
 * simulator's configured REST limit (GitHub gives 5,000 of each per hour).
 */
export function createGraphqlHandler(
  deps: ApiServerDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const limiter = deps.graphqlLimiter;

  const answer = async (
    req: IncomingMessage,
    viewer: SimUser,
    window: RateWindow,
    requestId: string,
  ): Promise<Outcome> => {
    const fault = deps.faults.take();
    if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'secondary') {
      const message = `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
      return {
        cost: 0,
        result: {
          ...githubError(
            403,
            message,
            'https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#secondary-rate-limits',
          ),
          headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
        },
      };
    }
    if (fault?.kind === 'server-error') {
      const status = fault.status ?? 502;
      return {
        cost: 0,
        result: {
          status,
          body: { message: status === 502 ? 'Server Error' : 'Service Unavailable' },
        },
      };
    }

    const body = parseBody(await readBody(req));
    if ('status' in body) return { cost: 0, result: body };
    await deps.hooks.before({
      method: 'POST',
      path: '/graphql',
      query: {},
      graphql: { query: body.query, operationName: body.operationName, variables: body.variables },
    });
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      return { cost: 0, result: errorsOnly(formatted([error as GraphQLError])) };
    }
    const invalid = validate(simGraphqlSchema, document);
    if (invalid.length > 0) return { cost: 0, result: errorsOnly(formatted(invalid)) };
    const operation = operationOf(document, body.operationName);
    if (!operation)
      return {
        cost: 0,
        result: errorsOnly([
          {
            message: body.operationName
              ? `No operation named "${body.operationName}"`
              : 'An operation name is required',
          },
        ]),
      };
    if (operation.operation !== 'query')
      return {
        cost: 0,
        result: errorsOnly([
          { message: `The simulator serves queries only, not ${operation.operation}s.` },
        ]),
      };

    const name = operation.name?.value;
    const named = (outcome: Outcome): Outcome => (name ? { ...outcome, operation: name } : outcome);
    const { cost, nodeCount } = queryCost(simGraphqlSchema, document, operation, body.variables);
    if (nodeCount > MAX_NODE_COUNT) {
      return named({
        cost: 0,
        result: errorsOnly([
          {
            type: 'MAX_NODE_LIMIT_EXCEEDED',
            message: `By the time this query traverses to the nodes connection, it is requesting up to ${nodeCount.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODE_COUNT.toLocaleString('en-US')}.`,
          },
        ]),
      });
    }
    if (window.limit - window.used < cost) {
      return named({
        cost: 0,
        result: errorsOnly([
          {
            type: 'RATE_LIMITED',
            message: `API rate limit already exceeded for user ID ${viewer.id}.`,
          },
        ]),
      });
    }
    window.used += cost;
    const context: GraphqlContext = {
      world: deps.world,
      urls: deps.urls(),
      reviewIndex: new Map(),
      rateLimit: {
        cost,
        limit: window.limit,
        nodeCount,
        remaining: Math.max(0, window.limit - window.used),
        used: Math.min(window.used, window.limit),
        resetAt: new Date(window.resetAt).toISOString().replace('.000Z', 'Z'),
      },
    };
    const executed = await execute({
      schema: simGraphqlSchema,
      document,
      rootValue: queryRoot,
      contextValue: context,
      variableValues: body.variables,
      operationName: body.operationName,
    });
    const errors = executed.errors ? formatted(executed.errors) : undefined;
    return named({
      cost,
      result: { status: 200, body: { data: executed.data ?? null, ...(errors ? { errors } : {}) } },
    });
  };

  return async (req, res) => {
    const requestId = randomUUID().slice(0, 18).toUpperCase();
    let viewer: SimUser | null = null;
    let outcome: Outcome;
    let window: RateWindow | null = null;
    try {
      viewer = viewerOf(deps, req.headers.authorization);
      window = limiter.window(`user:${viewer.id}`, false);
      outcome = await answer(req, viewer, window, requestId);
    } catch (err) {
      outcome = {
        cost: 0,
        result:
          err instanceof HttpError
            ? err.result
            : githubError(
                500,
                `Simulator error: ${err instanceof Error ? err.message : String(err)}`,
              ),
      };
    }
    const headers: Record<string, string> = {
      ...(window ? PrimaryRateLimiter.headers(window, 'graphql') : {}),
      'x-github-request-id': requestId,
      'x-github-media-type': 'github.v4; format=json',
      ...(viewer
        ? {
            'x-oauth-scopes': 'read:org, read:user',
            vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
          }
        : { vary: 'Accept' }),
      ...outcome.result.headers,
    };
    sendJson(res, { ...outcome.result, headers });
    const url = new URL(req.url ?? '/graphql', 'http://sim.invalid');
    deps.log.add({
      at: new Date(deps.clock.now()).toISOString(),
      method: req.method ?? 'POST',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: outcome.result.status,
      counted: outcome.cost > 0,
      login: viewer?.login ?? null,
      surface: 'api',
      ...(outcome.operation ? { operation: outcome.operation } : {}),
    });
  };
}
