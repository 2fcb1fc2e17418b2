// Options and defaults for the Discord simulator; realistic limits by default, tight in tests.
import type { APIUser } from 'discord-api-types/v10';
import type { GuildScenario } from '../scenarios/guild.js';

export interface BucketLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  /** Turns every limit off (a benchmark baseline); Discord itself never does this. */
  enabled: boolean;
  /** Discord's global cap: 50 requests per second per bot token. */
  global: BucketLimit;
  /** Per-route bucket used when a route has no entry in `routes`. */
  defaultRoute: BucketLimit;
  /** Per-route buckets keyed by `METHOD /template`, e.g. `PATCH /guilds/:guild_id/members/:user_id`. */
  routes: Record<string, BucketLimit>;
  /** Channel name/topic edits: 2 per 10 minutes per channel, reported with scope `shared`. */
  channelRename: BucketLimit;
  /** Gateway op 8 full-member-list requests: one per guild per window (30 s on Discord). */
  requestGuildMembersWindowMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  enabled: true,
  global: { limit: 50, windowMs: 1000 },
  defaultRoute: { limit: 10, windowMs: 10_000 },
  routes: {
    'POST /channels/:channel_id/messages': { limit: 5, windowMs: 5000 },
    'PATCH /guilds/:guild_id/members/:user_id': { limit: 10, windowMs: 10_000 },
    'PUT /guilds/:guild_id/members/:user_id/roles/:role_id': { limit: 10, windowMs: 10_000 },
    'DELETE /guilds/:guild_id/members/:user_id/roles/:role_id': { limit: 10, windowMs: 10_000 },
    'GET /guilds/:guild_id/members': { limit: 10, windowMs: 10_000 },
    'POST /guilds/:guild_id/roles': { limit: 250, windowMs: 48 * 3600_000 },
  },
  channelRename: { limit: 2, windowMs: 600_000 },
  requestGuildMembersWindowMs: 30_000,
};

export interface OAuthOptions {
  clientSecret?: string;
  /** Registered redirect URIs; Discord requires an exact match. Empty means "any http://127.0.0.1 URI". */
  redirectUris?: string[];
  /** The user who "consents" on the authorize page; defaults to the guild owner. */
  userId?: string;
}

export interface StartDiscordSimOptions {
  guild?: GuildScenario;
  seed?: number;
  port?: number;
  host?: '127.0.0.1';
  rateLimits?: Partial<RateLimitConfig>;
  botToken?: string;
  heartbeatIntervalMs?: number;
  /** Privileged intents the application has switched on in the (imaginary) developer portal. */
  privilegedIntents?: {
    guildMembers?: boolean;
    guildPresences?: boolean;
    messageContent?: boolean;
  };
  /** How long an interaction may go unanswered before callbacks get 10062 (3 s on Discord). */
  interactionDeadlineMs?: number;
  oauth?: OAuthOptions;
  /** How long a dropped gateway session can still be resumed. */
  resumeWindowMs?: number;
}

export interface ResolvedSimOptions {
  botToken: string;
  heartbeatIntervalMs: number;
  privileged: { guildMembers: boolean; guildPresences: boolean; messageContent: boolean };
  interactionDeadlineMs: number;
  resumeWindowMs: number;
  rateLimits: RateLimitConfig;
  oauth: { clientSecret: string; redirectUris: string[]; userId: string | undefined };
}

export type SimUser = APIUser;

export function resolveOptions(
  options: StartDiscordSimOptions,
  applicationId: string,
): ResolvedSimOptions {
  const rl = options.rateLimits ?? {};
  return {
    // Shaped like a real token (base64 id . timestamp . hmac) so token parsers accept it.
    botToken:
      options.botToken ??
      `${Buffer.from(applicationId).toString('base64url')}.SIMSIM.simulated-bot-token-not-a-secret`,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    privileged: {
      guildMembers: options.privilegedIntents?.guildMembers ?? true,
      guildPresences: options.privilegedIntents?.guildPresences ?? false,
      messageContent: options.privilegedIntents?.messageContent ?? false,
    },
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    resumeWindowMs: options.resumeWindowMs ?? 120_000,
    rateLimits: {
      ...DEFAULT_RATE_LIMITS,
      ...rl,
      routes: { ...DEFAULT_RATE_LIMITS.routes, ...(rl.routes ?? {}) },
    },
    oauth: {
      clientSecret: options.oauth?.clientSecret ?? 'sim-client-secret',
      redirectUris: options.oauth?.redirectUris ?? [],
      userId: options.oauth?.userId,
    },
  };
}
