// The host configuration the desktop app starts with, as a plain function so tests build the same
// host main.ts builds: desktop mode, the OS keychain (the memory store only for development runs,
// see secrets-backend.ts) and OAuth sign-in opening the system browser through Electron's
// `shell.openExternal` (behind system-browser.ts's check).
import type { HostConfig } from '../host/create-host.js';
import type { Logger } from '../log/logger.js';
import { desktopSecretsBackend } from './secrets-backend.js';
import { systemBrowserOpener } from './system-browser.js';

export interface DesktopHostOptions {
  dataDir: string;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  /** Electron's `app.isPackaged`: an installed app ignores GITGUILD_SECRETS=memory. */
  isPackaged: boolean;
  /** Electron's `shell.openExternal`. */
  openExternal: (url: string) => Promise<void>;
  onSettingsChanged: NonNullable<HostConfig['onSettingsChanged']>;
}

export function desktopHostConfig(options: DesktopHostOptions): HostConfig {
  const { logger } = options;
  const secrets = desktopSecretsBackend(options.env, options.isPackaged);
  if (secrets.ignored) logger.warn(secrets.ignored);
  return {
    mode: 'desktop',
    dataDir: options.dataDir,
    logger,
    secrets: { backend: secrets.backend },
    openExternal: systemBrowserOpener(options.openExternal, logger),
    onSettingsChanged: options.onSettingsChanged,
  };
}
