// Kills a writing process (SIGKILL) at random points many times; after every kill each store file
// must parse and hold either the old or the new state, and the store must open cleanly.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const ITERATIONS = 30;
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Runs the writer until it has finished `minSteps` steps in this life, then kills it after a random delay. */
function runAndKill(
  dataDir: string,
  killAfterMs: number,
): Promise<{ lastStep: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let lastStep = 0;
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(/step (\d+)/g))
        lastStep = Math.max(lastStep, Number(match[1]));
      if (lastStep > 0 && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      if (signal !== 'SIGKILL')
        reject(new Error(`writer exited with ${code ?? signal}: ${output.slice(-2000)}`));
      else resolve({ lastStep, output });
    });
  });
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

interface DiskState {
  step: number;
  links: Set<number>;
  through: number;
}

/** Parses every file and checks each one's internal invariant; returns the state it holds. */
async function checkFiles(dataDir: string): Promise<DiskState> {
  const config = (await readJson(join(dataDir, 'config.json'))) as {
    schemaVersion: number;
    guilds: { name: string }[];
    mappings: { condition: { threshold: number } }[];
  };
  expect(config.schemaVersion).toBe(3);
  const step = Number(config.guilds[0]?.name.slice('counter-'.length));
  // The mapping is written right after the guild, so it is at step or step-1 (never ahead).
  const threshold = config.mappings[0]?.condition.threshold ?? 1;
  expect(threshold === step + 1 || threshold === step).toBe(true);

  // Files are independent: a kill between the config write and the links write of one step
  // leaves that step without a link. Within the file, every link is whole and unique.
  const links = (await readJson(join(dataDir, 'links.json'))) as {
    links: { discordUserId: string; githubLogin: string }[];
  };
  const ids = links.links.map((l) => Number(l.discordUserId) - 100000);
  for (const link of links.links)
    expect(link.githubLogin).toBe(`member-${Number(link.discordUserId) - 100000}`);
  expect(new Set(ids).size).toBe(ids.length);

  const repo = (await readJson(join(dataDir, 'contributions', 'acme', 'repos', '1.json'))) as {
    cursor: { through: string };
    series: Record<string, { commits: number[] }>;
  };
  let sum = 0;
  for (const login of Object.keys(repo.series)) {
    const series = repo.series[login]?.commits ?? [];
    for (const entry of series.slice(1)) if (entry > 0) sum += entry;
  }
  const through = Date.parse(repo.cursor.through) / 1000;
  expect(sum).toBe(20 * through); // counts and cursor moved together

  const history = await readJson(join(dataDir, 'history.json'));
  expect(history['schemaVersion']).toBe(2);
  return { step, links: new Set(ids), through };
}

describe('the store under SIGKILL', () => {
  it('keeps every file parseable and in the old or new state across many kills at random points', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gitguild-crash-'));
    dirs.push(dataDir);
    let previous: DiskState = { step: 0, links: new Set(), through: 0 };
    let kills = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const { lastStep } = await runAndKill(dataDir, Math.floor(Math.random() * 60));
      kills += 1;
      const state = await checkFiles(dataDir);
      // Everything the writer reported as done is on disk, and nothing went backwards.
      expect(state.step).toBeGreaterThanOrEqual(Math.max(lastStep, previous.step));
      if (lastStep > 0) expect(state.links.has(lastStep)).toBe(true);
      expect([...previous.links].filter((id) => !state.links.has(id))).toEqual([]); // no link lost
      // Each step this life that was reported done moved the cursor once.
      expect(state.through).toBeGreaterThanOrEqual(previous.through + (lastStep - previous.step));
      previous = state;
      const leftovers = (await readdir(dataDir)).filter((n) => n.includes('.corrupt-'));
      expect(leftovers).toEqual([]);
    }
    const store = await openStore({ dataDir, logger: silentLogger });
    expect(store.status).toEqual({ ok: true });
    expect(store.contributions.dailyCounts('acme').reduce((s, c) => s + c.count, 0)).toBe(
      20 * previous.through,
    );
    expect(kills).toBe(ITERATIONS);
    expect(previous.step).toBeGreaterThan(ITERATIONS); // the writer made progress, not just restarts
  }, 180_000);
});
