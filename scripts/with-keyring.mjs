#!/usr/bin/env node
// Runs a command inside a private D-Bus session with an unlocked gnome-keyring Secret Service, so
// keychain tests exercise the real thing without touching the developer's own keyring.
//
//   node scripts/with-keyring.mjs npx vitest run tests/integration/secrets
//
// The keyring lives in a temp dir (XDG_DATA_HOME/keyrings) that is removed afterwards. HOME is
// left alone on purpose: gnome-keyring only needs XDG_DATA_HOME, and npm/npx keep caches in HOME.
// GITGUILD_TEST_KEYRING=1 is always set for the command: keychain tests then require a working
// keychain and fail loudly, instead of skipping, when this script could not provide one.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/with-keyring.mjs <command> [args...]');
  process.exit(2);
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((tool) => !onPath(tool));
const env = { ...process.env, GITGUILD_TEST_KEYRING: '1' };
let tempDir = null;
let child;

if (missing.length > 0) {
  console.error(
    `with-keyring: ${missing.join(' and ')} not found; running without a Secret Service, so keychain tests will fail.\n` +
      '  Fix: scripts/install-system-deps.sh (or apt-get install dbus gnome-keyring).',
  );
  child = spawn(command[0], command.slice(1), { stdio: 'inherit', env });
} else {
  tempDir = mkdtempSync(join(tmpdir(), 'gitguild-keyring-'));
  const dataHome = join(tempDir, 'data');
  const runtimeDir = join(tempDir, 'runtime');
  // gnome-keyring and dbus refuse a runtime dir that others can read.
  mkdirSync(dataHome, { mode: 0o700 });
  mkdirSync(runtimeDir, { mode: 0o700 });
  Object.assign(env, { XDG_DATA_HOME: dataHome, XDG_RUNTIME_DIR: runtimeDir });
  // The keyring password is a throwaway: the keyring is created on first unlock and deleted afterwards.
  const script =
    `printf '%s' gitguild-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null || ` +
    `{ echo 'with-keyring: gnome-keyring-daemon failed to start or unlock the test keyring.' >&2; exit 97; }; exec "$@"`;
  child = spawn('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...command], { stdio: 'inherit', env });
}

function cleanUp() {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

// Ctrl-C reaches the whole foreground process group; TERM from a CI runner only reaches us, so pass it on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}

child.on('error', (error) => {
  console.error(`with-keyring: could not start ${missing.length > 0 ? command[0] : 'dbus-run-session'}: ${error.message}`);
  cleanUp();
  process.exit(127);
});

child.on('exit', (code, signal) => {
  cleanUp();
  process.exitCode = code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0);
});
