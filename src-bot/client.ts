// The Discord bot around one discord.js Client: connect, report state, keep managed guilds ready
// (slash commands registered, member cache complete), answer interactions through the one
// dispatcher, and tell the host when members join or leave. The host builds it with its ports.
import { Client, Events, GatewayCloseCodes, type Guild } from 'discord.js';
import { botClientOptions, type BotEndpoints } from './client-options.js';
import { registerGuildCommands } from './command-registration.js';
import { COMMANDS, type BotCommand } from './commands/index.js';
import { CommandDispatcher, type DispatcherOptions } from './interaction/dispatcher.js';
import { explainGatewayClose, explainLoginFailure, type BotFailure } from './login-failure.js';
import { ManagedMemberCache } from './member-cache.js';
import type { BotLogger, BotPorts, BotState, BotStatus, BotStatusListener } from './ports.js';

export type { BotEndpoints } from './client-options.js';

export interface DiscordBotOptions {
  endpoints: BotEndpoints;
  logger: BotLogger;
  ports: BotPorts;
  /** Defaults to every GitGuild command. */
  commands?: readonly BotCommand[];
  onStatus?: BotStatusListener;
  /**
   * Called with the ready client after login and after every new gateway session, for the parts
   * that drive Discord themselves (the sync applier, voice stats).
   */
  onReady?: (client: Client<true>) => void;
  /** Milliseconds before an unanswered interaction is deferred (Discord allows 3 s). */
  deferAfterMs?: number;
  onInteractionAnswered?: DispatcherOptions['onAnswered'];
}

/** Gateway closes after which discord.js gives up instead of reconnecting. */
const FATAL_CLOSE_CODES: number[] = [
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
];

export class DiscordBot {
  private current: Client | null = null;
  private state: BotStatus = { state: 'not_configured', guilds: 0 };
  private stopping = false;
  private readonly commands: readonly BotCommand[];
  private readonly dispatcher: CommandDispatcher;
  private readonly members: ManagedMemberCache;

  constructor(private readonly options: DiscordBotOptions) {
    this.commands = options.commands ?? COMMANDS;
    this.members = new ManagedMemberCache(options.logger);
    this.dispatcher = new CommandDispatcher({
      ports: options.ports,
      logger: options.logger,
      commands: this.commands,
      ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
      ...(options.onInteractionAnswered ? { onAnswered: options.onInteractionAnswered } : {}),
    });
  }

  get status(): BotStatus {
    return { ...this.state };
  }

  /** The logged-in client, or null while connecting or stopped. */
  get client(): Client<true> | null {
    return this.current?.isReady() ? this.current : null;
  }

  /** Whether the member cache of a managed guild holds every member (after the first request). */
  membersComplete(guildId: string): boolean {
    return this.members.isComplete(guildId);
  }

  /** Logs in; resolves once the gateway session is up, or rejects with an explained failure. */
  async start(token: string): Promise<void> {
    if (this.current) throw new Error('The bot is already started; stop it first.');
    this.options.logger.addSecret(token);
    this.stopping = false;
    const client: Client = new Client(
      botClientOptions(this.options.endpoints, {
        isManaged: (guildId) => this.isManaged(guildId),
        selfId: () => client.user?.id,
      }),
    );
    this.current = client;
    this.watch(client);
    this.setStatus('connecting');
    try {
      await client.login(token);
    } catch (error) {
      if (this.current !== client) return;
      const failure = explainLoginFailure(error, token);
      this.options.logger.error('bot login failed', {
        reason: failure.reason,
        detail: failure.detail,
      });
      this.current = null;
      await client.destroy();
      this.fail(failure);
      throw new Error(failure.detail, { cause: error });
    }
  }

  async stop(): Promise<void> {
    const client = this.current;
    if (!client) return;
    this.stopping = true;
    this.current = null;
    await client.destroy();
    this.setStatus('stopped', 'Stopped.');
  }

  /**
   * Call after the managed guild list changes: registers commands and completes the member
   * cache in guilds that are now managed. Guilds no longer managed keep their commands, which
   * then answer that GitGuild is not set up there.
   */
  async refreshManagedGuilds(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await Promise.all(
      client.guilds.cache.filter((g) => this.isManaged(g.id)).map((g) => this.prepareGuild(g)),
    );
  }

  private isManaged(guildId: string): boolean {
    return this.options.ports.guilds.managedGuildIds().includes(guildId);
  }

