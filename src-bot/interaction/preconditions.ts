// Preconditions (Sapphire's `preconditions/`): checked by the dispatcher before a command runs,
// each either passing (and filling in what it looked up) or refusing with a CommandError that
// tells the member what to do.
import type { ChatInputCommandInteraction } from 'discord.js';
import { PermissionFlagsBits } from 'discord.js';
import type { Precondition } from '../commands/types.js';
import type { BotPorts, LinkView, StatsReadiness } from '../ports.js';
import { CommandError } from './command-error.js';

/** Admin commands need Manage Server, the permission Discord shows them to by default too. */
export const ADMIN_PERMISSION = PermissionFlagsBits.ManageGuild;

export function isAdmin(interaction: ChatInputCommandInteraction<'cached'>): boolean {
  return interaction.memberPermissions.has(ADMIN_PERMISSION);
}

export interface PreconditionResults {
  link: LinkView | null;
  readiness: Extract<StatsReadiness, { ready: true }> | null;
}

export async function checkPreconditions(
  preconditions: readonly Precondition[],
  interaction: ChatInputCommandInteraction<'cached'>,
  ports: BotPorts,
): Promise<PreconditionResults> {
  const results: PreconditionResults = { link: null, readiness: null };
  for (const precondition of preconditions) {
    switch (precondition) {
      case 'admin':
        if (!isAdmin(interaction))
          throw new CommandError(
            'not_admin',
            `Only server admins (members with **Manage Server**) can use \`/${interaction.commandName}\`.`,
          );
        break;
      case 'linked':
        results.link = await ports.links.linkOf(interaction.user.id);
        if (!results.link)
          throw new CommandError(
            'not_linked',
            'You have not linked a GitHub account yet. Link yours with `/link` first.',
          );
        break;
      case 'data': {
        const readiness = await ports.stats.readiness(interaction.guildId);
        if (!readiness.ready)
          throw new CommandError('data_not_ready', readiness.message, { reason: readiness.reason });
        results.readiness = readiness;
        break;
      }
    }
  }
  return results;
}
