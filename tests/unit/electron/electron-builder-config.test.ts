// electron-builder.yml says what the issue asks for: the targets per platform, only built files
// in the package, and the security fuses. The packaging integration test then checks the packed
// binary itself where Electron can be downloaded.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const yml = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');

/** The `key: value` pairs of a top-level block, and the `- item` entries of its lists. */
function block(name: string): string {
  const match = new RegExp(`^${name}:\\n((?:[ ]{2}.*\\n|#.*\\n|\\s*\\n)*)`, 'm').exec(yml);
  if (!match?.[1]) throw new Error(`no ${name} block in electron-builder.yml`);
  return match[1];
}

describe('electron-builder.yml', () => {
  it('flips the security fuses at packaging', () => {
    const fuses = Object.fromEntries(
      [...block('electronFuses').matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)].map((m) => [
        m[1],
        m[2] === 'true',
      ]),
    );
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('builds AppImage and deb, NSIS and DMG', () => {
    expect(block('linux')).toMatch(/target:\n\s+- AppImage\n\s+- deb/);
    expect(block('win')).toMatch(/target:\n\s+- nsis/);
    expect(block('mac')).toMatch(/target:\n\s+- dmg/);
  });

  it('packs only the built output and the manifest, without source maps', () => {
    expect(
      block('files')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('- ')),
    ).toEqual(['- dist/**', '- package.json', "- '!dist/**/*.map'"]);
    expect(yml).toMatch(/^asar: true$/m);
  });
});
