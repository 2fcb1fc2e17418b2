// The simulator's one HTTP server: fake REST under /api[/v10], OAuth2 pages, the control API
// under /_control, and WebSocket upgrades for the gateway. Applies auth, rate limits and faults.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SimContext } from '../context.js';
import type { CallRecord, Faults } from '../control.js';
import type { ControlAnswer } from '../control-http.js';
import { DiscordApiError, methodNotAllowed, notFound, unauthorized } from '../errors.js';
import type { DiscordGateway } from '../gateway.js';
import { OAuthError } from '../oauth.js';
import type { RateLimiter, RateLimitVerdict } from '../rate-limits.js';
import { isGuildViewPath, serveGuildView } from '../web/serve.js';
import { decodeBody, readRaw } from './body.js';
import type { Caller, MatchedRoute, Router } from './router.js';

export interface ServerParts {
  ctx: SimContext;
  router: Router;
  limiter: RateLimiter;
  gateway: DiscordGateway;
  calls: CallRecord[];
  faults: Faults;
  control: (req: IncomingMessage, path: string, body: unknown) => Promise<ControlAnswer>;
}

const API_PREFIX = /^\/api(?:\/v(\d+))?(\/.*)$/;
const CALL_LOG_LIMIT = 20_000;

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    'Content-Length': Buffer.byteLength(text).toString(),
  });
  res.end(text);
}

function rateLimited(res: ServerResponse, verdict: RateLimitVerdict): void {
  const body = {
    message: 'You are being rate limited.',
    retry_after: Number((verdict.retryAfterMs / 1000).toFixed(3)),
    global: verdict.scope === 'global',
    ...(verdict.scope === 'global' ? {} : { code: 0 }),
  };
  sendJson(res, 429, body, verdict.headers);
}

const matches = (pattern: string, path: string, template: string | null): boolean =>
  pattern === template || path.startsWith(pattern);

