// Type-checks src-main/electron against Electron's own type definitions. Electron is an optional
// dependency (its binary cannot be downloaded everywhere); without it there is nothing to check
// against, and this says so instead of failing or pretending.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const types = join(root, 'node_modules', 'electron', 'electron.d.ts');

if (!existsSync(types)) {
  console.log(
    'typecheck-electron: skipped: Electron not installed (node_modules/electron is missing), so src-main/electron was not type-checked. Where its binary cannot be downloaded, `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci` installs the package with its type definitions.',
  );
  process.exit(0);
}
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const result = spawnSync(
  process.execPath,
  [tsc, '-p', join(root, 'src-main', 'electron', 'tsconfig.json'), '--noEmit'],
  {
    stdio: 'inherit',
  },
);
if (result.status === 0)
  console.log(
    'typecheck-electron: src-main/electron is clean against node_modules/electron/electron.d.ts',
  );
process.exit(result.status ?? 1);
