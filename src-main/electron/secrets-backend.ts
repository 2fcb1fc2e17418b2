// Which SecretStore the desktop app opens. Always the OS keychain, except that a development run
// (`npm start`, the Electron e2e spec) may ask for the in-memory store with GITGUILD_SECRETS=memory.
// An installed app ignores that variable unless GITGUILD_DEV=1 is set too: a stray environment
// variable must not make an admin's tokens vanish at the next restart.

export interface DesktopSecretsChoice {
  backend: 'keytar' | 'memory';
  /** Why the environment's request was not followed, for the log. */
  ignored?: string;
}

export function desktopSecretsBackend(
  env: NodeJS.ProcessEnv,
  isPackaged: boolean,
): DesktopSecretsChoice {
  const requested = env['GITGUILD_SECRETS'];
  if (requested === undefined || requested === '' || requested === 'keytar') {
    return { backend: 'keytar' };
  }
  if (requested !== 'memory') {
    return {
      backend: 'keytar',
      ignored: `GITGUILD_SECRETS=${requested} is not a desktop backend; the desktop app uses the OS keychain.`,
    };
  }
  if (!isPackaged || env['GITGUILD_DEV'] === '1') return { backend: 'memory' };
  return {
    backend: 'keytar',
    ignored:
      'GITGUILD_SECRETS=memory is ignored by the installed app (set GITGUILD_DEV=1 as well for a development run); using the OS keychain.',
  };
}
