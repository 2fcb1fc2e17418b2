// UI benchmark: time to interactive of the Stats page with 10,000 contributors (a real headless
// host whose store holds them, Debian's Chromium through Playwright, from navigation to the
// leaderboard answering a search), and the renderer's bundle size (gzip) with the charts chunk.
// Baselines in the same run: the same 10k rows drawn as a plain, non-virtualised table in the
// same page, and the bundle without the lazily loaded charts chunk. Prints figures only.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { createLogger } from '../../src-main/log/logger.js';
import { openSecretStore } from '../../src-main/secrets/index.js';
import { openStore } from '../../src-main/store/index.js';
import { startHeadless } from '../../src-main/web/start-headless.js';
import { seedContributions } from '../e2e/harness/seed-contributions.js';

// The functions passed to page.evaluate run in Chromium; this file compiles against Node's lib,
// so the browser globals they touch are declared here, for this module only.
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped on purpose: DOM types are not loaded here */
declare const document: any;
declare const sessionStorage: any;
declare const requestAnimationFrame: (callback: (time: number) => void) => number;
/* eslint-enable @typescript-eslint/no-explicit-any */

const root = fileURLToPath(new URL('../..', import.meta.url));
const CONTRIBUTORS = 10_000;
const RUNS = 5;
const ORG = 'bench-org';

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(0)} ms`;

async function bundleSizes(): Promise<void> {
  const dir = join(root, 'dist/renderer/assets');
  let initial = 0;
  let initialRaw = 0;
  let charts = 0;
  let chartsRaw = 0;
  for (const name of await readdir(dir)) {
    const bytes = await readFile(join(dir, name));
    const gz = gzipSync(bytes, { level: 9 }).length;
    if (name.startsWith('ChartFromSpec')) {
      charts += gz;
      chartsRaw += bytes.length;
    } else {
      initial += gz;
      initialRaw += bytes.length;
    }
  }
  console.log('renderer bundle (gzip -9; raw in brackets):');
  console.log(
    `  with charts (everything)    ${kib(initial + charts)} [${kib(initialRaw + chartsRaw)}]`,
  );
  console.log(`  baseline: without charts    ${kib(initial)} [${kib(initialRaw)}]  (loaded first)`);
  console.log(
    `  charts chunk (chart.js)     ${kib(charts)} [${kib(chartsRaw)}]  (loaded with the first chart)`,
  );
}

/**
 * Runs in every page before its own scripts: notes on the page's clock (ms since navigation)
 * the first frame in which the leaderboard is ready, the first keystroke into its search, and the
 * first frame showing the filtered count. Measured in the page, so the test driver's round trips
 * do not count. Plain JavaScript text, not a function: tsx wraps named functions in a `__name`
 * helper that does not exist in the page.
 */
const MARK_INTERACTIVE = `
  const marks = {};
  globalThis.__uiMarks = marks;
  document.addEventListener('input', () => { marks.input ??= performance.now(); }, true);
  const tick = () => {
    if (marks.ready === undefined &&
        document.querySelector('[data-testid=leaderboard][data-state=ready]'))
      marks.ready = performance.now();
    const count = document.querySelector('[data-testid=leaderboard-count]')?.textContent ?? '';
    if (marks.input !== undefined && / of /.test(count)) marks.searched = performance.now();
    if (marks.searched === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

interface Tti {
  /** Navigation start to the first frame with the leaderboard ready. */
  ready: number;
  /** Keystroke to the first frame showing the filtered list. */
  searchLatency: number;
  /** Where the time went: the document and its scripts, then the leaderboard's answer. */
  domContentLoaded: number;
  leaderboardAnswered: number;
}

async function statsTti(page: Page, adminUrl: string): Promise<Tti> {
  // A fresh document each time: a goto that only changes the fragment would keep the old
  // document and its clock.
  await page.goto('about:blank');
  await page.goto(adminUrl);
  await page.waitForSelector('[data-testid=leaderboard][data-state=ready]', { timeout: 60_000 });
  // Interactive: a keystroke into the search narrows the 10k rows.
  await page.getByTestId('leaderboard-search').fill('dev-0420');
  await page.waitForFunction(
    () => (globalThis as unknown as { __uiMarks: Record<string, number> }).__uiMarks['searched'],
    null,
    { polling: 'raf' },
  );
  return page.evaluate(() => {
    const marks = (globalThis as unknown as { __uiMarks: Record<string, number> }).__uiMarks;
    const nav = performance.getEntriesByType('navigation' as never)[0] as unknown as {
      domContentLoadedEventEnd: number;
    };
    const rpc = performance
      .getEntriesByType('resource')
      .find((e) => e.name.endsWith('/api/rpc/stats.leaderboard')) as unknown as
      { responseEnd: number } | undefined;
    return {
      ready: marks['ready']!,
      searchLatency: marks['searched']! - marks['input']!,
      domContentLoaded: nav.domContentLoadedEventEnd,
      leaderboardAnswered: rpc?.responseEnd ?? Number.NaN,
    };
  });
}

/** The baseline: the same answer drawn as a plain table of every row, in the same page. */
async function plainTable(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const token = sessionStorage.getItem('gitguild.apiToken') ?? '';
    const start = performance.now();
    const response = await fetch('/api/rpc/stats.leaderboard', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ metric: 'prs_merged', window: 'all' }),
    });
    const board = (await response.json()) as {
      entries: { login: string; count: number; rank: number }[];
    };
    const table = document.createElement('table');
    const body = table.createTBody();
    for (const e of board.entries) {
      const row = body.insertRow();
      for (const value of [e.rank, e.login, e.count, 0, 0, 0])
        row.insertCell().textContent = String(value);
    }
    document.body.append(table);
    void table.offsetHeight; // force layout
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const elapsed = performance.now() - start;
    table.remove();
    return elapsed;
  });
}

