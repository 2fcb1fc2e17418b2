// Reads a guild's roles and members for the planner. In steady state everything comes from
// discord.js's gateway-fed cache, so a sync costs no REST reads at all; a "full resync" re-reads
// roles and every member over REST first, for recovery after missed events or manual edits.
import { PermissionFlagsBits, type Client, type Guild, type GuildMember } from 'discord.js';
import type { GuildSnapshot, SnapshotRead } from './types.js';

const PAGE = 1000;

export class GuildNotAvailableError extends Error {
  override readonly name = 'GuildNotAvailableError';
}

export function guildOf(client: Client, guildId: string): Guild {
  const guild = client.guilds.cache.get(guildId);
  if (!guild || !guild.available)
    throw new GuildNotAvailableError(
      `GitGuild's bot is not in guild ${guildId} (or Discord reports it unavailable).`,
    );
  return guild;
}

/**
 * Role ids as Discord sent them. discord.js's `roles.cache` hides ids its role cache does not know
 * (yet); a full-list PATCH built from it would silently drop such a role, so the raw list is used.
 */
export function rawRoleIds(member: GuildMember): string[] {
  const raw = (member as unknown as { _roles?: unknown })._roles;
  const ids = Array.isArray(raw)
    ? raw.filter((id): id is string => typeof id === 'string')
    : [...member.roles.cache.keys()];
  return ids.filter((id) => id !== member.guild.id);
}

export async function readGuildSnapshot(
  client: Client,
  guildId: string,
  options: { full?: boolean } = {},
): Promise<SnapshotRead> {
  const guild = guildOf(client, guildId);
  let reads = 0;
  let gatewayRequests = 0;
  if (options.full) {
    await guild.roles.fetch(undefined, { force: true });
    reads += 1;
    const seen = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const page = await guild.members.list({
        limit: PAGE,
        cache: true,
        ...(after ? { after } : {}),
      });
      reads += 1;
      for (const id of page.keys()) seen.add(id);
      if (page.size < PAGE) break;
      after = page.lastKey();
    }
    // Members Discord no longer lists left while we missed the event.
    for (const id of [...guild.members.cache.keys()])
      if (!seen.has(id)) guild.members.cache.delete(id);
  } else if (guild.members.cache.size < guild.memberCount) {
    // An incomplete cache (right after connecting) is filled over the gateway, not REST.
    await guild.members.fetch({ time: 120_000 });
    gatewayRequests += 1;
  }
  return { snapshot: toSnapshot(guild), reads, gatewayRequests };
}

function toSnapshot(guild: Guild): GuildSnapshot {
  const me = guild.members.me;
  const top = me?.roles.highest;
  return {
    guildId: guild.id,
    guildName: guild.name,
    botHighestPosition: top?.rawPosition ?? 0,
    botRoleName: top?.name ?? '@everyone',
    botCanManageRoles: me?.permissions.has(PermissionFlagsBits.ManageRoles) ?? false,
    roles: guild.roles.cache.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.rawPosition,
      managed: r.managed,
      color: r.color,
    })),
    members: guild.members.cache.map((m) => ({
      userId: m.id,
      username: m.user.username,
      bot: m.user.bot,
      roles: rawRoleIds(m),
    })),
  };
}
