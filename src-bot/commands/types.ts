// What a command file exports: its slash data (the discord.js guide's `data`) and how the
// dispatcher should run it, next to the handler itself.
import type {
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandReply, InteractionResponder } from '../interaction/responder.js';
import type {
  BotLogger,
  BotPorts,
  GuildBotSettings,
  LinkView,
  MemberRef,
  StatsReadiness,
} from '../ports.js';

export type Precondition = 'admin' | 'linked' | 'data';

export interface CommandContext {
  interaction: ChatInputCommandInteraction<'cached'>;
  ports: BotPorts;
  logger: BotLogger;
  caller: MemberRef & { username: string; displayName: string };
  guild: GuildBotSettings;
  /** The caller's link; set whenever the `linked` precondition ran (null otherwise if unlinked). */
  link: LinkView | null;
  /** Set when the `data` precondition ran: the guild's org and whether its data is partial. */
  readiness: Extract<StatsReadiness, { ready: true }> | null;
  /** Whether the caller may run admin commands (Manage Server). */
  isAdmin: boolean;
  /** Every registered command, for /help. */
  commands: readonly BotCommand[];
  responder: InteractionResponder;
}

export interface BotCommand<Args = unknown> {
  /** `new SlashCommandBuilder()…toJSON()`: name, options, default member permissions, contexts. */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Checked in this order before `run`; a refusal is answered only to the caller. */
  preconditions: readonly Precondition[];
  /** Whether the answer is only for the caller; fixed before the first response. */
  ephemeral: boolean;
  /** Defer at once because the work reads stats, renders images or calls Discord or GitHub. */
  defer: boolean;
  /**
   * Reads and checks the options before anything is sent, so a bad value is refused privately
   * even for commands whose answer is public. Throws CommandError('bad_option', …).
   */
  parse(interaction: ChatInputCommandInteraction<'cached'>): Args;
  run(ctx: CommandContext, args: Args): Promise<CommandReply>;
}

/** Declares a command with typed options; the registry holds them as `BotCommand`. */
export function defineCommand<Args>(command: BotCommand<Args>): BotCommand {
  return command as BotCommand;
}