/** Switching the window re-fetches and redraws the virtualised list; comparable to the baseline. */
async function switchWindow(page: Page, target: 'all' | '30d'): Promise<number> {
  const start = await page.evaluate(() => performance.now());
  await page.getByTestId(`stats-window-${target}`).click();
  await page.waitForSelector('[data-testid=leaderboard][data-state=ready]');
  await page.waitForFunction(
    (t) =>
      document.querySelector(`[data-testid=stats-window-${t}]`)?.getAttribute('aria-pressed') ===
        'true' &&
      document.querySelector('[data-testid=leaderboard]')?.getAttribute('data-state') === 'ready',
    target,
    { polling: 'raf' },
  );
  return (await page.evaluate(() => performance.now())) - start;
}

/** The scrolling baseline: every row in the page, in a box of the same size, scrolled the same way. */
async function plainTableScroll(
  page: Page,
): Promise<{ frames: number; p95: number; worst: number }> {
  return page.evaluate(async () => {
    const token = sessionStorage.getItem('gitguild.apiToken') ?? '';
    const response = await fetch('/api/rpc/stats.leaderboard', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ metric: 'prs_merged', window: 'all' }),
    });
    const board = (await response.json()) as {
      entries: { login: string; count: number; rank: number }[];
    };
    const box = document.createElement('div');
    box.style.height = '460px';
    box.style.overflow = 'auto';
    const table = document.createElement('table');
    const body = table.createTBody();
    for (const e of board.entries) {
      const row = body.insertRow();
      for (const value of [e.rank, e.login, e.count, 0, 0, 0])
        row.insertCell().textContent = String(value);
    }
    box.append(table);
    document.body.prepend(box);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const deltas: number[] = [];
    let last = performance.now();
    while (box.scrollTop + box.clientHeight < box.scrollHeight - 1 && deltas.length < 2000) {
      box.scrollTop += 600;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    box.remove();
    deltas.sort((a, b) => a - b);
    return {
      frames: deltas.length,
      p95: deltas[Math.floor(deltas.length * 0.95)] ?? 0,
      worst: deltas[deltas.length - 1] ?? 0,
    };
  });
}

