import { describe, expect, it } from 'vitest';
import type { Health } from '../../../src-main/api/contract.js';
import { trayTooltip } from '../../../src-main/electron/tray-tooltip.js';

const health: Health = {
  app: { name: 'GitGuild', version: '0.1.0' },
  versions: { node: '22.0.0', electron: '40.8.5', discordJs: '14.28.1' },
  mode: 'desktop',
  bot: { state: 'not_configured', guilds: 0 },
  scheduler: { state: 'idle', lastRunAt: null, nextRunAt: null },
  keychain: { available: true, backend: 'keytar' },
  store: { ok: true },
  uptimeSeconds: 3,
};

describe('trayTooltip', () => {
  it('says the version, the bot state and the scheduler state', () => {
    expect(trayTooltip(health)).toBe('GitGuild 0.1.0: bot not configured, scheduler idle');
  });

  it('counts guilds once the bot is online', () => {
    expect(trayTooltip({ ...health, bot: { state: 'ready', guilds: 2 } })).toBe(
      'GitGuild 0.1.0: bot online in 2 guilds, scheduler idle',
    );
  });

  it('warns when secrets cannot be stored', () => {
    const noKeychain = {
      ...health,
      keychain: { available: false, backend: 'none' as const, problem: 'no Secret Service' },
    };
    expect(trayTooltip(noKeychain)).toContain('secrets unavailable');
  });
});
