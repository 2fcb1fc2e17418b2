// Store benchmark at the scale: 10k links and 2k contributors × 365 days × 4 metrics of
// daily aggregates (2.92M counts). Prints write times, open time and file sizes for our layout
// (per-repository files with the compact series encoding) against a naive baseline in the same
// run: one flat array of DailyCount objects in one file, written with JSON.stringify atomically.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src-main/log/logger.js';
import { writeFileAtomic } from '../../src-main/store/atomic-file.js';
import { openStore } from '../../src-main/store/index.js';
import type { DailyCount, Link, Metric } from '../../src-main/store/types.js';

const CONTRIBUTORS = 2000;
const DAYS = 365;
const BENCH_METRICS: Metric[] = ['commits', 'prs_opened', 'prs_merged', 'reviews'];
const REPOS = 100;
const LINKS = 10_000;
const ORG = 'acme';
const FIRST_DAY = Date.UTC(2024, 0, 1);

const repoOf = (contributor: number): string => `${ORG}/repo-${contributor % REPOS}`;
const dayOf = (d: number): string =>
  new Date(FIRST_DAY + d * 86_400_000).toISOString().slice(0, 10);
/** A cursor N seconds after the seed, so each commit moves it (the store wants an ISO time). */
const cursor = (step: number) => ({
  through: new Date(Date.UTC(2026, 0, 1) + step * 1000).toISOString(),
  headOid: null,
});
const repoIdentity = (r: number) => ({ id: 1000 + r, name: `${ORG}/repo-${r}` });

/** Deterministic small counts, so runs are comparable. */
function countFor(c: number, d: number, m: number): number {
  return ((c * 31 + d * 17 + m * 7) % 9) + 1;
}

function repoIncrements(repoIndex: number, days: number[]): DailyCount[] {
  const out: DailyCount[] = [];
  for (let c = repoIndex; c < CONTRIBUTORS; c += REPOS) {
    for (const d of days) {
      BENCH_METRICS.forEach((metric, m) =>
        out.push({
          login: `dev-${c}`,
          repo: repoOf(c),
          metric,
          day: dayOf(d),
          count: countFor(c, d, m),
        }),
      );
    }
  }
  return out;
}

