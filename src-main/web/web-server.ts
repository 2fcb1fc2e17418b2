// The headless transport: the same AdminApi handlers as Electron's IPC, over HTTP on a loopback
// address. Every refusal (foreign Host/Origin, missing token, bad JSON, unknown method, schema
// failure, oversized body) happens here or in invokeMethod, before any handler runs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toRpcErrorPayload } from '../api/error-payload.js';
import { invokeMethod, isMethodName } from '../api/invoke.js';
import { GitGuildError } from '../errors.js';
import type { Host } from '../host/host.js';
import type { Logger } from '../log/logger.js';
import { openEventStream } from './event-stream.js';
import { httpStatusFor, sendError, sendJson } from './http-responses.js';
import { createOriginGuard } from './origin-guard.js';
import { publicHealth } from './public-health.js';
import { BodyTooLargeError, parseJsonBody, readBody } from './request-body.js';
import { createStaticHandler } from './static-files.js';
import {
  anyAuthenticator,
  apiTokenAuthenticator,
  type RequestAuthenticator,
} from './request-auth.js';

/** How long in-flight requests may finish when the server stops. */
const SHUTDOWN_GRACE_MS = 1_000;

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;
const RPC_PREFIX = '/api/rpc/';

export interface WebServerOptions {
  host: Host;
  /** The API token: every RPC and event stream must present it as `Authorization: Bearer`. */
  token: string;
  /**
   * Further ways to authenticate a request (e.g. a dashboard session cookie), tried after the
   * API token. Each route asks the combined authenticator and never looks at credentials itself.
   */
  authenticators?: readonly RequestAuthenticator[];
  logger: Logger;
  /** 0 picks a free port. */
  port: number;
  /** Address to bind; 127.0.0.1 unless the admin deliberately exposes the host. */
  bindAddress?: string;
  /** Extra Host header values to accept, for a reverse proxy in front of the host. */
  publicHosts?: readonly string[];
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  bodyLimitBytes?: number;
}

