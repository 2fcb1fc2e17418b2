// Runs the Discord bot for the host: starts it when a bot token is in the SecretStore, restarts
// it when the Discord base URL changes, and reports its status. Connecting happens in the
// background so the admin UI is up even while Discord is slow or the token is wrong.
import type { Client } from 'discord.js';
import { DiscordBot } from '../../src-bot/client.js';
import type { BotStatus } from '../../src-bot/ports.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';

export interface BotRunnerOptions {
  secrets: SecretStore;
  logger: Logger;
  onStatus: (status: BotStatus) => void;
}

export class BotRunner {
  private bot: DiscordBot | null = null;
  private apiBaseUrl: string | null = null;
  private current: BotStatus = {
    state: 'not_configured',
    guilds: 0,
    detail:
      'No bot token yet: add one under Settings → Secrets (or GITGUILD_DISCORD_BOT_TOKEN with --secrets env).',
  };
  /** Serialises start/stop so a settings change during a connect cannot leave two clients. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: BotRunnerOptions) {}

  get status(): BotStatus {
    return { ...this.current };
  }

  /** The current bot's discord.js client once it is ready, else null (sync and voice stats). */
  get client(): Client | null {
    return this.current.state === 'ready' ? (this.bot?.discordClient ?? null) : null;
  }

  /** (Re)starts the bot against `apiBaseUrl` if a token exists; resolves once the attempt is launched. */
  start(apiBaseUrl: string): Promise<void> {
    return this.enqueue(async () => {
      await this.stopBot();
      this.apiBaseUrl = apiBaseUrl;
      const token = await this.readToken();
      if (!token) {
        this.setStatus({
          state: 'not_configured',
          guilds: 0,
          detail:
            'No bot token yet: add one under Settings → Secrets (or GITGUILD_DISCORD_BOT_TOKEN with --secrets env).',
        });
        return;
      }
      const bot = new DiscordBot({
        apiBaseUrl,
        logger: this.options.logger.child('bot'),
        onStatus: (s) => this.onBotStatus(bot, s),
      });
      this.bot = bot;
      // Not awaited: login can take seconds; failures arrive as an `error` status with advice.
      bot.start(token).catch(() => undefined);
    });
  }

  /** Restarts only when the bot runs against a different base URL. */
  async applyBaseUrl(apiBaseUrl: string): Promise<void> {
    if (this.bot && this.apiBaseUrl !== apiBaseUrl) await this.start(apiBaseUrl);
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.stopBot());
  }

  private async stopBot(): Promise<void> {
    const bot = this.bot;
    this.bot = null;
    if (bot) await bot.stop();
  }

  private async readToken(): Promise<string | null> {
    const { secrets, logger } = this.options;
    if (!secrets.status().available) return null;
    try {
      return await secrets.get('discord.botToken');
    } catch (error) {
      logger.warn('could not read the bot token', { error });
      return null;
    }
  }

  private onBotStatus(bot: DiscordBot, status: BotStatus): void {
    // A stopped bot's last words must not overwrite the status of its replacement.
    if (this.bot === bot || this.bot === null) this.setStatus(status);
  }

  private setStatus(status: BotStatus): void {
    this.current = status;
    this.options.onStatus({ ...status });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch((error: unknown) =>
      this.options.logger.error('bot lifecycle step failed', { error }),
    );
    return run;
  }
}
