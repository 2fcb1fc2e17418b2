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

const missing = ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon'].filter(
  (tool) => !onPath(tool),
);
const env = { ...process.env, GITGUILD_TEST_KEYRING: '1' };
let tempDir = null;
let child;

if (missing.length > 0) {
  console.error(
    `with-keyring: ${missing.join(', ')} not found; running without a Secret Service, so keychain tests will fail.\n` +
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
  // The daemon runs in the foreground so its pid is known: when daemonised it can outlive the bus.
  // The command starts only once the daemon owns the Secret Service name; a client arriving earlier
  // would D-Bus-activate a second, locked daemon.
  const script = [
    `printf '%s' gitguild-test | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &`,
    'keyring=$!',
    'tries=0',
    'until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; do',
    '  tries=$((tries + 1))',
    '  if [ "$tries" -ge 200 ] || ! kill -0 "$keyring" 2>/dev/null; then',
    `    echo 'with-keyring: gnome-keyring-daemon did not start its Secret Service.' >&2; kill "$keyring" 2>/dev/null; exit 97`,
    '  fi',
    '  sleep 0.05',
    'done',
    '"$@"',
    'status=$?',
    'kill "$keyring" 2>/dev/null; wait "$keyring" 2>/dev/null',
    'exit "$status"',
  ].join('\n');
  // Its own process group, so a signal can reach every process of the session: dbus-run-session
  // does not pass signals on to its child.
  child = spawn('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...command], {
    stdio: 'inherit',
    env,
    detached: true,
  });
}

function cleanUp() {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

function signalSession(signal) {
  try {
    // Without a private session the child shares our group; with one, it leads its own group.
    if (tempDir) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}

// The session runs in its own process group, so Ctrl-C from the terminal reaches only us: pass it on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => signalSession(signal));
}

child.on('error', (error) => {
  console.error(
    `with-keyring: could not start ${missing.length > 0 ? command[0] : 'dbus-run-session'}: ${error.message}`,
  );
  cleanUp();
  process.exit(127);
});

child.on('exit', (code, signal) => {
  // Anything of the session still running (a daemon started by D-Bus activation) goes with it.
  if (tempDir) signalSession('SIGTERM');
  cleanUp();
  process.exitCode = code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0);
});
