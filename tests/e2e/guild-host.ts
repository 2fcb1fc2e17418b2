// Starts harness/guild-harness.ts (simulators + headless host, one crawl done) as a child process
// and reads its ready line, so a crash there cannot take the Playwright runner with it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = /^GUILD_READY (\{.*\})$/;

export interface GuildReady {
  guildViewUrl: string;
  guildName: string;
  /** A member linked to a contributor of the simulated org. */
  linkedMember: { id: string; name: string };
  githubLogin: string;
}

export interface RunningGuild extends GuildReady {
  log: () => string;
  stop: () => Promise<void>;
}

export async function startGuild(dataDir: string): Promise<RunningGuild> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/e2e/harness/guild-harness.ts', '--data-dir', dataDir],
    {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<GuildReady>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the guild harness was not ready within 60 s; log:\n${stderr}`)),
      60_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = READY.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(JSON.parse(match[1]) as GuildReady);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the guild harness exited with ${code}; log:\n${stderr}`));
    });
  });
  return {
    ...ready,
    log: () => stderr,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
