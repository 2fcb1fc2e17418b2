// Packaging: electron-builder packs the app unpacked (`--dir`) with the real Electron binary, and
// the result is checked: the asar holds only the built files, the manifest and runtime
// dependencies (no sources, tests, source maps or dev tools), and the fuses in the binary read
// back as set. It needs the Electron binary, which cannot be downloaded everywhere; without it
// the pack is skipped and says why. The asar check itself is exercised either way.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** A fuse's byte in the binary's fuse wire: ASCII '0' off, '1' on (@electron/fuses' FuseState). */
const FUSE = { off: 48, on: 49 } as const;

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
const binary = electronBinary();
const SKIP_REASON =
  'Electron binary is not installed on this machine (no internet to download it), so electron-builder cannot pack the app; run where `npm ci` downloads Electron';
if (!binary) console.log(`packaging.test: pack skipped: ${SKIP_REASON}`);

/** Package names the app needs at run time, from the lockfile (everything not dev-only). */
function runtimePackageNames(lockText: string): Set<string> {
  const lock = JSON.parse(lockText) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const names = new Set<string>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key || entry.dev || entry.devOptional) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    names.add(name);
  }
  return names;
}

/** The package an asar path under node_modules belongs to (`@scope/name` or `name`). */
function packageOf(path: string): string | null {
  const at = path.lastIndexOf('/node_modules/');
  if (at === -1) return null;
  const [first, second] = path.slice(at + '/node_modules/'.length).split('/');
  if (!first) return null;
  return first.startsWith('@') ? (second ? `${first}/${second}` : null) : first;
}

/** Asar entries that are not built output, the manifest or a runtime dependency. */
export function unexpectedAsarEntries(entries: readonly string[], runtime: Set<string>): string[] {
  return entries.filter((raw) => {
    const entry = raw.replace(/\\/g, '/');
    if (entry === '/package.json' || entry === '/dist' || entry === '/node_modules') return false;
    if (entry.startsWith('/dist/')) return entry.endsWith('.map');
    if (entry.startsWith('/node_modules/')) {
      const name = packageOf(entry);
      // Scope folders (`/node_modules/@octokit`) hold packages but are not one.
      if (name === null) return !/\/node_modules\/@[^/]+$/.test(entry);
      return !runtime.has(name);
    }
    return true;
  });
}

describe('the packaged app', () => {
  it('the asar check refuses sources, tests, source maps and dev dependencies', () => {
    const runtime = runtimePackageNames(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    expect(runtime.has('discord.js')).toBe(true);
    expect(runtime.has('vitest')).toBe(false);
    const entries = [
      '/package.json',
      '/dist',
      '/dist/main/electron.js',
      '/dist/renderer/tray/running-16.png',
      '/node_modules',
      '/node_modules/@discordjs',
      '/node_modules/@discordjs/rest/dist/index.js',
      '/node_modules/discord.js/package.json',
      '/dist/main/electron.js.map',
      '/src-main/electron/main.ts',
      '/tests/unit/electron/tray-state.test.ts',
      '/node_modules/vitest/package.json',
      '/node_modules/@doyensec/electronegativity/dist/index.js',
    ];
    expect(unexpectedAsarEntries(entries, runtime)).toEqual([
      '/dist/main/electron.js.map',
      '/src-main/electron/main.ts',
      '/tests/unit/electron/tray-state.test.ts',
      '/node_modules/vitest/package.json',
      '/node_modules/@doyensec/electronegativity/dist/index.js',
    ]);
  });

  it.skipIf(!binary)(
    'packs with electron-builder --dir: only built files and runtime dependencies, fuses set',
    { timeout: 600_000 },
    async () => {
      const out = await mkdtemp(join(tmpdir(), 'gitguild-pack-'));
      try {
        const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
          cwd: root,
          stdio: 'inherit',
        });
        expect(build.status).toBe(0);
        const platform =
          { darwin: '--mac', win32: '--win' }[process.platform as string] ?? '--linux';
        const electronDist = join(root, 'node_modules', 'electron', 'dist');
        const pack = spawnSync(
          process.execPath,
          [
            join(root, 'node_modules', 'electron-builder', 'cli.js'),
            '--dir',
            platform,
            '--publish',
            'never',
            `-c.directories.output=${out}`,
            `-c.electronDist=${electronDist}`,
            // Native modules are rebuilt for Electron in `npm run dist`; not needed to inspect.
            '-c.npmRebuild=false',
          ],
          { cwd: root, encoding: 'utf8' },
        );
        expect(pack.status, `${pack.stdout}\n${pack.stderr}`).toBe(0);

        const unpacked = readdirSync(out).find(
          (d) => d.endsWith('-unpacked') || d.startsWith('mac'),
        );
        expect(unpacked, `electron-builder output: ${readdirSync(out).join(', ')}`).toBeDefined();
        const appDir = join(out, unpacked!);
        const [resources, executable] =
          process.platform === 'darwin'
            ? [
                join(appDir, 'GitGuild.app', 'Contents', 'Resources'),
                join(appDir, 'GitGuild.app', 'Contents', 'MacOS', 'GitGuild'),
              ]
            : process.platform === 'win32'
              ? [join(appDir, 'resources'), join(appDir, 'GitGuild.exe')]
              : [join(appDir, 'resources'), join(appDir, 'gitguild')];

        const entries = listPackage(join(resources, 'app.asar'), { isPack: false });
        const runtime = runtimePackageNames(readFileSync(join(root, 'package-lock.json'), 'utf8'));
        expect(unexpectedAsarEntries(entries, runtime)).toEqual([]);
        expect(entries).toContain('/dist/main/electron.js');
        expect(entries).toContain('/dist/preload/preload.cjs');
        expect(entries).toContain('/dist/renderer/index.html');
        expect(entries.some((e) => e.startsWith('/dist/renderer/tray/'))).toBe(true);

        const wire = await getCurrentFuseWire(executable);
        expect({
          runAsNode: wire[FuseV1Options.RunAsNode],
          cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
          nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
          inspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
          asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
          onlyFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
          fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
        }).toEqual({
          runAsNode: FUSE.off,
          cookieEncryption: FUSE.on,
          nodeOptions: FUSE.off,
          inspectArguments: FUSE.off,
          asarIntegrity: FUSE.on,
          onlyFromAsar: FUSE.on,
          fileProtocolPrivileges: FUSE.off,
        });
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    },
  );
});
