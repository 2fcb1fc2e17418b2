// Registers the slash commands in one guild with a bulk overwrite, but only when they differ from
// what Discord already has (compared with discord.js's own ApplicationCommand#equals), and logs
// the difference. A restart with unchanged commands costs one GET per guild.
import type {
  APIApplicationCommand,
  ApplicationCommand,
  Guild,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotLogger } from './ports.js';

export interface CommandDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

export function diffCommands(
  existing: Iterable<ApplicationCommand>,
  desired: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
): CommandDiff {
  const current = [...existing];
  const diff: CommandDiff = { added: [], removed: [], changed: [] };
  for (const built of desired) {
    // Compare what goes over the wire: builders leave keys set to undefined (nsfw, dm_permission),
    // which equals() would read as "changed" on every start.
    const command = JSON.parse(JSON.stringify(built)) as typeof built;
    const match = current.find((c) => c.name === command.name);
    if (!match) diff.added.push(command.name);
    // enforceOptionOrder: Discord shows options in the order they are registered.
    // equals() reads raw API shapes too; its typings only name the fetched form (id, version).
    else if (!match.equals(command as unknown as APIApplicationCommand, true))
      diff.changed.push(command.name);
  }
  for (const command of current)
    if (!desired.some((d) => d.name === command.name)) diff.removed.push(command.name);
  return diff;
}

export const isEmptyDiff = (d: CommandDiff): boolean =>
  d.added.length + d.removed.length + d.changed.length === 0;

/** Returns the difference that was registered, or null when Discord was already up to date. */
export async function registerGuildCommands(
  guild: Guild,
  desired: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  logger: BotLogger,
): Promise<CommandDiff | null> {
  const existing = await guild.commands.fetch();
  const diff = diffCommands(existing.values(), desired);
  if (isEmptyDiff(diff)) {
    logger.debug('slash commands up to date', { guildId: guild.id, commands: desired.length });
    return null;
  }
  logger.info('registering slash commands', { guildId: guild.id, ...diff });
  await guild.commands.set([...desired]);
  return diff;
}
