// The github.com face of the simulator: OAuth authorize/token, the device flow's endpoints and
// its code-entry page, and avatars, so a browser-driven demo has images.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimClock } from './clock.js';
import { HttpError, parseFields, readBody } from './http.js';
import type { OAuthProvider, TokenResponse } from './oauth.js';
import type { RequestLog } from './request-log.js';
import type { SimUrls } from './shapes/urls.js';

export interface WebServerDeps {
  oauth: OAuthProvider;
  clock: SimClock;
  log: RequestLog;
  urls: () => SimUrls;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function html(res: ServerResponse, status: number, body: string): number {
  res
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    .end(
      `<!doctype html><meta charset="utf-8"><title>GitHub simulator</title><body style="font-family:sans-serif;max-width:36em;margin:3em auto">${body}</body>`,
    );
  return status;
}

/** GitHub answers form-encoded unless the client asks for JSON. */
function sendToken(req: IncomingMessage, res: ServerResponse, body: TokenResponse): number {
  const wantsJson = (req.headers.accept ?? '').includes('application/json');
  const text = wantsJson
    ? JSON.stringify(body)
    : new URLSearchParams(
        Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
  res
    .writeHead(200, {
      'content-type': wantsJson
        ? 'application/json; charset=utf-8'
        : 'application/x-www-form-urlencoded; charset=utf-8',
    })
    .end(text);
  return 200;
}

function avatar(res: ServerResponse, id: string): number {
  const hue = (Number(id) * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="hsl(${hue},55%,55%)"/><circle cx="32" cy="26" r="12" fill="#fff" opacity=".85"/><rect x="14" y="42" width="36" height="16" rx="8" fill="#fff" opacity=".85"/></svg>`;
  res
    .writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' })
    .end(svg);
  return 200;
}

export function createWebHandler(
  deps: WebServerDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const method = req.method ?? 'GET';
    let status: number;
    try {
      status = await route(deps, req, res, method, url);
    } catch (err) {
      const message = err instanceof HttpError || err instanceof Error ? err.message : String(err);
      status = html(
        res,
        err instanceof HttpError ? err.result.status : 500,
        `<p>${escapeHtml(message)}</p>`,
      );
    }
    deps.log.add({
      at: new Date(deps.clock.now()).toISOString(),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status,
      counted: false,
      login: null,
      surface: url.pathname.startsWith('/login/') ? 'oauth' : 'web',
    });
  };
}

async function route(
  deps: WebServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  url: URL,
): Promise<number> {
  const path = url.pathname;
  if (method === 'GET' && path === '/login/oauth/authorize') {
    const out = deps.oauth.authorize(url.searchParams);
    if (out.status === 302) {
      res.writeHead(302, { location: out.location }).end();
      return 302;
    }
    return html(res, out.status, `<p>${escapeHtml(out.message)}</p>`);
  }
  if (method === 'POST' && path === '/login/oauth/access_token') {
    return sendToken(
      req,
      res,
      deps.oauth.token(parseFields(await readBody(req), req.headers['content-type'])),
    );
  }
  if (method === 'POST' && path === '/login/device/code') {
    return sendToken(
      req,
      res,
      deps.oauth.startDevice(
        parseFields(await readBody(req), req.headers['content-type']),
        `${deps.urls().web}/login/device`,
      ),
    );
  }
  if (path === '/login/device') {
    if (method === 'POST') {
      const fields = parseFields(await readBody(req), req.headers['content-type']);
      const as = deps.oauth.authorizeAs;
      try {
        deps.oauth.decideDevice(fields.user_code ?? '', as === null ? 'deny' : { approveAs: as });
      } catch (err) {
        return html(
          res,
          422,
          `<p>${escapeHtml(err instanceof Error ? err.message : String(err))}</p><p><a href="/login/device">Try again</a></p>`,
        );
      }
      return html(
        res,
        200,
        `<h1>${as === null ? 'Denied' : 'Device connected'}</h1><p>${as === null ? 'The device was not authorized.' : `Signed in as <b>${escapeHtml(as)}</b>. You can return to your device.`}</p>`,
      );
    }
    return html(
      res,
      200,
      `<h1>Device activation</h1><form method="post"><label>Enter the code displayed on your device <input name="user_code" autofocus placeholder="XXXX-XXXX"></label> <button>Continue</button></form>`,
    );
  }
  const avatarMatch = /^\/avatars\/u\/(\d+)$/.exec(path);
  if (method === 'GET' && avatarMatch?.[1]) return avatar(res, avatarMatch[1]);
  if (method === 'GET' && path === '/')
    return html(
      res,
      200,
      `<h1>GitHub simulator</h1><p>API: <code>${escapeHtml(deps.urls().api)}</code></p>`,
    );
  return html(res, 404, '<h1>404</h1><p>This is not the web page you are looking for.</p>');
}
