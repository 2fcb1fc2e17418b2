// The tray's one-line state, kept free of Electron so it is unit-tested.
import type { Health } from '../api/contract.js';

const BOT: Record<Health['bot']['state'], string> = {
  not_configured: 'bot not configured',
  connecting: 'bot connecting',
  ready: 'bot online',
  resuming: 'bot reconnecting',
  disconnected: 'bot disconnected',
  stopped: 'bot stopped',
  error: 'bot error',
};

const SCHEDULER: Record<Health['scheduler']['state'], string> = {
  idle: 'scheduler idle',
  running: 'sync running',
  stopped: 'scheduler stopped',
  error: 'scheduler error',
};

export function trayTooltip(health: Health): string {
  const guilds =
    health.bot.state === 'ready'
      ? ` in ${health.bot.guilds} guild${health.bot.guilds === 1 ? '' : 's'}`
      : '';
  const secrets = health.keychain.available ? '' : ', secrets unavailable';
  return `GitGuild ${health.app.version}: ${BOT[health.bot.state]}${guilds}, ${SCHEDULER[health.scheduler.state]}${secrets}`;
}
