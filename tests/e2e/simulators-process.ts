// Starts harness/simulators-harness.ts as a child process and reads its ready line: the specs'
// tsconfig has DOM types, under which the simulators' Node code does not type-check, and a crash
// there cannot take the Playwright runner with it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = /^SIMULATORS_READY (\{.*\})$/;

export interface SimulatorsReady {
  /** A settings.update input pointing a host at the simulators. */
  settings: Record<string, unknown>;
  githubToken: string;
  org: string;
  /** The Discord simulator's bot token and its guild, for a sync run from the tray. */
  botToken: string;
  guildId: string;
}

export interface RunningSimulators extends SimulatorsReady {
  stop(): Promise<void>;
}

export async function startSimulatorsProcess(): Promise<RunningSimulators> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/e2e/harness/simulators-harness.ts'],
    {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<SimulatorsReady>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the simulators were not ready within 30 s; log:\n${stderr}`)),
      30_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = READY.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(JSON.parse(match[1]) as SimulatorsReady);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulators exited with ${code}; log:\n${stderr}`));
    });
  });
  return {
    ...ready,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
