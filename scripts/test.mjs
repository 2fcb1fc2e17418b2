// `npm test`: every check CI runs, in order, stopping at the first failure. Ends with one line
// `N passed, N failed` (vitest + Playwright test counts, plus 1 failed per failing non-test
// stage) that CI reads together with the exit code.
//
//   node scripts/test.mjs                    all stages
//   node scripts/test.mjs --only unit,lint   some stages
//   node scripts/test.mjs -- tests/unit/api  extra arguments go to the vitest stages (filters)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, '.tmp', 'test-results');
const bin = join(root, 'node_modules', '.bin');

const argv = process.argv.slice(2);
const dashDash = argv.indexOf('--');
const passThrough = dashDash === -1 ? [] : argv.slice(dashDash + 1);
const own = dashDash === -1 ? argv : argv.slice(0, dashDash);
const onlyIndex = own.indexOf('--only');
const only =
  onlyIndex === -1 ? null : new Set((own[onlyIndex + 1] ?? '').split(',').filter(Boolean));

const vitestJson = (name) => join(resultsDir, `${name}.json`);
const vitestArgs = (project) => [
  'run',
  '--project',
  project,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson(project)}`,
  ...passThrough,
];

/** Counts from a vitest JSON report. */
function vitestCounts(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Counts from a Playwright JSON report: flaky tests passed on retry and count as passed. */
function playwrightCounts(file) {
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const hasPlaywrightConfig = [
  'playwright.config.ts',
  'playwright.config.mjs',
  'playwright.config.js',
].some((f) => existsSync(join(root, f)));

const stages = [
  {
    name: 'system-deps',
    skip: existsSync(join(root, 'scripts/install-system-deps.sh'))
      ? null
      : 'scripts/install-system-deps.sh does not exist',
    command: ['bash', 'scripts/install-system-deps.sh'],
  },
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  {
    name: 'unit',
    command: [join(bin, 'vitest'), ...vitestArgs('unit')],
    report: vitestJson('unit'),
    counts: vitestCounts,
  },
  {
    name: 'integration',
    // The keyring wrapper gives keychain tests a private Secret Service; without it they run bare.
    command: existsSync(join(root, 'scripts/with-keyring.mjs'))
      ? [
          process.execPath,
          'scripts/with-keyring.mjs',
          join(bin, 'vitest'),
          ...vitestArgs('integration'),
        ]
      : [join(bin, 'vitest'), ...vitestArgs('integration')],
    report: vitestJson('integration'),
    counts: vitestCounts,
  },
  {
    name: 'e2e',
    skip: hasPlaywrightConfig ? null : 'no playwright.config.* yet',
    command: ['npm', 'run', '--silent', 'test:e2e', '--', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: join(resultsDir, 'e2e.json') },
    report: join(resultsDir, 'e2e.json'),
    counts: playwrightCounts,
  },
];

function run([command, ...args], extraEnv = {}) {
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      ...extraEnv,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    };
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('error', (error) => {
      console.error(`test: could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
let failedStage = null;
for (const stage of stages) {
  if (only && !only.has(stage.name)) continue;
  if (stage.skip) {
    rows.push([stage.name, `skipped: ${stage.skip}`, '']);
    console.log(`\ntest: ${stage.name} SKIPPED (${stage.skip})`);
    continue;
  }
  console.log(`\ntest: ${stage.name} ...`);
  const started = performance.now();
  const code = await run(stage.command, stage.env);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  let counted = false;
  if (stage.report && existsSync(stage.report)) {
    try {
      const c = stage.counts(stage.report);
      totals.passed += c.passed;
      totals.failed += c.failed;
      totals.skipped += c.skipped;
      counted = c.failed > 0 || code === 0;
    } catch (error) {
      console.error(`test: could not read ${stage.report}: ${error.message}`);
    }
  }
  // A stage that failed without failing tests (crash, type error, lint) still counts once.
  if (code !== 0 && !counted) totals.failed += 1;
  rows.push([stage.name, code === 0 ? 'ok' : `FAILED (exit ${code})`, `${seconds} s`]);
  if (code !== 0) {
    failedStage = stage.name;
    break;
  }
}

console.log('\ntest: summary');
for (const [name, status, time] of rows)
  console.log(`  ${name.padEnd(12)} ${status.padEnd(40)} ${time}`);
if (failedStage) console.log(`test: stopped at the first failing stage: ${failedStage}`);
if (totals.skipped > 0) console.log(`${totals.skipped} skipped`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedStage ? 1 : 0);
