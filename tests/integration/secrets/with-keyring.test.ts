// scripts/with-keyring.mjs is what CI runs the keychain tests under, so its contract is tested
// directly: exit codes pass through, the flag is set, the private keyring dir is removed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/with-keyring.mjs', import.meta.url));

function withKeyring(shellCommand: string) {
  return spawnSync(process.execPath, [script, 'sh', '-c', shellCommand], {
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('with-keyring', () => {
  it("passes the command's exit code through", () => {
    expect(withKeyring('exit 7').status).toBe(7);
    expect(withKeyring('exit 0').status).toBe(0);
  });

  it('gives the command the test flag and a private session bus, then removes the keyring directory', () => {
    const result = withKeyring(
      'echo "$GITGUILD_TEST_KEYRING|$XDG_DATA_HOME|$DBUS_SESSION_BUS_ADDRESS"; test -d "$XDG_DATA_HOME"',
    );
    expect(result.status).toBe(0);
    const [flag, dataHome, bus] = result.stdout.trim().split('|');
    expect(flag).toBe('1');
    expect(dataHome).toMatch(/gitguild-keyring-/);
    expect(bus).not.toBe(process.env.DBUS_SESSION_BUS_ADDRESS ?? '');
    expect(existsSync(dataHome ?? '')).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')(
    'leaves no keyring daemon or bus behind, even after a very short command',
    () => {
      const result = withKeyring('echo "$XDG_DATA_HOME"');
      const dataHome = result.stdout.trim();
      expect(dataHome).toMatch(/gitguild-keyring-/);
      // A daemonised gnome-keyring once outlived short sessions; find any process still carrying this session's dir.
      const survivors = readdirSync('/proc').filter((pid) => {
        if (!/^\d+$/.test(pid)) return false;
        try {
          return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(dataHome);
        } catch {
          return false; // exited meanwhile, or not ours to read
        }
      });
      expect(survivors).toEqual([]);
    },
  );

  it('refuses to run without a command', () => {
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage');
  });
});