export interface RunningWebServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` (or the bind address). */
  readonly origin: string;
  /** The URL to open, with the token in the fragment: browsers never send fragments to servers. */
  readonly adminUrl: string;
  close(): Promise<void>;
}

const UNAUTHORIZED = {
  identifier: 'unauthorized',
  message: 'A valid API token is required.',
  hint: 'Open the URL the host printed at start (it carries the token), or send "Authorization: Bearer <token>".',
};

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const { host, token, logger } = options;
  logger.addSecret(token);
  const auth = anyAuthenticator([apiTokenAuthenticator(token), ...(options.authenticators ?? [])]);
  const bindAddress = options.bindAddress ?? '127.0.0.1';
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const serveStatic = createStaticHandler(options.rendererDir);
  const streams = new Set<() => void>();
  let server: Server | null = null;
  const guard = createOriginGuard({
    port: () => (server?.address() as AddressInfo | null)?.port ?? options.port,
    bindAddress,
    ...(options.publicHosts ? { publicHosts: options.publicHosts } : {}),
  });

  async function handleRpc(
    request: IncomingMessage,
    response: ServerResponse,
    method: string,
  ): Promise<void> {
    if (request.method !== 'POST') {
      sendError(
        response,
        405,
        { identifier: 'invalid_input', message: 'RPC calls use POST.' },
        { Allow: 'POST' },
      );
      return;
    }
    if (!auth.authenticate(request)) {
      sendError(response, 401, UNAUTHORIZED, { 'WWW-Authenticate': 'Bearer' });
      return;
    }
    // Checked before reading the body so an unknown method costs nothing.
    if (!isMethodName(method)) {
      sendError(
        response,
        404,
        toRpcErrorPayload(new GitGuildError('not_found', `Unknown method "${method}".`)),
      );
      return;
    }
    let input: unknown;
    try {
      input = parseJsonBody(await readBody(request, limit));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendError(
          response,
          413,
          { identifier: 'invalid_input', message: error.message },
          { Connection: 'close' },
        );
        // A client that keeps sending after the answer is cut off, after a grace period to read it.
        response.on('finish', () => setTimeout(() => request.socket.destroy(), 1000).unref());
        return;
      }
      throw error;
    }
    const output = await invokeMethod(host.handlers, method, input);
    sendJson(response, 200, output);
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') {
      sendError(
        response,
        405,
        { identifier: 'invalid_input', message: 'The event stream uses GET.' },
        { Allow: 'GET' },
      );
      return;
    }
    // Credentials come from headers only: a token in the query string would end up in the
    // access logs of every proxy in between. The UI reads the stream with fetch, which can send
    // the Authorization header that EventSource cannot.
    if (!auth.authenticate(request)) {
      sendError(response, 401, UNAUTHORIZED, { 'WWW-Authenticate': 'Bearer' });
      return;
    }
    const close = openEventStream(host, request, response);
    streams.add(close);
    request.on('close', () => streams.delete(close));
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = guard(request);
    if (!verdict.ok) {
      sendError(response, 403, { identifier: 'forbidden', message: verdict.reason });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const path = url.pathname;
    if (path === '/api/health') {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendError(
          response,
          405,
          { identifier: 'invalid_input', message: 'Health uses GET.' },
          { Allow: 'GET' },
        );
        return;
      }
      sendJson(response, 200, publicHealth(host.health()));
      return;
    }
    if (path.startsWith(RPC_PREFIX)) {
      let method: string;
      try {
        method = decodeURIComponent(path.slice(RPC_PREFIX.length));
      } catch {
        throw new GitGuildError('invalid_input', 'The method name in the URL is malformed.');
      }
      await handleRpc(request, response, method);
      return;
    }
    if (path === '/api/events') {
      handleEvents(request, response);
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) {
      sendError(response, 404, { identifier: 'not_found', message: `No API route ${path}.` });
      return;
    }
    await serveStatic(request, response, path);
  }

  server = createServer((request, response) => {
    const started = performance.now();
    response.on('finish', () => {
      // The path only: a query string is the client's, and may carry anything.
      const path = (request.url ?? '/').split('?')[0];
      logger.debug('http', {
        method: request.method,
        path,
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
      });
    });
    route(request, response).catch((error: unknown) => {
      const payload = toRpcErrorPayload(error);
      if (payload.identifier === 'internal')
        logger.error('request failed', { path: (request.url ?? '/').split('?')[0], error });
      if (response.headersSent) {
        response.end();
        return;
      }
      sendError(response, httpStatusFor(payload.identifier), payload);
    });
  });
  // Bounded time for slow clients: a body must arrive within 30 s (SSE responses are unaffected).
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  const listening = server;
  await new Promise<void>((resolve, reject) => {
    listening.once('error', reject);
    listening.listen(options.port, bindAddress, () => {
      listening.off('error', reject);
      resolve();
    });
  });
  const port = (listening.address() as AddressInfo).port;
  const shownHost = bindAddress === '0.0.0.0' || bindAddress === '::' ? '127.0.0.1' : bindAddress;
  const origin = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  logger.info('web server listening', { origin });
  if (!['127.0.0.1', 'localhost', '::1'].includes(bindAddress)) {
    // Plain HTTP beyond loopback would carry the bearer token in clear text.
    logger.warn(
      'listening beyond loopback: put a TLS reverse proxy in front and list its host in publicHosts',
      {
        bindAddress,
      },
    );
  }

  return {
    port,
    origin,
    adminUrl: `${origin}/#token=${encodeURIComponent(token)}`,
    close: async () => {
      for (const close of [...streams]) close();
      await new Promise<void>((resolve) => {
        listening.close(() => resolve());
        listening.closeIdleConnections();
        // A busy keep-alive connection (a request half-sent, or one that goes idle after this
        // moment) would hold close() for the server's header or keep-alive timeouts. In-flight
        // requests get a short grace, then every connection is ended.
        setTimeout(() => listening.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      });
    },
  };
}