function seedLinks(now: string): Link[] {
  return Array.from({ length: LINKS }, (_, i) => ({
    discordUserId: String(100_000_000_000_000_000n + BigInt(i)),
    githubLogin: `member-${i}`,
    linkedBy: String(100_000_000_000_000_000n + BigInt(i)),
    linkedAt: now,
    method: 'device_flow' as const,
  }));
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function median(times: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push((await timed(() => fn(i))).ms);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

async function sizeOf(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const name of await readdir(path)) total += await sizeOf(join(path, name));
  return total;
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(2)} MB`;

async function ours(dir: string): Promise<Record<string, string>> {
  // Links are seeded as a file (10k separate writes would measure the seeding, not the store).
  const links = seedLinks(new Date().toISOString());
  await writeFile(
    join(dir, 'links.json'),
    `{"schemaVersion":1,"links":[\n${links.map((l) => JSON.stringify(l)).join(',\n')}\n]}\n`,
  );
  const store = await openStore({ dataDir: dir, logger: silentLogger });
  const allDays = Array.from({ length: DAYS }, (_, d) => d);
  const fullYears = Array.from({ length: REPOS }, (_, r) => repoIncrements(r, allDays));
  const seed = await timed(async () => {
    for (let r = 0; r < REPOS; r++)
      await store.contributions.commitRepoCrawl(
        ORG,
        repoIdentity(r),
        fullYears[r] ?? [],
        cursor(0),
      );
  });
  await store.close();

  const open = await median(3, () => openStore({ dataDir: dir, logger: silentLogger }));
  const reopened = await openStore({ dataDir: dir, logger: silentLogger });
  const total = reopened.contributions.dailyCounts(ORG).length;
  const linkChange = await median(11, (i) =>
    reopened.links.linkMember({
      discordUserId: String(200_000_000_000_000_000n + BigInt(i)),
      githubLogin: `new-${i}`,
      linkedBy: '1',
      method: 'admin',
    }),
  );
  const dailyCrawl = await median(7, (i) =>
    reopened.contributions.commitRepoCrawl(
      ORG,
      repoIdentity(7),
      repoIncrements(7, [DAYS + i]),
      cursor(1 + i),
    ),
  );
  const query30 = await median(3, async () =>
    reopened.contributions.dailyCounts(ORG, { sinceDay: dayOf(DAYS - 30) }),
  );
  const queryAll = await median(3, async () => reopened.contributions.dailyCounts(ORG));
  const contributionsDir = join(dir, 'contributions');
  return {
    'daily counts stored': total.toLocaleString('en'),
    'seed: 100 commits of one repo-year (29,200 counts each)': ms(seed.ms),
    'open (parse + validate all files)': ms(open),
    'single link change (10k links)': ms(linkChange),
    'commitRepoCrawl, one repo, one day (80 counts)': ms(dailyCrawl),
    'dailyCounts(org, last 30 days)': ms(query30),
    'dailyCounts(org) all': ms(queryAll),
    'links.json': mb(await sizeOf(join(dir, 'links.json'))),
    'contributions total': mb(await sizeOf(contributionsDir)),
    'one repo file': mb(
      await sizeOf(join(contributionsDir, ORG, 'repos', `${repoIdentity(7).id}.json`)),
    ),
  };
}

async function naive(dir: string): Promise<Record<string, string>> {
  const path = join(dir, 'contributions.json');
  const linksPath = join(dir, 'links.json');
  const counts: DailyCount[] = [];
  for (let r = 0; r < REPOS; r++)
    counts.push(
      ...repoIncrements(
        r,
        Array.from({ length: DAYS }, (_, d) => d),
      ),
    );
  const links = seedLinks(new Date().toISOString());
  await writeFileAtomic(linksPath, JSON.stringify({ schemaVersion: 1, links }, null, 2));
  await writeFileAtomic(path, JSON.stringify({ schemaVersion: 1, counts, cursors: {} }));
  const open = await median(3, async () => JSON.parse(await readFile(path, 'utf8')) as unknown);
  const linkChange = await median(7, async (i) => {
    links.push({
      ...links[0]!,
      discordUserId: String(200_000_000_000_000_000n + BigInt(i)),
      githubLogin: `new-${i}`,
    });
    await writeFileAtomic(linksPath, JSON.stringify({ schemaVersion: 1, links }, null, 2));
  });
  const dailyCrawl = await median(3, async (i) => {
    counts.push(...repoIncrements(7, [DAYS + i]));
    await writeFileAtomic(
      path,
      JSON.stringify({
        schemaVersion: 1,
        counts,
        cursors: { [`${ORG}/repo-7`]: cursor(1 + i) },
      }),
    );
  });
  return {
    'daily counts stored': counts.length.toLocaleString('en'),
    'open (JSON.parse of the one file)': ms(open),
    'single link change (10k links, pretty JSON)': ms(linkChange),
    'commitRepoCrawl, one repo, one day (rewrite all)': ms(dailyCrawl),
    'links.json': mb(await sizeOf(linksPath)),
    'contributions total': mb(await sizeOf(path)),
  };
}

export async function run(): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'gitguild-bench-store-'));
  try {
    await mkdir(join(base, 'ours'));
    await mkdir(join(base, 'naive'));
    console.log(
      `store: ${LINKS.toLocaleString('en')} links, ${CONTRIBUTORS} contributors × ${DAYS} days × ${BENCH_METRICS.length} metrics over ${REPOS} repos`,
    );
    console.log('  GitGuild store (per-repo files, compact series):');
    for (const [k, v] of Object.entries(await ours(join(base, 'ours'))))
      console.log(`    ${k.padEnd(52)} ${v}`);
    console.log('  naive baseline (one flat DailyCount array, JSON.stringify, atomic write):');
    for (const [k, v] of Object.entries(await naive(join(base, 'naive'))))
      console.log(`    ${k.padEnd(52)} ${v}`);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}
