// Plain-language explanations for a missing keychain, each ending with how to fix it. They are
// shown in the UI and in `health`, so they name packages and commands rather than internals.

const HEADLESS_HINT =
  'On a headless server, start GitGuild with `--secrets env` and provide the secrets as environment variables or files (see the README).';

function unlockHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Open Keychain Access and make sure the login keychain exists and is unlocked.';
    case 'win32':
      return 'Windows Credential Manager should always be present; check that your user profile is loaded.';
    default:
      return (
        'Install a Secret Service provider and unlock it: GNOME Keyring (`apt-get install gnome-keyring`, unlocked at login) ' +
        'or KeePassXC with "Secret Service Integration" enabled and a database open.'
      );
  }
}

export function keytarLoadProblem(reason: string, platform: NodeJS.Platform): string {
  const rebuild =
    platform === 'linux'
      ? 'keytar is built from source on Linux: run `apt-get install libsecret-1-dev` (plus a C++ toolchain), then `npm rebuild keytar` and restart GitGuild.'
      : 'Reinstall GitGuild, or run `npm rebuild keytar` in a development checkout.';
  return `The OS keychain module (keytar) failed to load: ${reason}. ${rebuild} ${HEADLESS_HINT}`;
}

export function keychainProbeProblem(reason: string, platform: NodeJS.Platform): string {
  return `The OS keychain did not answer: ${reason}. ${unlockHint(platform)} GitGuild checks again the next time it needs a secret. ${HEADLESS_HINT}`;
}

export function keychainTimeoutProblem(seconds: number, platform: NodeJS.Platform): string {
  return (
    `The OS keychain did not answer within ${seconds} s; it may be locked and waiting for a password prompt nobody can see. ` +
    `${unlockHint(platform)} GitGuild checks again the next time it needs a secret. ${HEADLESS_HINT}`
  );
}
