// Seeded Discord guild for the simulator: roles in a realistic hierarchy (some above the bot,
// one integration-managed), members with plausible usernames, some linked to GitHub logins.
import {
  ChannelType,
  PermissionFlagsBits,
  type APIGuildCategoryChannel,
  type APIGuildMember,
  type APIGuildVoiceChannel,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
} from 'discord-api-types/v10';
import { createRandom, type Random } from './random.js';

export type GuildPreset = 'demo' | 'large';

export type ScenarioChannel = APITextChannel | APIGuildCategoryChannel | APIGuildVoiceChannel;

export interface GuildLink {
  discordUserId: string;
  githubLogin: string;
}

export interface GuildScenario {
  guild: { id: string; name: string; ownerId: string; createdAt: string };
  application: { id: string; name: string };
  botUser: APIUser;
  roles: APIRole[];
  /** Every member, the bot included, in join order. */
  members: APIGuildMember[];
  channels: ScenarioChannel[];
  links: GuildLink[];
  /** Handles on the roles tests and demos care about. */
  roleIds: {
    everyone: string;
    bot: string;
    aboveBot: string[];
    integration: string;
    tiers: string[];
  };
  channelIds: { general: string; category: string; voice: string };
}

export interface GenerateGuildOptions {
  seed: number;
  preset: GuildPreset;
  githubLogins?: readonly string[];
  /** Overrides the preset's member count (the bot is added on top). */
  memberCount?: number;
}

// Discord's flag enums have no zero member; a plain 0 is the real "no flags" value.
const NO_ROLE_FLAGS = 0 as RoleFlags;
const NO_MEMBER_FLAGS = 0 as GuildMemberFlags;
const NO_CHANNEL_FLAGS = 0 as ChannelFlags;

const DISCORD_EPOCH = 1_420_070_400_000n;
const PRESET_MEMBERS: Record<GuildPreset, number> = { demo: 40, large: 10_000 };

