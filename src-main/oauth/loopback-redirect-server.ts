// RFC 8252 §7.3: a one-shot HTTP server on 127.0.0.1 that receives only the OAuth redirect.
// It answers GET on one path from its own Host, hands the query to the flow registry, and
// closes once every flow it serves has redeemed its state, or when they time out. Anything
// else (another path, a foreign Host, a wrong or replayed state) is refused without ending the
// wait, so a page probing the port cannot cancel a genuine sign-in.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { PAGES, sendCallbackPage, type CallbackPage } from './callback-page.js';

export interface CallbackVerdict {
  page: CallbackPage;
  /** True when the callback redeemed a pending state (the genuine redirect of a flow). */
  redeemed: boolean;
}

export interface LoopbackRedirectServerOptions {
  /** 0 picks a free port (GitHub accepts any loopback port); Discord needs a fixed one. */
  port: number;
  path: string;
  logger: Logger;
  onCallback: (params: URLSearchParams) => Promise<CallbackVerdict>;
  /** How long to wait for a callback before closing: the state's lifetime. */
  timeoutMs: number;
}

export class LoopbackRedirectServer {
  private expected = 0;
  private timer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;
  private resolveClosed!: () => void;
  /** Resolves once the server has stopped listening, whatever the reason. */
  readonly closed: Promise<void> = new Promise((resolve) => (this.resolveClosed = resolve));

  private constructor(
    private readonly server: Server,
    private readonly options: LoopbackRedirectServerOptions,
    readonly port: number,
  ) {}

  static async open(options: LoopbackRedirectServerOptions): Promise<LoopbackRedirectServer> {
    // The instance needs the server and the server's handler needs the instance.
    let instance: LoopbackRedirectServer | null = null;
    const server = createServer((request, response) => {
      if (instance) instance.handle(request.method, request.headers.host, request.url, response);
      else response.destroy();
    });
    server.requestTimeout = 30_000;
    server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new GitGuildError(
                'conflict',
                `Port ${options.port} on 127.0.0.1 is in use, so the sign-in redirect cannot be received.`,
                {
                  hint: 'Close the program using it, or choose another redirect port in Settings and register the new redirect URI with the provider.',
                },
              )
            : error,
        );
      });
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    instance = new LoopbackRedirectServer(server, options, port);
    options.logger.debug('loopback redirect server listening', { port, path: options.path });
    return instance;
  }

  get redirectUri(): string {
    return `http://127.0.0.1:${this.port}${this.options.path}`;
  }

  get isClosed(): boolean {
    return this.closing !== null;
  }

  /** One more flow will redirect here; the timeout restarts from now. */
  expectCallback(): void {
    if (this.closing) throw new Error('the loopback redirect server has closed');
    this.expected += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.options.logger.info('loopback redirect server timed out waiting for the browser', {
        port: this.port,
      });
      void this.close();
    }, this.options.timeoutMs);
    this.timer.unref();
  }

  /** A flow this server waited for ended some other way (cancelled, expired). */
  release(): void {
    this.expected = Math.max(0, this.expected - 1);
    if (this.expected === 0) void this.close();
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.timer) clearTimeout(this.timer);
      this.server.close(() => {
        this.options.logger.debug('loopback redirect server closed', { port: this.port });
        this.resolveClosed();
        resolve();
      });
      this.server.closeIdleConnections();
      setTimeout(() => this.server.closeAllConnections(), 1_000).unref();
    });
    return this.closing;
  }

  private handle(
    method: string | undefined,
    host: string | undefined,
    rawUrl: string | undefined,
    response: ServerResponse,
  ): void {
    const log = this.options.logger;
    response.setHeader('Connection', 'close');
    // DNS rebinding: a page on another name resolving to 127.0.0.1 cannot send our Host.
    if (host?.toLowerCase() !== `127.0.0.1:${this.port}`) {
      log.warn('loopback redirect refused: foreign Host header', { port: this.port });
      sendCallbackPage(response, { ...PAGES.notFound, status: 400 });
      return;
    }
    const url = new URL(rawUrl ?? '/', `http://127.0.0.1:${this.port}`);
    if (url.pathname !== this.options.path) {
      sendCallbackPage(response, PAGES.notFound);
      return;
    }
    if (method !== 'GET') {
      response.setHeader('Allow', 'GET');
      sendCallbackPage(response, { ...PAGES.notFound, status: 405 });
      return;
    }
    this.options
      .onCallback(url.searchParams)
      .then((verdict) => {
        sendCallbackPage(response, verdict.page);
        if (verdict.redeemed) {
          this.expected = Math.max(0, this.expected - 1);
          // After the page is out: the browser must see it before the server goes.
          if (this.expected === 0) response.on('finish', () => void this.close());
        }
      })
      .catch((error: unknown) => {
        log.error('loopback callback failed', { error });
        sendCallbackPage(response, PAGES.failed);
      });
  }
}
