// Wire shapes built from the stored world: full guild objects and gateway member payloads.
import type { GuildSystemChannelFlags } from 'discord-api-types/v10';
import {
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  type APIGuild,
  type APIGuildMember,
  type GatewayGuildMemberUpdateDispatchData,
} from 'discord-api-types/v10';
import type { DiscordSimState, SimGuild } from './state.js';

export function guildObject(state: DiscordSimState, guild: SimGuild): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: state.sortedRoles(guild),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: 'en-US' as APIGuild['preferred_locale'],
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    hub_type: null,
    incidents_data: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    region: 'deprecated',
  } as APIGuild;
}

export function memberUpdateData(
  guildId: string,
  member: APIGuildMember,
): GatewayGuildMemberUpdateDispatchData {
  return { ...member, guild_id: guildId } as GatewayGuildMemberUpdateDispatchData;
}
