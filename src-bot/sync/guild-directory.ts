// What the admin UI needs to know about the guilds the bot is in (names, member counts, roles
// for the mapping editor, text channels for the audit channel), and creating the roles a preset
// names when they are missing.
import { ChannelType, PermissionFlagsBits, type Client } from 'discord.js';
import { guildOf } from './snapshot.js';

export interface BotGuildInfo {
  id: string;
  name: string;
  memberCount: number;
  roles: {
    id: string;
    name: string;
    color: number;
    position: number;
    managed: boolean;
    /** GitGuild may give and take it: below its highest role, not integration-managed. */
    assignable: boolean;
  }[];
  textChannels: { id: string; name: string }[];
}

export function botGuilds(client: Client): BotGuildInfo[] {
  return client.guilds.cache
    .filter((g) => g.available)
    .map((guild) => {
      const top = guild.members.me?.roles.highest.rawPosition ?? 0;
      const canManage = guild.members.me?.permissions.has(PermissionFlagsBits.ManageRoles) ?? false;
      return {
        id: guild.id,
        name: guild.name,
        memberCount: guild.memberCount,
        roles: guild.roles.cache
          .filter((r) => r.id !== guild.id)
          .sort((a, b) => b.rawPosition - a.rawPosition)
          .map((r) => ({
            id: r.id,
            name: r.name,
            color: r.color,
            position: r.rawPosition,
            managed: r.managed,
            assignable: canManage && !r.managed && r.rawPosition < top,
          })),
        textChannels: guild.channels.cache
          .filter((c) => c.type === ChannelType.GuildText)
          .map((c) => ({ id: c.id, name: c.name })),
      };
    });
}

export interface EnsuredRoles {
  /** Role name → id, for every wanted role that exists now. */
  ids: Map<string, string>;
  created: { id: string; name: string }[];
  missing: string[];
}

/**
 * Finds roles by exact name and creates the missing ones (no permissions, the given colour).
 * Discord puts a new role at the bottom, below GitGuild's own role, so it is assignable; creating
 * the list from its end leaves the first wanted role lowest, as tiers read bottom-up.
 */
export async function ensureRoles(
  client: Client,
  guildId: string,
  wanted: readonly { name: string; color: number }[],
  options: { create: boolean; reason: string },
): Promise<EnsuredRoles> {
  const guild = guildOf(client, guildId);
  const ids = new Map<string, string>();
  for (const role of guild.roles.cache.values())
    if (!ids.has(role.name) && role.id !== guild.id) ids.set(role.name, role.id);
  const created: { id: string; name: string }[] = [];
  const missing: string[] = [];
  for (const want of [...wanted].reverse()) {
    if (ids.has(want.name)) continue;
    if (!options.create) {
      missing.unshift(want.name);
      continue;
    }
    const role = await guild.roles.create({
      name: want.name,
      colors: { primaryColor: want.color },
      permissions: [],
      hoist: false,
      mentionable: false,
      reason: options.reason,
    });
    ids.set(role.name, role.id);
    created.unshift({ id: role.id, name: role.name });
  }
  return { ids, created, missing };
}
