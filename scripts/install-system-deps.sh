#!/bin/sh
# Installs the Debian packages GitGuild's keychain and browser tests need, and rebuilds keytar
# when it was built (or skipped) before libsecret was present. Idempotent and silent when there
# is nothing to do; used by `npm test` (scripts/test.mjs) and CI (.ci/run).
#
#   chromium          Playwright drives Debian's /usr/bin/chromium (no browser download here)
#   libsecret-1-dev   keytar compiles against it (keytar is built from source on Linux)
#   gnome-keyring     the Secret Service the keychain integration tests talk to
#   dbus, dbus-x11    dbus-run-session for a private session bus (scripts/with-keyring.mjs)
#
# Without root or password-less sudo it prints what is missing and exits 0, so the tests still
# run and report the keychain as unavailable. A failed install or rebuild exits 1.
set -u

PACKAGES="chromium libsecret-1-dev gnome-keyring dbus dbus-x11"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOG=$(mktemp "${TMPDIR:-/tmp}/gitguild-system-deps.XXXXXX")
trap 'rm -f "$LOG"' EXIT

say() { printf 'install-system-deps: %s\n' "$*" >&2; }
fail() {
  say "$*"
  if [ -s "$LOG" ]; then
    say "last lines of the output:"
    tail -n 25 "$LOG" >&2
  fi
  exit 1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# ok: loads | broken: present but its native module is missing or stale | absent: npm dropped the
# optional dependency after its build failed | no-node-modules: dependencies not installed yet
keytar_state() {
  if [ ! -d "$ROOT/node_modules" ]; then echo no-node-modules
  elif [ ! -f "$ROOT/node_modules/keytar/package.json" ]; then echo absent
  elif (cd "$ROOT" && node -e "require('keytar')") >/dev/null 2>&1; then echo ok
  else echo broken
  fi
}

if ! command -v dpkg-query >/dev/null 2>&1; then
  # Not Debian: say what is needed in terms of commands and leave the choice of packages to the user.
  absent=""
  command -v chromium >/dev/null 2>&1 || absent="$absent chromium"
  command -v gnome-keyring-daemon >/dev/null 2>&1 || absent="$absent gnome-keyring"
  command -v dbus-run-session >/dev/null 2>&1 || absent="$absent dbus(dbus-run-session)"
  pkg-config --exists libsecret-1 2>/dev/null || absent="$absent libsecret(development headers)"
  [ -n "$absent" ] && say "not a Debian system; install these with your package manager:$absent"
  exit 0
fi

missing=""
for package in $PACKAGES; do
  installed "$package" || missing="$missing $package"
done

keytar=$(keytar_state)
if [ "$keytar" = broken ] || [ "$keytar" = absent ]; then
  # node-gyp needs a compiler, make and python to rebuild keytar.
  { command -v make && command -v g++ && command -v python3; } >/dev/null 2>&1 || missing="$missing build-essential python3"
fi

if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    as_root="sudo -n"
  else
    say "missing system packages:$missing"
    say "install them with: sudo apt-get install$missing   (continuing without them; keychain tests will report it)"
    exit 0
  fi
  say "installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt run (unattended-upgrades, a parallel job) instead of failing on its lock.
  $as_root apt-get -o DPkg::Lock::Timeout=300 update -q >"$LOG" 2>&1 || fail "apt-get update failed"
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  $as_root apt-get -o DPkg::Lock::Timeout=300 install -y -q $missing >>"$LOG" 2>&1 || fail "apt-get install failed for:$missing"
  : >"$LOG"
fi

# keytar only builds once libsecret's headers are there; fix it up now that they are.
if installed libsecret-1-dev; then
  case "$keytar" in
    broken)
      say "keytar's native module is missing; rebuilding it"
      (cd "$ROOT" && npm rebuild keytar) >"$LOG" 2>&1 || fail "npm rebuild keytar failed"
      ;;
    absent)
      # npm removes an optional dependency whose build failed, so there is nothing to rebuild:
      # install it again at the locked version, without touching package.json or the lockfile.
      version=$(cd "$ROOT" && node -e "
        const lock = require('./package-lock.json');
        const pkg = require('./package.json');
        process.stdout.write(lock.packages?.['node_modules/keytar']?.version ?? pkg.optionalDependencies?.keytar ?? '');
      " 2>/dev/null)
      [ -n "$version" ] || fail "keytar is not installed and package.json does not list it"
      say "keytar is not installed (npm drops it when its native build fails); installing keytar@$version"
      (cd "$ROOT" && npm install --no-save --no-audit --no-fund "keytar@$version") >"$LOG" 2>&1 ||
        fail "npm install keytar@$version failed"
      ;;
  esac
  if [ "$keytar" = broken ] || [ "$keytar" = absent ]; then
    [ "$(keytar_state)" = ok ] || fail "keytar still does not load after the rebuild; GitGuild will report the keychain as unavailable"
  fi
fi
exit 0
