// Builds what the app runs: the headless host, the Electron main process and preload, and the
// renderer. Main-side code is bundled with esbuild because we need three small Node bundles, not
// a dev server: it is one dependency, takes well under a second, and Vite (already here for the
// renderer) stays the only tool with a plugin pipeline. `--if-stale` skips targets whose output is
// newer than every source it depends on, so `npm run serve` / `npm start` rebuild only when needed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ifStale = process.argv.includes('--if-stale');
const at = (...parts) => join(root, ...parts);

/** Main-process bundles also depend on the bot and on the package manifest (external deps). */
const MAIN_SOURCES = ['src-main', 'src-bot', 'package.json', 'tsconfig.json', 'scripts/build.mjs'];

const targets = [
  {
    name: 'headless host',
    entry: 'src-main/web/headless-cli.ts',
    out: 'dist/main/headless.js',
    sources: MAIN_SOURCES,
    // Dependencies stay in node_modules (packages: external): they are installed beside the app.
    esbuild: { format: 'esm', packages: 'external' },
  },
  {
    // Loaded by src-main/charts/chart-renderer.ts from beside the host and Electron bundles.
    name: 'chart worker',
    entry: 'src-main/charts/render-worker.ts',
    out: 'dist/main/chart-worker.js',
    sources: MAIN_SOURCES,
    esbuild: { format: 'esm', packages: 'external' },
  },
  {
    name: 'electron main',
    entry: 'src-main/electron/main.ts',
    out: 'dist/main/electron.js',
    sources: MAIN_SOURCES,
    esbuild: { format: 'esm', packages: 'external' },
  },
  {
    name: 'electron preload',
    entry: 'src-main/electron/preload.ts',
    out: 'dist/preload/preload.cjs',
    sources: MAIN_SOURCES,
    // Sandboxed preloads must be CommonJS and can require only `electron`: bundle everything else.
    esbuild: { format: 'cjs', external: ['electron'] },
  },
];

const RENDERER = {
  name: 'renderer',
  config: 'src-renderer/vite.config.ts',
  out: 'dist/renderer/index.html',
  sources: [
    'src-renderer',
    'src-main/api',
    'src-main/store/types.ts',
    'assets',
    'package.json',
    'scripts/build.mjs',
  ],
};

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

function isFresh(out, sources) {
  const output = at(out);
  if (!existsSync(output)) return false;
  const sourceTime = Math.max(...sources.map((s) => newestMtime(at(s))));
  return statSync(output).mtimeMs >= sourceTime;
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`)),
    );
  });
}

const timings = [];
async function step(name, action) {
  const started = performance.now();
  await action();
  const ms = Math.round(performance.now() - started);
  timings.push([name, ms]);
  console.log(`build: ${name} done in ${ms} ms`);
}

const started = performance.now();
for (const target of targets) {
  if (!existsSync(at(target.entry))) {
    console.log(`build: ${target.name} skipped (${target.entry} does not exist yet)`);
    continue;
  }
  if (ifStale && isFresh(target.out, target.sources)) {
    console.log(`build: ${target.name} is up to date`);
    continue;
  }
  await step(target.name, () =>
    build({
      entryPoints: [at(target.entry)],
      outfile: at(target.out),
      bundle: true,
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'warning',
      ...target.esbuild,
    }),
  );
}

if (!existsSync(at(RENDERER.config))) {
  console.log(
    `build: renderer skipped (${RENDERER.config} does not exist yet); the web host will say the UI is not built`,
  );
} else if (ifStale && isFresh(RENDERER.out, RENDERER.sources)) {
  console.log('build: renderer is up to date');
} else {
  const vite = at('node_modules', 'vite', 'bin', 'vite.js');
  await step('renderer', () =>
    run(process.execPath, [vite, 'build', '--config', RENDERER.config, '--logLevel', 'warn']),
  );
}

const total = Math.round(performance.now() - started);
const detail = timings.map(([name, ms]) => `${name} ${ms} ms`).join(', ');
console.log(
  `build: finished in ${total} ms${detail ? ` (${detail})` : ' (nothing to do)'}; output in ${relative(process.cwd(), at('dist')) || 'dist'}`,
);
