// Starts harness/pipeline-harness.ts (simulators + headless host) as a child process and reads its
// ready line, so a crash of the host cannot take the Playwright runner with it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = /^PIPELINE_READY (\{.*\})$/;

/** What the harness prints once the host is ready. */
export interface PipelineReady {
  adminUrl: string;
  org: string;
  /** The simulator's token: the spec types it into the Secrets form. */
  githubToken: string;
  /** Repos the simulator refuses with 451 (DMCA), as `org/repo`. */
  blockedRepos: string[];
  /** Ground truth for the all-time window: the top contributor's count per metric. */
  topAllTime: Record<'prs_opened' | 'prs_merged' | 'issues' | 'commits' | 'reviews', number>;
}

export interface RunningPipeline extends PipelineReady {
  origin: string;
  log: () => string;
  stop: () => Promise<void>;
}

export async function startPipeline(dataDir: string): Promise<RunningPipeline> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/e2e/harness/pipeline-harness.ts', '--data-dir', dataDir],
    {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<PipelineReady>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the pipeline harness was not ready within 30 s; log:\n${stderr}`)),
      30_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = READY.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(JSON.parse(match[1]) as PipelineReady);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the pipeline harness exited with ${code}; log:\n${stderr}`));
    });
  });
  return {
    ...ready,
    origin: new URL(ready.adminUrl).origin,
    log: () => stderr,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
