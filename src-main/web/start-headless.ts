// Starts a headless GitGuild: the host, its API token and the web server, in that order, and
// stops them in reverse. The CLI, `npm run demo` and the integration tests all start it here.
import { createHost, type HostConfig } from '../host/create-host.js';
import type { Host } from '../host/host.js';
import type { Logger } from '../log/logger.js';
import { resolveApiToken, type ApiToken } from './api-token.js';
import { findRendererDir } from './renderer-dir.js';
import { startWebServer, type RunningWebServer, type WebServerOptions } from './web-server.js';

export interface StartHeadlessOptions {
  dataDir: string;
  logger: Logger;
  secrets: HostConfig['secrets'];
  port: number;
  bindAddress?: string;
  publicHosts?: readonly string[];
  rendererDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Replace the stored API token with a new one before listening. */
  rotateToken?: boolean;
  /** More ways to authenticate requests beside the API token (see WebServerOptions). */
  authenticators?: WebServerOptions['authenticators'];
}

export interface HeadlessGitGuild {
  host: Host;
  server: RunningWebServer;
  token: ApiToken;
  /** Milliseconds from the call until the server listened. */
  startupMs: number;
  stop(): Promise<void>;
}

export async function startHeadless(options: StartHeadlessOptions): Promise<HeadlessGitGuild> {
  const started = performance.now();
  const host = await createHost({
    mode: 'headless',
    dataDir: options.dataDir,
    logger: options.logger,
    secrets: options.secrets,
  });
  let server: RunningWebServer | null = null;
  try {
    const token = await resolveApiToken(host.secrets, options.logger.child('web'), options.env, {
      rotate: options.rotateToken === true,
    });
    if (token.note) options.logger.warn(token.note);
    server = await startWebServer({
      host,
      token: token.value,
      logger: options.logger.child('web'),
      port: options.port,
      ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}),
      ...(options.publicHosts ? { publicHosts: options.publicHosts } : {}),
      ...(options.authenticators ? { authenticators: options.authenticators } : {}),
      rendererDir: options.rendererDir ?? findRendererDir(),
    });
    await host.start();
    const running = server;
    const startupMs = Math.round(performance.now() - started);
    options.logger.info('headless host ready', { startupMs, apiAccess: token.source });
    let stopping: Promise<void> | null = null;
    return {
      host,
      server: running,
      token,
      startupMs,
      stop: () => {
        stopping ??= (async () => {
          await running.close();
          await host.stop();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await server?.close();
    await host.stop();
    throw error;
  }
}
