// Starts harness/oauth-harness.ts (simulators + headless host with a public base URL) as a child
// process and reads its ready line.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = /^OAUTH_READY (\{.*\})$/;

export interface OAuthReady {
  origin: string;
  apiToken: string;
  /** A member's web-mode /link URL, started by the harness through the LinkPort. */
  linkUrl: string;
  memberId: string;
  guildId: string;
  ownerId: string;
}

export interface RunningOAuthHost extends OAuthReady {
  stdout: () => string;
  log: () => string;
  stop: () => Promise<void>;
}

export async function startOAuthHost(dataDir: string): Promise<RunningOAuthHost> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/e2e/harness/oauth-harness.ts', '--data-dir', dataDir],
    {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<OAuthReady>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the OAuth harness was not ready within 30 s; log:\n${stderr}`)),
      30_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout += `${line}\n`;
      const match = READY.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(JSON.parse(match[1]) as OAuthReady);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the OAuth harness exited with ${code}; log:\n${stderr}`));
    });
  });
  return {
    ...ready,
    stdout: () => stdout,
    log: () => stderr,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
