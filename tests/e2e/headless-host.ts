// Starts the built headless host as a child process, the way `npm run serve` does, and reads the
// one line it prints: the admin URL carrying the API token (--print-url, since stdout is a pipe).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY_LINE = /^GitGuild admin UI: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/;

export interface RunningHost {
  adminUrl: string;
  origin: string;
  /** Everything the host wrote to stderr (its structured log), for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
}

export interface HeadlessHostOptions {
  /** Extra command-line flags, e.g. `['--secrets', 'keytar']`. */
  args?: string[];
  /** Extra environment, e.g. a D-Bus address with no Secret Service behind it. */
  env?: Record<string, string>;
}

export async function startHeadlessHost(
  dataDir: string,
  options: HeadlessHostOptions = {},
): Promise<RunningHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      'dist/main/headless.js',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--print-url',
      ...(options.args ?? []),
    ],
    {
      cwd: root,
      // No secrets in the environment: the host must start with the bot "not configured".
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        GITGUILD_LOG_LEVEL: 'info',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const adminUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the host printed no URL within 15 s; log:\n${stderr}`)),
      15_000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = READY_LINE.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited with ${code} before printing its URL; log:\n${stderr}`));
    });
  });

  return {
    adminUrl,
    origin: new URL(adminUrl).origin,
    log: () => stderr,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
