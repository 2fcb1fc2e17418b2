// Discord calls for sign-in: who a user token belongs to and their guilds with permission bits
// (OAuth2 bearer token), the guilds the bot is in (bot token), and the admin's badge per guild.
// discord.js's REST client does the HTTP, so Discord's rate limits are respected.
import { PermissionFlagsBits, REST, Routes } from 'discord.js';
import type { APIUser, RESTAPIPartialCurrentUserGuild } from 'discord-api-types/v10';
import { GitGuildError } from '../errors.js';

export type GuildBadge = 'owner' | 'administrator' | 'manage_server';

export interface DiscordUserView {
  id: string;
  username: string;
  globalName: string | null;
}

export interface DiscordGuildView {
  id: string;
  name: string;
  icon: string | null;
  /** The strongest of Owner, Administrator, Manage Server; null for none of them. */
  badge: GuildBadge | null;
  /** Owner, Administrator or Manage Server: may manage GitGuild for this guild. */
  canManage: boolean;
}

/** Owner beats Administrator beats Manage Server, as Discord's own UI ranks them. */
export function guildBadge(guild: { owner?: boolean; permissions?: string }): GuildBadge | null {
  if (guild.owner) return 'owner';
  let bits = 0n;
  try {
    bits = BigInt(guild.permissions ?? '0');
  } catch {
    return null;
  }
  if ((bits & PermissionFlagsBits.Administrator) !== 0n) return 'administrator';
  if ((bits & PermissionFlagsBits.ManageGuild) !== 0n) return 'manage_server';
  return null;
}

function rest(apiBaseUrl: string, token: string): REST {
  // No sweepers: these clients live for one call and must not keep the process alive.
  return new REST({
    api: apiBaseUrl.replace(/\/+$/, ''),
    authPrefix: 'Bearer',
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
    timeout: 15_000,
    retries: 1,
  }).setToken(token);
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function upstream(error: unknown, what: string): GitGuildError {
  if (statusOf(error) === 401) {
    return new GitGuildError('unauthorized', `Discord no longer accepts the sign-in (${what}).`, {
      hint: 'Sign in with Discord again.',
    });
  }
  return new GitGuildError('upstream_failed', `Discord did not answer (${what}).`, {
    hint: 'Try again in a moment.',
  });
}

export async function discordUser(
  apiBaseUrl: string,
  accessToken: string,
): Promise<DiscordUserView> {
  try {
    const user = (await rest(apiBaseUrl, accessToken).get(Routes.user())) as APIUser;
    return { id: user.id, username: user.username, globalName: user.global_name ?? null };
  } catch (error) {
    throw upstream(error, 'reading the signed-in user');
  }
}

/** Every guild of the user (Discord pages by 200), with their badge. */
export async function discordUserGuilds(
  apiBaseUrl: string,
  accessToken: string,
): Promise<DiscordGuildView[]> {
  const client = rest(apiBaseUrl, accessToken);
  const out: DiscordGuildView[] = [];
  let after: string | undefined;
  try {
    for (;;) {
      const query = new URLSearchParams({ limit: '200', ...(after ? { after } : {}) });
      const page = (await client.get(Routes.userGuilds(), {
        query,
      })) as RESTAPIPartialCurrentUserGuild[];
      for (const g of page) {
        const badge = guildBadge(g);
        out.push({ id: g.id, name: g.name, icon: g.icon, badge, canManage: badge !== null });
      }
      if (page.length < 200) return out;
      after = page[page.length - 1]?.id;
    }
  } catch (error) {
    throw upstream(error, 'listing your servers');
  }
}

/** The ids of the guilds the bot is in, with the bot token; null when there is no bot token. */
export async function botGuildIds(
  apiBaseUrl: string,
  botToken: string | null,
): Promise<Set<string> | null> {
  if (!botToken) return null;
  const client = new REST({
    api: apiBaseUrl.replace(/\/+$/, ''),
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
    timeout: 15_000,
    retries: 1,
  }).setToken(botToken);
  const ids = new Set<string>();
  let after: string | undefined;
  try {
    for (;;) {
      const query = new URLSearchParams({ limit: '200', ...(after ? { after } : {}) });
      const page = (await client.get(Routes.userGuilds(), { query })) as { id: string }[];
      for (const g of page) ids.add(g.id);
      if (page.length < 200) return ids;
      after = page[page.length - 1]?.id;
    }
  } catch {
    return null;
  }
}
