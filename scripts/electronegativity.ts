// Runs Doyensec's electronegativity over the desktop app: the Electron main process and preload
// (src-main/electron), the renderer (src-renderer) and the manifest. `npm test` runs it through
// tests/unit/electron/electronegativity.test.ts; `npm run electronegativity` prints the report.
// A finding above informational fails, and so does a file it cannot parse (a file it could not
// read is a file it did not check). An accepted finding carries an `eng-disable <CHECK>` comment
// on its line, beside the comment that says why it is accepted.
//
// It runs offline: the tool fetches translations and Electron's release list from GitHub on
// every run; here its HTTP client (`got`) answers "offline" at once, and the release check
// (AVAILABLE_SECURITY_FIXES) is left out because it needs that list. Electron's version comes
// from the lockfile instead.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** What electronegativity reads: the app's own code and manifest, nothing from node_modules. */
export const SCANNED = ['package.json', 'src-main/electron', 'src-renderer'];
const SCANNED_FILE = /(\.(ts|tsx|js|jsx|mjs|html)|package\.json)$/;

/** Checks that need the network, left out of an offline run. */
export const OFFLINE_EXCLUSIONS = ['AvailableSecurityFixesGlobalCheck'];

/** The parts of the tool's (untyped) programmatic API used here. */
interface ToolIssue {
  id: string;
  file: string;
  location?: { line: number };
  description: string;
  severity?: { name?: string };
  confidence?: { name?: string };
}
interface ToolResult {
  globalChecks: number;
  atomicChecks: number;
  issues: ToolIssue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}
type ToolRun = (options: {
  input: string;
  isRelative: boolean;
  electronVersionOverride: string;
  excludeFromScan: string[];
}) => Promise<ToolResult>;

export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number | undefined;
  description: string;
}

export interface ScanReport {
  checks: number;
  /** Above informational: each one fails the test. */
  findings: Finding[];
  notes: Finding[];
  /** Files the tool could not parse. */
  errors: { file: string; message: string }[];
  /** Every eng-disable directive: the findings we accepted. */
  accepted: { file: string; line: number; checks: string }[];
}

function keepOffline(): void {
  const toolManifest = require.resolve('@doyensec/electronegativity/package.json');
  const gotPath = createRequire(toolManifest).resolve('got');
  const offline = (): Promise<never> =>
    Promise.reject(new Error('electronegativity runs offline here'));
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: Object.assign(offline, { default: offline }),
  } as unknown as NodeJS.Module;
}

export function lockedElectronVersion(dir = root): string {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, { version?: string }>;
  };
  const version = lock.packages?.['node_modules/electron']?.version;
  if (!version) throw new Error('electron is not in package-lock.json');
  return version;
}

function copyTree(from: string, to: string): void {
  if (statSync(from).isDirectory()) {
    for (const entry of readdirSync(from)) copyTree(join(from, entry), join(to, entry));
  } else if (SCANNED_FILE.test(from)) {
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to);
  }
}

/** Copies what is scanned into `stageDir`, keeping the repository's paths. */
export function stageApp(stageDir: string, sources = SCANNED, from = root): string {
  rmSync(stageDir, { recursive: true, force: true });
  for (const source of sources) copyTree(join(from, source), join(stageDir, source));
  return stageDir;
}

const SEVERITY_ORDER = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** Every `eng-disable` directive under `dir`. */
export function acceptedFindings(dir: string): ScanReport['accepted'] {
  const out: ScanReport['accepted'] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
      return;
    }
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        const match = /eng-disable\s+([A-Z_ ]+)/.exec(text);
        if (match?.[1]) {
          out.push({ file: relative(dir, path), line: index + 1, checks: match[1].trim() });
        }
      });
  };
  walk(dir);
  return out;
}

export async function scan(
  dir: string,
  electronVersion = lockedElectronVersion(),
): Promise<ScanReport> {
  keepOffline();
  const run = require('@doyensec/electronegativity') as ToolRun;
  const log = console.log;
  // The tool prints "Could not retrieve updated translations" when its fetch fails: expected.
  console.log = () => undefined;
  let result: ToolResult;
  try {
    result = await run({
      input: dir,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: OFFLINE_EXCLUSIONS,
    });
  } finally {
    console.log = log;
  }
  const describe = (issue: ToolIssue): Finding => ({
    id: issue.id,
    severity: issue.severity?.name ?? 'UNKNOWN',
    confidence: issue.confidence?.name ?? 'UNKNOWN',
    file: issue.file,
    line: issue.location?.line,
    description: issue.description,
  });
  const aboveInformational = (issue: ToolIssue): boolean =>
    SEVERITY_ORDER.indexOf(issue.severity?.name ?? 'UNKNOWN') !== 0;
  return {
    checks: result.globalChecks + result.atomicChecks,
    findings: result.issues.filter(aboveInformational).map(describe),
    notes: result.issues.filter((i) => !aboveInformational(i)).map(describe),
    errors: result.errors
      .filter((e) => !e.tolerable)
      .map((e) => ({ file: relative(dir, e.file), message: e.message })),
    accepted: acceptedFindings(dir),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await scan(stageApp(join(root, '.tmp', 'electronegativity')));
  console.log(
    `electronegativity: ${report.checks} checks over ${SCANNED.join(', ')} (Electron ${lockedElectronVersion()}), offline`,
  );
  for (const f of report.findings) {
    console.log(`  FINDING ${f.severity} ${f.id} ${f.file}:${f.line ?? '?'} ${f.description}`);
  }
  for (const e of report.errors) console.log(`  NOT PARSED ${e.file}: ${e.message}`);
  for (const n of report.notes) console.log(`  note ${n.id} ${n.file}:${n.line ?? '?'}`);
  for (const a of report.accepted) {
    console.log(`  accepted ${a.checks} at ${a.file}:${a.line} (the comment beside it says why)`);
  }
  const problems = report.findings.length + report.errors.length;
  console.log(
    problems === 0
      ? 'electronegativity: nothing above informational'
      : `electronegativity: ${problems} problem(s)`,
  );
  process.exitCode = problems === 0 ? 0 : 1;
}
