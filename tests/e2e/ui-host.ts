// Starts harness/ui-harness.ts (simulators + headless host, seeded as asked) as a child process
// and reads its ready line, so a crash of the host cannot take the Playwright runner with it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = /^UI_READY (\{.*\})$/;

export interface UiHostReady {
  adminUrl: string;
  org: string;
  /** The simulators' own tokens, for specs that type them into the UI. */
  githubToken: string;
  botToken: string;
  seededRows: number;
  /** The Discord simulator: its control API (what the specs check roles with) and its guild. */
  discord: {
    controlUrl: string;
    guildViewUrl: string;
    guildId: string;
    guildName: string;
    roleIds: { tiers: string[] };
    links: { discordUserId: string; githubLogin: string }[];
  };
}

export interface UiHostOptions {
  secrets?: 'none' | 'github' | 'bot' | 'both';
  contributors?: number;
  partial?: boolean;
  crawlLatencyMs?: number;
  /** Manage the simulated guild (demo links and tier mappings); the bot is ready first. */
  guild?: boolean;
  /** Finish one crawl of the simulated org before the host is handed over. */
  crawl?: boolean;
}

export interface RunningUiHost extends UiHostReady {
  origin: string;
  log: () => string;
  stop: () => Promise<void>;
}

export async function startUiHost(
  dataDir: string,
  options: UiHostOptions = {},
): Promise<RunningUiHost> {
  const args = ['--data-dir', dataDir, '--secrets', options.secrets ?? 'both'];
  if (options.contributors) args.push('--contributors', String(options.contributors));
  if (options.partial) args.push('--partial');
  if (options.guild) args.push('--guild');
  if (options.crawl) args.push('--crawl');
  if (options.crawlLatencyMs) args.push('--crawl-latency-ms', String(options.crawlLatencyMs));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/e2e/harness/ui-harness.ts', ...args],
    {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<UiHostReady>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the UI harness was not ready within 60 s; log:\n${stderr}`)),
      60_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = READY.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(JSON.parse(match[1]) as UiHostReady);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the UI harness exited with ${code}; log:\n${stderr}`));
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
