// Slash data every GitGuild command shares: guild-only (no DMs, no user installs), and admin
// commands hidden from members by default (Manage Server), which server admins may still adjust
// in Server Settings → Integrations. The dispatcher checks admin rights again at run time.
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type SlashCommandStringOption,
} from 'discord.js';
import { METRIC_LABELS, METRICS, WINDOW_LABELS, WINDOWS } from '../format.js';
import { ADMIN_PERMISSION } from '../interaction/preconditions.js';

export function memberCommand(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}

export function adminCommand(name: string, description: string): SlashCommandBuilder {
  return memberCommand(name, description).setDefaultMemberPermissions(ADMIN_PERMISSION);
}

export const metricChoice = (option: SlashCommandStringOption, description: string) =>
  option
    .setName('metric')
    .setDescription(description)
    .addChoices(...METRICS.map((m) => ({ name: METRIC_LABELS[m], value: m })));

export const windowChoice = (option: SlashCommandStringOption, description: string) =>
  option
    .setName('window')
    .setDescription(description)
    .addChoices(...WINDOWS.map((w) => ({ name: WINDOW_LABELS[w], value: w })));
