// The one dispatcher for slash commands. For every interaction it: fixes the answer's visibility
// before the first response, arms a defer timer well inside Discord's 3-second window, checks the
// command's preconditions, defers at once when the command says its work may be slow, runs it,
// and sends any failure down one error path. Every interaction gets an answer; when even the
// answer fails (the interaction expired, Discord is down), that is logged.
import { randomUUID } from 'node:crypto';
import {
  DiscordAPIError,
  EmbedBuilder,
  RESTJSONErrorCodes,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { BotCommand, CommandContext } from '../commands/types.js';
import { COLORS } from '../format.js';
import { PortError, type BotLogger, type BotPorts } from '../ports.js';
import { CommandError } from './command-error.js';
import { checkPreconditions, isAdmin } from './preconditions.js';
import { InteractionResponder, type CommandReply } from './responder.js';

export interface DispatcherOptions {
  ports: BotPorts;
  logger: BotLogger;
  commands: readonly BotCommand[];
  /** When to defer a command that has not answered yet; Discord's deadline is 3 s. */
  deferAfterMs?: number;
  /** Told after each interaction, for the benchmark and the log. */
  onAnswered?: (info: {
    command: string;
    ms: number;
    outcome: 'ok' | 'refused' | 'failed';
  }) => void;
}

const MISSING_PERMISSION_CODES: number[] = [
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.MissingAccess,
];

export class CommandDispatcher {
  private readonly byName: Map<string, BotCommand>;

  constructor(private readonly options: DispatcherOptions) {
    this.byName = new Map(options.commands.map((c) => [c.data.name, c]));
  }

  /** Handles one InteractionCreate; resolves once the interaction is answered (or could not be). */
  async handle(interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand()) return;
    const started = performance.now();
    const command = this.byName.get(interaction.commandName);
    const responder = new InteractionResponder(interaction, command?.ephemeral ?? true);
    const timer = setTimeout(() => {
      responder.defer().catch((error: unknown) =>
        this.options.logger.warn('safety defer failed', {
          command: interaction.commandName,
          error,
        }),
      );
    }, this.options.deferAfterMs ?? 2000);
    let outcome: 'ok' | 'refused' | 'failed' = 'ok';
    try {
      const ctx = await this.prepare(interaction, command, responder);
      if (ctx.command.defer) await responder.defer();
      const reply = await ctx.command.run(ctx.context, ctx.args);
      await responder.send(reply);
    } catch (error) {
      outcome = error instanceof CommandError || error instanceof PortError ? 'refused' : 'failed';
      await this.fail(error, interaction, responder);
    } finally {
      clearTimeout(timer);
      const ms = performance.now() - started;
      this.options.logger.debug('interaction handled', {
        command: interaction.commandName,
        outcome,
        ms: Math.round(ms),
      });
      this.options.onAnswered?.({ command: interaction.commandName, ms, outcome });
    }
  }

  private async prepare(
    interaction: ChatInputCommandInteraction,
    command: BotCommand | undefined,
    responder: InteractionResponder,
  ): Promise<{ command: BotCommand; context: CommandContext; args: unknown }> {
    if (!command)
      throw new CommandError(
        'unknown_command',
        `GitGuild has no \`/${interaction.commandName}\` command any more. Type \`/\` to see the current ones, or \`/help\`.`,
      );
    if (!interaction.inCachedGuild())
      throw new CommandError(
        'not_in_guild',
        'GitGuild commands work inside a server it manages. If you are in one, try again in a minute.',
      );
    const { ports } = this.options;
    const guild = ports.guilds.forGuild(interaction.guildId);
    if (!guild || !ports.guilds.managedGuildIds().includes(interaction.guildId))
      throw new CommandError(
        'guild_not_managed',
        'GitGuild is not set up for this server yet. An admin adds it in the GitGuild app (Guilds).',
      );
    const args = command.parse(interaction);
    const checked = await checkPreconditions(command.preconditions, interaction, ports);
    const context: CommandContext = {
      interaction,
      ports,
      logger: this.options.logger,
      caller: {
        guildId: interaction.guildId,
        userId: interaction.user.id,
        username: interaction.user.username,
        displayName: interaction.member.displayName,
      },
      guild,
      link: checked.link,
      readiness: checked.readiness,
      isAdmin: isAdmin(interaction),
      commands: this.options.commands,
      responder,
    };
    return { command, context, args };
  }

  private async fail(
    error: unknown,
    interaction: ChatInputCommandInteraction,
    responder: InteractionResponder,
  ): Promise<void> {
    const { logger } = this.options;
    const command = interaction.commandName;
    let reply: CommandReply;
    if (error instanceof CommandError) {
      logger.info('command refused', { command, identifier: error.identifier, ...error.context });
      reply = { embeds: [notice(error.message, COLORS.warning)] };
    } else if (error instanceof PortError) {
      logger.info('command answered by a port', { command, identifier: error.identifier });
      reply = { embeds: [notice(error.message, COLORS.neutral)] };
    } else {
      const reference = randomUUID().slice(0, 8);
      logger.error('command failed', { command, reference, error });
      const missingPermission =
        error instanceof DiscordAPIError && MISSING_PERMISSION_CODES.includes(Number(error.code));
      reply = {
        embeds: [
          notice(
            missingPermission
              ? `GitGuild is missing a Discord permission it needs for \`/${command}\`. An admin can run \`/check_permissions\` to see which one and how to fix it. (Reference \`${reference}\`.)`
              : `Something went wrong while running \`/${command}\`. Nothing else was changed; try again in a minute. If it keeps happening, an admin can find the details in GitGuild's log under reference \`${reference}\`.`,
            COLORS.error,
          ),
        ],
      };
    }
    try {
      await responder.fail(reply);
    } catch (answerError) {
      logger.error('could not answer the interaction', {
        command,
        interactionId: interaction.id,
        error: answerError,
      });
    }
  }
}

function notice(message: string, color: number): EmbedBuilder {
  return new EmbedBuilder().setColor(color).setDescription(message);
}
