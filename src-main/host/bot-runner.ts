// Runs the Discord bot for the host: starts it when a bot token is in the SecretStore, restarts
// it when the Discord endpoints change, lets the admin start, stop and restart it, and reports
// its status. Connecting happens in the background so the admin UI is up even while Discord is
// slow or the token is wrong. Parts that drive Discord themselves (sync applier, voice stats)
// get the ready client through `client` or `onReady`.
import type { Client } from 'discord.js';
import { DiscordBot, type BotEndpoints, type DiscordBotOptions } from '../../src-bot/client.js';
import type { BotPorts, BotStatus } from '../../src-bot/ports.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';

export interface BotRunnerOptions {
  secrets: SecretStore;
  logger: Logger;
  ports: BotPorts;
  /** Where Discord is, read at every (re)start. */
  endpoints: () => BotEndpoints;
  onStatus: (status: BotStatus) => void;
  /** Extra bot options (tests shorten the defer timer, the benchmark counts answers). */
  bot?: Pick<DiscordBotOptions, 'deferAfterMs' | 'onInteractionAnswered' | 'commands'>;
}

const NO_TOKEN =
  'No bot token yet: add one under Settings → Secrets (or GITGUILD_DISCORD_BOT_TOKEN with --secrets env).';
const STOPPED_BY_ADMIN =
  'Stopped from GitGuild. Start it again from the status bar or with bot.start.';

export class BotRunner {
  private bot: DiscordBot | null = null;
  private running: BotEndpoints | null = null;
  /** An admin's stop holds until an admin starts the bot again (a token change does not). */
  private held = false;
  private current: BotStatus = { state: 'not_configured', guilds: 0, detail: NO_TOKEN };
  private readonly readyListeners = new Set<(client: Client<true>) => void>();
  /** Serialises start/stop so a settings change during a connect cannot leave two clients. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: BotRunnerOptions) {}

  get status(): BotStatus {
    return { ...this.current };
  }

  /** The bot's logged-in discord.js client, or null when it is not connected. */
  get client(): Client<true> | null {
    return this.bot?.client ?? null;
  }

  /** Whether the member cache of a managed guild is complete (false while the bot is not ready). */
  membersComplete(guildId: string): boolean {
    return this.bot?.membersComplete(guildId) ?? false;
  }

  /**
   * Calls `listener` with the ready client now (if there is one) and after every new gateway
   * session; returns a function that removes it. For the sync applier and voice stats.
   */
  onReady(listener: (client: Client<true>) => void): () => void {
    this.readyListeners.add(listener);
    const client = this.client;
    if (client) listener(client);
    return () => this.readyListeners.delete(listener);
  }

  /** (Re)starts the bot if a token exists and no admin stopped it; resolves once launched. */
  start(): Promise<void> {
    return this.enqueue(() => (this.held ? Promise.resolve() : this.launch()));
  }

  /** Admin: start the bot (clears an earlier stop). A running bot is left as it is. */
  adminStart(): Promise<void> {
    return this.enqueue(async () => {
      this.held = false;
      if (this.bot && this.current.state !== 'error' && this.current.state !== 'stopped') return;
      await this.launch();
    });
  }

  /** Admin: stop the bot until an admin starts it again. */
  adminStop(): Promise<void> {
    return this.enqueue(async () => {
      this.held = true;
      await this.stopBot();
      this.setStatus({ state: 'stopped', guilds: 0, detail: STOPPED_BY_ADMIN });
    });
  }

  /** Admin: stop and start again (reads the token and endpoints afresh). */
  restart(): Promise<void> {
    return this.enqueue(async () => {
      this.held = false;
      await this.launch();
    });
  }

  /** Restarts only when the bot runs against different endpoints. */
  applyEndpoints(): Promise<void> {
    return this.enqueue(async () => {
      const next = this.options.endpoints();
      const same =
        this.running?.apiBaseUrl === next.apiBaseUrl &&
        this.running?.gatewayUrl === next.gatewayUrl;
      if (this.bot && !same) await this.launch();
    });
  }

  /** Registers commands and loads members in guilds that became managed. */
  async refreshManagedGuilds(): Promise<void> {
    await this.bot?.refreshManagedGuilds();
  }

  /** Host shutdown. */
  stop(): Promise<void> {
    return this.enqueue(() => this.stopBot());
  }

  private async launch(): Promise<void> {
    await this.stopBot();
    const endpoints = this.options.endpoints();
    const token = await this.readToken();
    if (!token) {
      this.setStatus({ state: 'not_configured', guilds: 0, detail: NO_TOKEN });
      return;
    }
    const bot = new DiscordBot({
      ...this.options.bot,
      endpoints,
      ports: this.options.ports,
      logger: this.options.logger.child('bot'),
      onStatus: (s) => this.onBotStatus(bot, s),
      onReady: (client) => {
        if (this.bot !== bot) return;
        for (const listener of this.readyListeners) {
          try {
            listener(client);
          } catch (error) {
            this.options.logger.error('bot ready listener failed', { error });
          }
        }
      },
    });
    this.bot = bot;
    this.running = endpoints;
    // Not awaited: login can take seconds; failures arrive as an `error` status with advice.
    bot.start(token).catch(() => undefined);
  }

  private async stopBot(): Promise<void> {
    const bot = this.bot;
    this.bot = null;
    this.running = null;
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