export function createSimServer(parts: ServerParts): Server {
  const { ctx, router, limiter, gateway, calls, faults } = parts;

  const authenticate = (req: IncomingMessage): Caller => {
    const header = req.headers.authorization ?? '';
    if (header === `Bot ${ctx.options.botToken}`)
      return { kind: 'bot', userId: ctx.state.botUser.id, scopes: [] };
    if (header.startsWith('Bearer ')) {
      const grant = ctx.oauth.lookup(header.slice(7));
      if (grant) return { kind: 'bearer', userId: grant.userId, scopes: grant.scopes };
    }
    return { kind: 'anonymous', userId: null, scopes: [] };
  };

  const handleApi = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    apiPath: string,
    record: CallRecord,
  ): Promise<void> => {
    const method = req.method ?? 'GET';
    // Always drain the request first: answering before the upload ends upsets HTTP clients.
    const raw = await readRaw(req);
    if (method === 'POST' && apiPath === '/oauth2/token/revoke') {
      const body = await decodeBody(req.headers['content-type'], raw);
      try {
        ctx.oauth.revoke(body.form ?? new URLSearchParams(), req.headers.authorization);
        sendJson(res, 200, {});
        record.status = 200;
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        sendJson(res, error.status, { error: error.error, error_description: error.description });
        record.status = error.status;
      }
      return;
    }
    if (method === 'POST' && apiPath === '/oauth2/token') {
      const body = await decodeBody(req.headers['content-type'], raw);
      try {
        sendJson(
          res,
          200,
          ctx.oauth.exchange(body.form ?? new URLSearchParams(), req.headers.authorization),
        );
        record.status = 200;
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        sendJson(res, error.status, { error: error.error, error_description: error.description });
        record.status = error.status;
      }
      return;
    }
    const matched = router.match(method, apiPath);
    if (matched === null) throw notFound();
    if (matched === 'method') throw methodNotAllowed();
    record.route = matched.routeKey;
    await applyLatency(matched, apiPath);
    const caller = authenticate(req);
    const { auth } = matched.spec;
    if (
      (auth === 'bot' && caller.kind !== 'bot') ||
      (auth === 'bearer' && caller.kind !== 'bearer') ||
      (auth === 'either' && caller.kind === 'anonymous')
    )
      throw unauthorized();
    const now = Date.now();
    if (!matched.spec.skipGlobalLimit) {
      const globalVerdict = limiter.takeGlobal(now);
      if (globalVerdict) return limit(res, record, globalVerdict);
    }
    const verdict = limiter.takeRoute(matched.routeKey, matched.major, now);
    if (verdict.limited) return limit(res, record, verdict);
    const failure = takeFailure(method, apiPath, matched);
    if (failure !== null) {
      record.status = failure;
      return sendJson(
        res,
        failure,
        {
          message: `${failure}: ${failure === 502 ? 'Bad Gateway' : failure === 503 ? 'Service Unavailable' : 'Internal Server Error'}`,
          code: 0,
        },
        verdict.headers,
      );
    }
    const body = await decodeBody(req.headers['content-type'], raw);
    if (
      matched.routeKey === 'PATCH /channels/:channel_id' &&
      body.json &&
      typeof body.json === 'object' &&
      ('name' in body.json || 'topic' in body.json)
    ) {
      const rename = limiter.takeRename(matched.params.channel_id ?? '', now);
      if (rename) return limit(res, record, rename);
    }
    let result;
    try {
      result = await matched.spec.handler({
        params: matched.params,
        query: url.searchParams,
        json: body.json,
        form: body.form,
        files: body.files,
        headers: req.headers,
        caller,
      });
    } catch (error) {
      // Discord sends bucket headers on error responses too; clients keep tracking the bucket.
      if (!(error instanceof DiscordApiError)) throw error;
      record.status = error.status;
      return sendJson(res, error.status, error.toBody(), verdict.headers);
    }
    record.status = result.status;
    sendJson(res, result.status, result.status === 204 ? undefined : result.body, {
      ...verdict.headers,
      ...(result.headers ?? {}),
    });
  };

  const limit = (res: ServerResponse, record: CallRecord, verdict: RateLimitVerdict): void => {
    record.status = 429;
    record.rateLimitScope = verdict.scope;
    record.retryAfterMs = verdict.retryAfterMs;
    rateLimited(res, verdict);
  };

  const takeFailure = (method: string, path: string, matched: MatchedRoute): number | null => {
    const fault = faults.failures.find(
      (f) =>
        (!f.method || f.method.toUpperCase() === method) &&
        matches(f.route, path, matched.spec.template),
    );
    if (!fault) return null;
    fault.count -= 1;
    if (fault.count <= 0) faults.failures.splice(faults.failures.indexOf(fault), 1);
    return fault.status ?? 500;
  };

  const applyLatency = async (matched: MatchedRoute, path: string): Promise<void> => {
    const ms = faults.latency
      .filter((l) => !l.route || matches(l.route, path, matched.spec.template))
      .reduce((sum, l) => sum + l.ms, 0);
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  };

  const handleAuthorize = (res: ServerResponse, url: URL): void => {
    const userId = ctx.options.oauth.userId ?? ctx.state.scenario.guild.ownerId;
    try {
      res.writeHead(302, { Location: ctx.oauth.authorize(url.searchParams, userId) });
      res.end();
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      res.writeHead(error.status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(error.description);
    }
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: CallRecord = {
      at: started,
      method: req.method ?? 'GET',
      path: url.pathname,
      route: null,
      status: 0,
      durationMs: 0,
    };
    const reason = req.headers['x-audit-log-reason'];
    if (typeof reason === 'string') record.auditLogReason = decodeURIComponent(reason);
    const finish = () => {
      record.durationMs = Date.now() - started;
      if (!url.pathname.startsWith('/_control') && !isGuildViewPath(url.pathname)) {
        calls.push(record);
        if (calls.length > CALL_LOG_LIMIT) calls.shift();
      }
    };
    const run = async (): Promise<void> => {
      if (isGuildViewPath(url.pathname) && req.method === 'GET') {
        record.status = serveGuildView(res, url.pathname);
        return;
      }
      if (url.pathname.startsWith('/_control/')) {
        const body = await decodeBody(req.headers['content-type'], await readRaw(req));
        const answer = await parts.control(req, url.pathname.slice('/_control'.length), body.json);
        record.status = answer.status;
        if (answer.raw) {
          res.writeHead(answer.status, {
            'Content-Type': answer.raw.contentType,
            'Content-Length': answer.raw.data.length.toString(),
          });
          return void res.end(answer.raw.data);
        }
        return sendJson(res, answer.status, answer.body);
      }
      if (/^\/(api\/(v\d+\/)?)?oauth2\/authorize$/.test(url.pathname) && req.method === 'GET') {
        record.status = 302;
        return handleAuthorize(res, url);
      }
      const api = API_PREFIX.exec(url.pathname);
      if (!api || (api[1] !== undefined && api[1] !== '10')) throw notFound();
      await handleApi(req, res, url, api[2] ?? '/', record);
    };
    run()
      .catch((error: unknown) => {
        if (error instanceof DiscordApiError) {
          record.status = error.status;
          sendJson(res, error.status, error.toBody());
        } else {
          record.status = 500;
          const message = error instanceof Error ? error.message : String(error);
          if (!res.headersSent)
            sendJson(res, 500, {
              message: `500: Internal Server Error (simulator: ${message})`,
              code: 0,
            });
        }
      })
      .finally(finish);
  });

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/gateway' || path === '/gateway/resume') gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  return server;
}
