// Version facts reported by `health`. The app version comes from package.json at build time
// (esbuild inlines the JSON), so the bundled host needs no file lookup at runtime.
import { version as discordJsVersion } from 'discord.js';
import packageJson from '../../package.json' with { type: 'json' };
import type { Health } from '../api/contract.js';

export const APP_VERSION: string = packageJson.version;

export function runtimeVersions(): Health['versions'] {
  return {
    node: process.versions.node,
    // Set only inside an Electron process; the headless host reports null.
    electron: process.versions['electron'] ?? null,
    discordJs: discordJsVersion,
  };
}
