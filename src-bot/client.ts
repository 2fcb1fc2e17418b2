// The Discord bot's lifecycle around one discord.js Client: connect, track state and guild count,
// disconnect. The REST base URL is a parameter so the local simulator can stand in for Discord.
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { BotLogger, BotState, BotStatus, BotStatusListener } from './ports.js';

export interface DiscordBotOptions {
  /** e.g. `https://discord.com/api`; discord.js appends `/v10` and finds the gateway through it. */
  apiBaseUrl: string;
  logger: BotLogger;
  onStatus?: BotStatusListener;
}

/** Turns a login failure into advice an admin can act on, without echoing the token. */
function explainLoginFailure(error: unknown, token: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'TokenInvalid' || (error as { status?: unknown } | null)?.status === 401) {
    return 'Discord rejected the bot token. Copy a fresh token from the Developer Portal (Bot > Reset Token).';
  }
  const message = error instanceof Error ? error.message : String(error);
  // @discordjs/ws reports gateway close code 4014 only as a plain Error with this message.
  if (code === 'DisallowedIntents' || code === 4014 || /disallowed intents/i.test(message)) {
    return 'Discord refused the Server Members intent. Enable "Server Members Intent" under Bot > Privileged Gateway Intents.';
  }
  // The detail reaches the UI, which the logger's redaction does not cover.
  return `Could not connect to Discord: ${message.split(token).join('[redacted]')}`;
}

export class DiscordBot {
  private client: Client | null = null;
  private current: BotStatus = { state: 'not_configured', guilds: 0 };
  private stopping = false;

  constructor(private readonly options: DiscordBotOptions) {}

  get status(): BotStatus {
    return { ...this.current };
  }

  /** The running discord.js client (sync branch: the role applier and voice stats use it). */
  get discordClient(): Client | null {
    return this.client;
  }

  /** Logs in; resolves once the gateway session is up, or rejects with an explained failure. */
  async start(token: string): Promise<void> {
    if (this.client) throw new Error('The bot is already started; stop it first.');
    this.options.logger.addSecret(token);
    this.stopping = false;
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
      rest: { api: this.options.apiBaseUrl },
    });
    this.client = client;
    this.watch(client);
    this.setStatus('connecting');
    try {
      await client.login(token);
    } catch (error) {
      const detail = explainLoginFailure(error, token);
      this.options.logger.error('bot login failed', { detail });
      this.client = null;
      await client.destroy();
      this.setStatus('error', detail);
      throw new Error(detail, { cause: error });
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.stopping = true;
    this.client = null;
    await client.destroy();
    this.setStatus('disconnected', 'Stopped.');
  }

  private watch(client: Client): void {
    client.once(Events.ClientReady, (ready) => {
      this.options.logger.info('bot ready', {
        user: ready.user.tag,
        guilds: ready.guilds.cache.size,
      });
      this.setStatus('ready');
    });
    client.on(Events.GuildCreate, () => this.refreshGuilds(client));
    client.on(Events.GuildDelete, () => this.refreshGuilds(client));
    client.on(Events.ShardDisconnect, (event) => {
      if (this.stopping) return;
      this.setStatus(
        'disconnected',
        `Gateway closed (code ${event.code}); discord.js will reconnect.`,
      );
    });
    client.on(Events.ShardReconnecting, () => {
      if (!this.stopping) this.setStatus('connecting', 'Reconnecting to the gateway.');
    });
    client.on(Events.ShardResume, () => this.setStatus('ready'));
    client.on(Events.Invalidated, () =>
      this.setStatus('error', 'Discord invalidated the session; restart the bot.'),
    );
    client.on(Events.Error, (error) =>
      this.options.logger.error('discord client error', { error }),
    );
    client.on(Events.Warn, (message) =>
      this.options.logger.warn('discord client warning', { message }),
    );
  }

  private refreshGuilds(client: Client): void {
    if (this.client !== client) return;
    this.setStatus(this.current.state, this.current.detail);
  }

  private setStatus(state: BotState, detail?: string): void {
    const guilds = this.client?.guilds.cache.size ?? 0;
    const next: BotStatus = detail === undefined ? { state, guilds } : { state, guilds, detail };
    const changed =
      next.state !== this.current.state ||
      next.guilds !== this.current.guilds ||
      next.detail !== this.current.detail;
    this.current = next;
    if (changed) this.options.onStatus?.({ ...next });
  }
}