/** Frame times while scrolling the leaderboard top to bottom, 600 px per frame. */
async function scrollFrames(page: Page): Promise<{ frames: number; p95: number; worst: number }> {
  return page.evaluate(async () => {
    const el = document.querySelector('[data-testid=leaderboard-scroll]')!;
    el.scrollTop = 0;
    const deltas: number[] = [];
    let last = performance.now();
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1 && deltas.length < 2000) {
      el.scrollTop += 600;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    deltas.sort((a, b) => a - b);
    return {
      frames: deltas.length,
      p95: deltas[Math.floor(deltas.length * 0.95)] ?? 0,
      worst: deltas[deltas.length - 1] ?? 0,
    };
  });
}

export async function run(): Promise<void> {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: root,
    stdio: 'ignore',
  });
  await bundleSizes();

  const dataDir = await mkdtemp(join(tmpdir(), 'gitguild-bench-ui-'));
  const logger = createLogger('gitguild-bench-ui', { level: 'error' });
  const store = await openStore({ dataDir, logger });
  await store.settings.update({
    githubOrgs: [ORG],
    setupWizard: { step: null, dismissedAt: new Date().toISOString() },
  });
  const seedStart = performance.now();
  const seeded = await seedContributions(store, {
    org: ORG,
    contributors: CONTRIBUTORS,
    now: new Date(),
  });
  await store.close();
  console.log(
    `seeded ${CONTRIBUTORS.toLocaleString()} contributors, ${seeded.rows.toLocaleString()} daily rows in ${ms(performance.now() - seedStart)}`,
  );

  const secrets = await openSecretStore({ backend: 'memory', logger });
  const running = await startHeadless({
    dataDir,
    logger,
    secrets: { store: secrets },
    port: 0,
    env: {},
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: MARK_INTERACTIVE });
    const page = await context.newPage();
    // The first load warms the host's stats snapshot; later loads are what an admin meets.
    const cold = await statsTti(page, running.server.adminUrl);
    const runs: Tti[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await statsTti(page, running.server.adminUrl));
    const ready = runs.map((r) => r.ready);
    const search = runs.map((r) => r.searchLatency);
    await page.getByTestId('leaderboard-search').fill('');
    const virtual: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await switchWindow(page, '30d');
      virtual.push(await switchWindow(page, 'all'));
      plain.push(await plainTable(page));
    }
    const rows = await page.getByTestId('leaderboard').getAttribute('data-rows');
    const frames = await scrollFrames(page);
    const plainFrames = await plainTableScroll(page);

    console.log(
      `Stats page, ${CONTRIBUTORS.toLocaleString()} contributors (median of ${RUNS}; Chromium headless, 1280x800):`,
    );
    console.log(
      `  navigation -> leaderboard ready       ${ms(median(ready))}  (first load, cold host cache: ${ms(cold.ready)})`,
    );
    console.log(
      `    of which: document and scripts ${ms(median(runs.map((r) => r.domContentLoaded)))}, leaderboard answer in ${ms(median(runs.map((r) => r.leaderboardAnswered)))}`,
    );
    console.log(`  keystroke in search -> filtered list   ${ms(median(search))}`);
    console.log(
      `  all-time list (${rows} rows): fetch + virtualised redraw ${ms(median(virtual))}`,
    );
    console.log(
      `  baseline: fetch + plain table of every row              ${ms(median(plain))}  (${(median(plain) / median(virtual)).toFixed(1)}x)`,
    );
    console.log(
      `  machine load average during the run: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} (2 cores)`,
    );
    console.log(
      `  scrolling top to bottom, 600 px a frame: virtualised ${frames.frames} frames, p95 ${frames.p95.toFixed(1)} ms, worst ${frames.worst.toFixed(1)} ms`,
    );
    console.log(
      `  baseline: plain table of every row      ${plainFrames.frames} frames, p95 ${plainFrames.p95.toFixed(1)} ms, worst ${plainFrames.worst.toFixed(1)} ms`,
    );
  } finally {
    await browser.close();
    await running.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
