// How the bot's discord.js Client is built: two intents, REST and gateway addresses from config,
// and caches cut down to what GitGuild reads. Members of managed guilds are the one complete
// cache (roles are synced from it); everything else is off or swept.
import { SimpleShardingStrategy } from '@discordjs/ws';
import { GatewayIntentBits, Options, type ClientOptions } from 'discord.js';

export interface BotEndpoints {
  /** e.g. `https://discord.com/api`; discord.js appends `/v10`. */
  apiBaseUrl: string;
  /** A gateway URL to use instead of the one `GET /gateway/bot` names; null asks Discord. */
  gatewayUrl: string | null;
}

export interface CachePolicy {
  /** Guilds whose members stay cached; checked at sweep time, so changes apply without a restart. */
  isManaged(guildId: string): boolean;
  /** The bot's own user id once logged in (never swept). */
  selfId(): string | undefined;
}

/** Seconds between sweeps of members and users the bot does not need (non-managed guilds). */
const SWEEP_INTERVAL_S = 3600;

export function botClientOptions(endpoints: BotEndpoints, cache: CachePolicy): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
    rest: { api: endpoints.apiBaseUrl },
    ws:
      endpoints.gatewayUrl === null ? {} : { buildStrategy: gatewayOverride(endpoints.gatewayUrl) },
    // Managers not listed keep discord.js's defaults: guilds, channels, roles, members and users
    // (members are swept below), which the applier, voice stats and /check_permissions read.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMessageManager: 0,
      DMMessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      ThreadManager: 0,
      GuildTextThreadManager: 0,
      GuildForumThreadManager: 0,
      ThreadMemberManager: 0,
      GuildEmojiManager: 0,
      BaseGuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
      VoiceStateManager: 0,
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      guildMembers: {
        interval: SWEEP_INTERVAL_S,
        filter: () => (member) => !cache.isManaged(member.guild.id) && member.id !== cache.selfId(),
      },
      users: {
        interval: SWEEP_INTERVAL_S,
        filter: () => (user) =>
          user.id !== cache.selfId() &&
          !user.client.guilds.cache.some(
            (guild) => cache.isManaged(guild.id) && guild.members.cache.has(user.id),
          ),
      },
    },
  };
}

/**
 * discord.js has no gateway URL option; @discordjs/ws asks `GET /gateway/bot` through its
 * manager, so the strategy hook wraps that one call and keeps everything else (shard count,
 * session limits) as Discord answers it.
 */
function gatewayOverride(url: string): NonNullable<ClientOptions['ws']>['buildStrategy'] {
  return (manager) => {
    const fetchInfo = manager.fetchGatewayInformation.bind(manager);
    manager.fetchGatewayInformation = async (force?: boolean) => ({
      ...(await fetchInfo(force)),
      url,
    });
    return new SimpleShardingStrategy(manager);
  };
}
