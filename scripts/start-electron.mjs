// `npm start`: the desktop app. Electron is an optional dependency because its binary cannot be
// downloaded everywhere; when it is missing this says so and points to the browser UI instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

let electronBinary;
try {
  // The `electron` package exports the binary's path; it throws when the package or its
  // downloaded binary is missing, which covers both ways an install can come up short.
  electronBinary = require('electron');
  if (typeof electronBinary !== 'string' || !existsSync(electronBinary))
    throw new Error('no binary');
} catch {
  console.error(
    'Electron is not installed (its binary could not be downloaded). Run `npm run serve` for the same UI in your browser, or reinstall with internet access.',
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const main = join(root, 'dist', 'main', 'electron.js');
if (!existsSync(main)) {
  console.error(
    'dist/main/electron.js was not built (src-main/electron/main.ts is missing). Run `npm run serve` for the browser UI.',
  );
  process.exit(1);
}

const child = spawn(electronBinary, [main, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