  private async prepareGuild(guild: Guild): Promise<void> {
    const { logger } = this.options;
    const [commands, members] = await Promise.allSettled([
      registerGuildCommands(
        guild,
        this.commands.map((c) => c.data),
        logger,
      ),
      this.members.ensure(guild),
    ]);
    if (commands.status === 'rejected')
      logger.error('could not register slash commands', {
        guildId: guild.id,
        error: commands.reason,
      });
    if (members.status === 'rejected')
      logger.error('could not load the member list', { guildId: guild.id, error: members.reason });
  }

  private prepareAll(client: Client<true>): void {
    for (const guild of client.guilds.cache.values())
      if (this.isManaged(guild.id)) void this.prepareGuild(guild);
  }

  private watch(client: Client): void {
    const { logger, ports } = this.options;
    const mine = () => this.current === client && !this.stopping;
    client.once(Events.ClientReady, (ready) => {
      if (!mine()) return;
      logger.info('bot ready', { user: ready.user.tag, guilds: ready.guilds.cache.size });
      this.setStatus('ready');
      this.prepareAll(ready);
      this.options.onReady?.(ready);
    });
    // The first session's ShardReady precedes ClientReady; later ones are new sessions after
    // a failed resume, which may have missed member events.
    client.on(Events.ShardReady, () => {
      if (!mine() || !client.isReady()) return;
      this.members.newSession();
      this.setStatus('ready');
      this.prepareAll(client);
      this.options.onReady?.(client);
    });
    client.on(Events.ShardResume, () => {
      if (mine()) this.setStatus('ready');
    });
    client.on(Events.ShardReconnecting, () => {
      if (mine())
        this.setStatus(
          'resuming',
          'The gateway connection dropped; discord.js is resuming the session.',
        );
    });
    client.on(Events.ShardDisconnect, (event) => {
      if (!mine()) return;
      if (FATAL_CLOSE_CODES.includes(event.code)) this.fail(explainGatewayClose(event.code));
      else
        this.setStatus(
          'disconnected',
          `Gateway closed (code ${event.code}); discord.js will reconnect.`,
        );
    });
    client.on(Events.Invalidated, () => {
      if (mine())
        this.fail({
          reason: 'session_invalidated',
          detail: 'Discord invalidated the session; restart the bot.',
        });
    });
    client.on(Events.GuildCreate, (guild) => {
      if (!mine()) return;
      this.refreshGuilds();
      if (client.isReady() && this.isManaged(guild.id)) void this.prepareGuild(guild);
    });
    client.on(Events.GuildDelete, () => {
      if (mine()) this.refreshGuilds();
    });
    client.on(Events.GuildMemberAdd, (member) => {
      if (!mine() || member.user.bot || !this.isManaged(member.guild.id)) return;
      ports.sync.syncMember({ guildId: member.guild.id, userId: member.id }, 'member_join');
    });
    client.on(Events.GuildMemberRemove, (member) => {
      if (!mine() || !this.isManaged(member.guild.id)) return;
      ports.sync.memberLeft({ guildId: member.guild.id, userId: member.id });
    });
    client.on(Events.InteractionCreate, (interaction) => {
      if (!mine()) return;
      this.dispatcher
        .handle(interaction)
        .catch((error: unknown) => logger.error('interaction handling crashed', { error }));
    });
    client.on(Events.Error, (error) => logger.error('discord client error', { error }));
    client.on(Events.Warn, (message) => logger.warn('discord client warning', { message }));
  }

  private refreshGuilds(): void {
    this.setStatus(this.state.state, this.state.detail, this.state.reason);
  }

  private fail(failure: BotFailure): void {
    this.setStatus('error', failure.detail, failure.reason);
  }

  private setStatus(state: BotState, detail?: string, reason?: BotFailure['reason']): void {
    const guilds = this.current?.guilds.cache.size ?? 0;
    const next: BotStatus = {
      state,
      guilds,
      ...(detail === undefined ? {} : { detail }),
      ...(state === 'error' && reason !== undefined ? { reason } : {}),
    };
    const changed =
      next.state !== this.state.state ||
      next.guilds !== this.state.guilds ||
      next.detail !== this.state.detail ||
      next.reason !== this.state.reason;
    this.state = next;
    if (changed) this.options.onStatus?.({ ...next });
  }
}
