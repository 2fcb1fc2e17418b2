// The bot's invite link asks for exactly what GitGuild does with a guild, nothing more: each
// permission below names the feature that needs it, and the integer is computed from the list.
// A feature that needs a new permission adds a row here (and the README's table).
import { PermissionFlagsBits } from 'discord.js';
import type { Settings } from '../store/types.js';
import { discordWebBase } from './providers.js';

export const BOT_PERMISSIONS = [
  {
    name: 'View Channels',
    flag: PermissionFlagsBits.ViewChannel,
    why: 'see the channels it posts in and the voice stats category',
  },
  {
    name: 'Send Messages',
    flag: PermissionFlagsBits.SendMessages,
    why: 'post role changes to the audit channel',
  },
  {
    name: 'Embed Links',
    flag: PermissionFlagsBits.EmbedLinks,
    why: 'stats, hall of fame and audit posts are embeds',
  },
  {
    name: 'Attach Files',
    flag: PermissionFlagsBits.AttachFiles,
    why: 'charts and rank cards are PNG attachments',
  },
  {
    name: 'Read Message History',
    flag: PermissionFlagsBits.ReadMessageHistory,
    why: 'find its own earlier posts to edit them instead of posting again',
  },
  {
    name: 'Manage Roles',
    flag: PermissionFlagsBits.ManageRoles,
    why: 'give and take the roles your mappings manage (only roles below its own)',
  },
  {
    name: 'Manage Channels',
    flag: PermissionFlagsBits.ManageChannels,
    why: 'create and rename the voice stats channels',
  },
  {
    name: 'Connect',
    flag: PermissionFlagsBits.Connect,
    why: 'lock the voice stats channels: a bot can only deny Connect to others if it has it',
  },
] as const;

export const BOT_SCOPES = ['bot', 'applications.commands'] as const;

/** The permission integer for the invite link, as Discord expects it (a decimal string). */
export function botPermissionsInteger(): string {
  return BOT_PERMISSIONS.reduce((bits, p) => bits | p.flag, 0n).toString();
}

/** `https://discord.com/oauth2/authorize?client_id=…&scope=bot+applications.commands&permissions=…` */
export function botInviteUrl(
  settings: Pick<Settings, 'discordApiBaseUrl' | 'discordClientId'>,
  guildId?: string,
): string | null {
  if (settings.discordClientId === '') return null;
  const url = new URL(`${discordWebBase(settings)}/oauth2/authorize`);
  url.searchParams.set('client_id', settings.discordClientId);
  url.searchParams.set('scope', BOT_SCOPES.join(' '));
  url.searchParams.set('permissions', botPermissionsInteger());
  if (guildId) {
    url.searchParams.set('guild_id', guildId);
    url.searchParams.set('disable_guild_select', 'true');
  }
  return url.toString();
}
