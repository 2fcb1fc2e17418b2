import type { Health } from '../../../src-main/api/contract.js';

export const sampleHealth: Health = {
  app: { name: 'GitGuild', version: '0.1.0' },
  versions: { node: process.versions.node, electron: null, discordJs: '14.0.0' },
  mode: 'headless',
  bot: { state: 'not_configured', guilds: 0 },
  scheduler: { state: 'idle', lastRunAt: null, nextRunAt: null },
  keychain: { available: true, backend: 'memory' },
  store: { ok: true },
  uptimeSeconds: 1,
};