/** Builds snowflakes from a fixed clock so the same seed gives the same ids. */
export function createSnowflakeSource(startMs: number): () => string {
  let increment = 0n;
  let clock = BigInt(startMs);
  return () => {
    clock += 1000n;
    increment = (increment + 1n) & 0xfffn;
    return (((clock - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
  };
}

export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

const FIRST = [
  'ada',
  'alex',
  'sam',
  'kai',
  'noor',
  'lena',
  'mika',
  'ravi',
  'yuki',
  'omar',
  'ines',
  'jonas',
  'priya',
  'theo',
  'zoe',
  'mateo',
  'hana',
  'liam',
  'sofia',
  'arjun',
  'emil',
  'nina',
  'felix',
  'aiko',
  'diego',
  'maya',
  'luca',
  'ivy',
  'tariq',
  'elif',
];
const WORDS = [
  'pixel',
  'rust',
  'lambda',
  'kernel',
  'cactus',
  'nebula',
  'otter',
  'maple',
  'quartz',
  'falcon',
  'byte',
  'comet',
  'panda',
  'vector',
  'echo',
  'cobalt',
  'willow',
  'tango',
  'ember',
  'delta',
  'orbit',
  'koala',
  'sprout',
  'nova',
  'glitch',
  'mango',
  'photon',
  'raven',
  'tofu',
  'zephyr',
];
const SEPARATORS = ['', '_', '.', ''];

function makeUsername(random: Random, taken: Set<string>): string {
  for (;;) {
    const style = random.int(0, 3);
    const first = random.pick(FIRST);
    const word = random.pick(WORDS);
    const sep = random.pick(SEPARATORS);
    const base =
      style === 0
        ? `${first}${sep}${word}`
        : style === 1
          ? `${word}${sep}${first}`
          : style === 2
            ? `${first}${random.int(1, 9999)}`
            : `${word}${sep}${word === 'byte' ? 'dev' : 'codes'}`;
    const name = taken.has(base) ? `${base}${random.int(10, 99999)}` : base;
    if (!taken.has(name) && name.length <= 32) {
      taken.add(name);
      return name;
    }
  }
}

function displayName(username: string, random: Random): string | null {
  if (random.chance(0.3)) return null;
  const letters = username.replace(/[^a-z]/g, '');
  return letters.charAt(0).toUpperCase() + letters.slice(1, 12);
}

function role(
  id: string,
  name: string,
  position: number,
  permissions: bigint,
  extra: Partial<APIRole> = {},
): APIRole {
  const color = extra.color ?? 0;
  return {
    id,
    name,
    color,
    colors: { primary_color: color, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: NO_ROLE_FLAGS,
    ...extra,
  };
}

function member(
  user: APIUser,
  roles: string[],
  joinedAt: string,
  nick: string | null = null,
): APIGuildMember {
  return {
    user,
    nick,
    avatar: null,
    banner: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: NO_MEMBER_FLAGS,
    pending: false,
    communication_disabled_until: null,
  };
}

function user(id: string, username: string, globalName: string | null, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: globalName,
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

const EVERYONE_PERMS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;
const BOT_PERMS =
  PermissionFlagsBits.ManageRoles |
  PermissionFlagsBits.ManageChannels |
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.Connect;

export function generateGuild(options: GenerateGuildOptions): GuildScenario {
  const random = createRandom(options.seed);
  // A fixed origin (2021-06-01) plus a seeded offset keeps ids plausible and reproducible.
  const nextId = createSnowflakeSource(1_622_505_600_000 + random.int(0, 86_400) * 1000);
  const guildId = nextId();
  const applicationId = nextId();
  const createdAt = new Date(snowflakeTimestamp(guildId)).toISOString();

  const botUser = user(applicationId, 'gitguild', 'GitGuild', true);
  const ids = {
    everyone: guildId,
    tiers: [nextId(), nextId(), nextId()],
    integration: nextId(),
    bot: nextId(),
    moderator: nextId(),
    admin: nextId(),
  };
  const roles: APIRole[] = [
    role(ids.everyone, '@everyone', 0, EVERYONE_PERMS),
    role(ids.tiers[0] as string, 'Contributor', 1, 0n, { color: 0x2ecc71, hoist: true }),
    role(ids.tiers[1] as string, 'Regular', 2, 0n, { color: 0x3498db, hoist: true }),
    role(ids.tiers[2] as string, 'Core', 3, 0n, { color: 0x9b59b6, hoist: true }),
    role(ids.integration, 'Twitch Subscriber', 4, 0n, {
      managed: true,
      color: 0x6441a5,
      tags: { integration_id: nextId() },
    }),
    role(ids.bot, 'GitGuild', 5, BOT_PERMS, { managed: true, tags: { bot_id: applicationId } }),
    role(
      ids.moderator,
      'Moderator',
      6,
      PermissionFlagsBits.ManageMessages | PermissionFlagsBits.KickMembers,
      { color: 0xe67e22, hoist: true },
    ),
    role(ids.admin, 'Admin', 7, PermissionFlagsBits.Administrator, {
      color: 0xe74c3c,
      hoist: true,
    }),
  ];

  const count = options.memberCount ?? PRESET_MEMBERS[options.preset];
  const taken = new Set<string>(['gitguild']);
  const members: APIGuildMember[] = [];
  let joinedMs = snowflakeTimestamp(guildId);
  const people: APIUser[] = [];
  for (let i = 0; i < count; i += 1) {
    const username = makeUsername(random, taken);
    people.push(user(nextId(), username, displayName(username, random)));
  }
  const ownerId = people[0]?.id ?? applicationId;
  const logins = options.githubLogins ?? [];
  // Roughly two thirds of the given logins are linked, so demos show linked and unlinked people.
  const links: GuildLink[] = [];
  people.forEach((person, index) => {
    joinedMs += random.int(60, 86_400 * 3) * 1000;
    const memberRoles: string[] = [];
    if (index === 0) memberRoles.push(ids.admin);
    else if (index < 3) memberRoles.push(ids.moderator);
    if (random.chance(0.08)) memberRoles.push(ids.integration);
    const login = logins[index];
    if (login !== undefined && (index < 3 || random.chance(0.66))) {
      links.push({ discordUserId: person.id, githubLogin: login });
      if (random.chance(0.5)) memberRoles.push(random.pick(ids.tiers));
    }
    members.push(
      member(
        person,
        memberRoles,
        new Date(joinedMs).toISOString(),
        random.chance(0.1) ? `${person.username}-nick` : null,
      ),
    );
  });
  members.push(member(botUser, [ids.bot], new Date(joinedMs + 60_000).toISOString()));

  const categoryId = nextId();
  const channels: ScenarioChannel[] = [
    {
      id: categoryId,
      type: ChannelType.GuildCategory,
      guild_id: guildId,
      name: 'Community',
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      flags: NO_CHANNEL_FLAGS,
    },
    {
      id: nextId(),
      type: ChannelType.GuildText,
      guild_id: guildId,
      name: 'general',
      position: 1,
      permission_overwrites: [],
      nsfw: false,
      parent_id: categoryId,
      topic: 'Say hello',
      last_message_id: null,
      rate_limit_per_user: 0,
      default_auto_archive_duration: 1440,
      flags: NO_CHANNEL_FLAGS,
    },
    {
      id: nextId(),
      type: ChannelType.GuildVoice,
      guild_id: guildId,
      name: 'Lounge',
      position: 2,
      permission_overwrites: [],
      nsfw: false,
      parent_id: categoryId,
      bitrate: 64_000,
      user_limit: 0,
      rtc_region: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: NO_CHANNEL_FLAGS,
    },
  ];

  return {
    guild: {
      id: guildId,
      name: options.preset === 'large' ? 'Open Source Collective' : 'GitGuild Demo',
      ownerId,
      createdAt,
    },
    application: { id: applicationId, name: 'GitGuild' },
    botUser,
    roles,
    members,
    channels,
    links,
    roleIds: {
      everyone: ids.everyone,
      bot: ids.bot,
      aboveBot: [ids.moderator, ids.admin],
      integration: ids.integration,
      tiers: ids.tiers,
    },
    channelIds: {
      general: (channels[1] as ScenarioChannel).id,
      category: categoryId,
      voice: (channels[2] as ScenarioChannel).id,
    },
  };
}
