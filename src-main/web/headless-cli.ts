// `npm run serve`: the headless host. Prints exactly one line on stdout, the admin URL, with the
// API token in its fragment only when stdout is a terminal (or --print-url); everything else
// (structured logs) goes to stderr.
import { GitGuildError } from '../errors.js';
import { createLogger, type LogLevel } from '../log/logger.js';
import { announceAdminUrl } from './admin-url-notice.js';
import { parseHeadlessArgs, USAGE } from './headless-config.js';
import { startHeadless } from './start-headless.js';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

function fail(error: unknown): never {
  if (error instanceof GitGuildError) {
    process.stderr.write(`gitguild: ${error.message}\n`);
    if (typeof error.context.hint === 'string') process.stderr.write(`${error.context.hint}\n`);
  } else if ((error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE') {
    process.stderr.write(
      'gitguild: the port is already in use. Pick another with --port <n>, or --port 0 for any free port.\n',
    );
  } else {
    process.stderr.write(
      `gitguild: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
}

async function main(): Promise<void> {
  const options = parseHeadlessArgs(process.argv.slice(2));
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const level = process.env['GITGUILD_LOG_LEVEL'];
  const logger = createLogger('gitguild', {
    level: LEVELS.includes(level as LogLevel) ? (level as LogLevel) : 'info',
  });
  const running = await startHeadless({
    dataDir: options.dataDir,
    logger,
    secrets: options.secrets,
    port: options.port,
    bindAddress: options.bindAddress,
    publicHosts: options.publicHosts,
    rotateToken: options.rotateToken,
  });
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      logger.warn('second signal: exiting without waiting', { signal });
      process.exit(1);
    }
    logger.info('shutting down', { signal });
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // Printed only once the handlers are in place: whoever reads this line may signal us at once
  // (stdout pipes are synchronous on Linux), and an unhandled SIGTERM would skip the clean stop.
  await announceAdminUrl({
    origin: running.server.origin,
    adminUrl: running.server.adminUrl,
    token: running.token,
    backend: running.host.secrets.status().backend,
    stdout: process.stdout,
    printUrl: options.printUrl,
    urlFile: options.urlFile,
  });
}

main().catch(fail);
