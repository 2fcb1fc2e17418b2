// The control surface tests and demos use to drive the simulator: inject interactions and
// member changes, read state and call logs, and inject faults (drops, 5xx, latency, 429s).
import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  type APIApplicationCommand,
  type APIAuditLogEntry,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIGuildMember,
  type APIMessage,
  type APIRole,
  type APIUser,
} from 'discord-api-types/v10';
import type { ScenarioChannel } from '../scenarios/guild.js';
import type { SimContext } from './context.js';
import type { DiscordGateway, GatewayOpRecord } from './gateway.js';
import { buildCommandInteraction, type InjectInteractionInput } from './interaction-factory.js';
import { publicMessage, type StoredAttachment } from './message-builder.js';
import type { RateLimitConfig } from './options.js';
import type { RateLimiter } from './rate-limits.js';
import { memberUpdateData } from './serialize.js';
import { GitGuildSimError } from './sim-error.js';
import { compareSnowflakes, type SimInteraction } from './state.js';

export interface CallRecord {
  at: number;
  method: string;
  path: string;
  /** `METHOD /template` when a route matched, else null. */
  route: string | null;
  status: number;
  durationMs: number;
  rateLimitScope?: string;
  retryAfterMs?: number;
  auditLogReason?: string;
}

export interface FailureFault {
  method?: string;
  /** A route template (`/guilds/:guild_id/members/:user_id`) or a concrete path prefix. */
  route: string;
  count: number;
  status?: number;
}

export interface LatencyFault {
  ms: number;
  route?: string;
}

export interface GuildSnapshot {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
  members: APIGuildMember[];
  channels: ScenarioChannel[];
}

export interface InteractionView {
  id: string;
  token: string;
  commandName: string;
  userId: string;
  channelId: string;
  createdAt: number;
  /** The options as injected, for views that show what was asked. */
  options: Record<string, string | number | boolean>;
  callback: SimInteraction['callback'];
  original: APIMessage | null;
  followUps: APIMessage[];
  history: SimInteraction['history'];
}

export interface Faults {
  failures: FailureFault[];
  latency: LatencyFault[];
}

export interface DiscordSimControl {
  injectInteraction(input: InjectInteractionInput): {
    id: string;
    token: string;
    payload: APIChatInputApplicationCommandGuildInteraction;
  };
  interaction(id: string): InteractionView;
  /** The newest interactions first (at most `limit`, default 50). */
  interactions(options?: { limit?: number; guildId?: string }): InteractionView[];
  /** Slash commands registered in a guild (what a member's command picker would list). */
  commands(guildId?: string): APIApplicationCommand[];
  /** The bytes of an uploaded attachment (the CDN URLs in messages lead nowhere locally). */
  attachment(id: string): { filename: string; contentType: string; data: Buffer };
  /** Changes a role the way an admin would in Server Settings (permissions, position, name, colour). */
  updateRole(
    roleId: string,
    patch: { permissions?: string; position?: number; name?: string; color?: number },
    guildId?: string,
  ): APIRole;
  /** Resolves once the interaction has a callback (and, if `edited`, an edit of @original). */
  waitForResponse(
    id: string,
    options?: { timeoutMs?: number; edited?: boolean },
  ): Promise<InteractionView>;
  guild(guildId?: string): GuildSnapshot;
  member(userId: string, guildId?: string): APIGuildMember;
  messages(channelId: string): APIMessage[];
  addMember(user: APIUser, roles?: string[], guildId?: string): APIGuildMember;
  removeMember(userId: string, guildId?: string): void;
  setMemberRoles(userId: string, roles: string[], guildId?: string): APIGuildMember;
  /** The guild's audit log, newest first (what Server Settings → Audit Log shows). */
  auditLog(guildId?: string): APIAuditLogEntry[];
  callLog(): CallRecord[];
  clearCallLog(): void;
  gatewayLog(): GatewayOpRecord[];
  dropGateway(options?: { code?: number }): number;
  requestReconnect(): void;
  failNext(fault: FailureFault): void;
  addLatency(fault: LatencyFault): void;
  clearFaults(): void;
  exhaustBucket(input: {
    method: string;
    route: string;
    major?: string;
    retryAfterMs?: number;
  }): void;
  setRateLimits(config: Partial<RateLimitConfig>): void;
  expireOAuthTokens(): void;
  /** Who consents on the OAuth2 authorize page: a user id, or null to deny (Cancel). */
  setOAuthUser(userId: string | null): void;
  /** OAuth2 access and refresh tokens still valid, for tests that look for them where they must not be. */
  liveOAuthTokens(): string[];
  /** Every OAuth2 token ever issued, revoked or not. */
  issuedOAuthTokens(): string[];
}

export function createControl(
  ctx: SimContext,
  gateway: DiscordGateway,
  limiter: RateLimiter,
  calls: CallRecord[],
  faults: Faults,
): DiscordSimControl {
  const { state } = ctx;
  const guildOf = (guildId?: string) => state.guild(guildId ?? state.scenario.guild.id);
  const view = (i: SimInteraction): InteractionView => ({
    id: i.id,
    token: i.token,
    commandName: i.commandName,
    userId: i.userId,
    channelId: i.channelId,
    createdAt: i.createdAt,
    options: { ...i.options },
    callback: i.callback,
    original: i.original && publicMessage(i.original),
    followUps: i.followUps.map(publicMessage),
    history: i.history,
  });

  const control: DiscordSimControl = {
    injectInteraction(input) {
      const { record, payload } = buildCommandInteraction(state, input);
      state.interactions.set(record.id, record);
      state.emit(GatewayDispatchEvents.InteractionCreate, payload, null);
      return { id: record.id, token: record.token, payload };
    },
    interaction(id) {
      const record = state.interactions.get(id);
      if (!record) throw new GitGuildSimError(`no interaction ${id}`);
      return view(record);
    },
    interactions(options = {}) {
      return [...state.interactions.values()]
        .filter((i) => options.guildId === undefined || i.guildId === options.guildId)
        .sort((a, b) => b.createdAt - a.createdAt || compareSnowflakes(b.id, a.id))
        .slice(0, options.limit ?? 50)
        .map(view);
    },
    commands(guildId) {
      return structuredClone(state.guildCommands.get(guildOf(guildId).id) ?? []);
    },
    attachment(id) {
      const messages = [
        ...[...state.messages.values()].flat(),
        ...[...state.interactions.values()].flatMap((i) => [
          ...(i.original ? [i.original] : []),
          ...i.followUps,
        ]),
      ];
      for (const message of messages) {
        const found = (message.attachments as StoredAttachment[]).find((a) => a.id === id);
        if (found?.data)
          return {
            filename: found.filename,
            contentType: found.content_type ?? 'application/octet-stream',
            data: found.data,
          };
      }
      throw new GitGuildSimError(`no attachment ${id}`);
    },
    updateRole(roleId, patch, guildId) {
      const guild = guildOf(guildId);
      const role = state.role(guild, roleId);
      if (patch.permissions !== undefined) role.permissions = String(BigInt(patch.permissions));
      if (patch.position !== undefined) role.position = patch.position;
      if (patch.name !== undefined) role.name = patch.name;
      if (patch.color !== undefined) {
        role.color = patch.color;
        role.colors = { primary_color: patch.color, secondary_color: null, tertiary_color: null };
      }
      state.emit(
        GatewayDispatchEvents.GuildRoleUpdate,
        { guild_id: guild.id, role },
        GatewayIntentBits.Guilds,
      );
      return structuredClone(role);
    },
    async waitForResponse(id, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 5000);
      for (;;) {
        const current = control.interaction(id);
        const done =
          current.callback !== null &&
          (!options.edited || current.history.some((h) => h.kind === 'edit-original'));
        if (done) return current;
        if (Date.now() > deadline)
          throw new GitGuildSimError(
            `interaction ${id} got no ${options.edited ? 'edited ' : ''}response in time`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    guild(guildId) {
      const guild = guildOf(guildId);
      return {
        id: guild.id,
        name: guild.name,
        ownerId: guild.ownerId,
        roles: structuredClone(state.sortedRoles(guild)),
        members: structuredClone(state.sortedMembers(guild)),
        channels: structuredClone([...guild.channels.values()]),
      };
    },
    member(userId, guildId) {
      return structuredClone(state.member(guildOf(guildId), userId));
    },
    messages(channelId) {
      state.channel(channelId);
      return state.channelMessages(channelId).map(publicMessage);
    },
    addMember(user, roles = [], guildId) {
      const guild = guildOf(guildId);
      if (guild.members.has(user.id))
        throw new GitGuildSimError(`user ${user.id} is already a member`);
      const member: APIGuildMember = {
        user,
        nick: null,
        avatar: null,
        banner: null,
        roles,
        joined_at: new Date().toISOString(),
        premium_since: null,
        deaf: false,
        mute: false,
        flags: 0 as APIGuildMember['flags'],
        pending: false,
      };
      guild.members.set(user.id, member);
      state.users.set(user.id, user);
      state.emit(
        GatewayDispatchEvents.GuildMemberAdd,
        { ...member, guild_id: guild.id },
        GatewayIntentBits.GuildMembers,
      );
      return structuredClone(member);
    },
    removeMember(userId, guildId) {
      const guild = guildOf(guildId);
      const member = state.member(guild, userId);
      guild.members.delete(userId);
      state.emit(
        GatewayDispatchEvents.GuildMemberRemove,
        { guild_id: guild.id, user: member.user },
        GatewayIntentBits.GuildMembers,
      );
    },
    setMemberRoles(userId, roles, guildId) {
      const guild = guildOf(guildId);
      const member = state.member(guild, userId);
      for (const id of roles) state.role(guild, id);
      member.roles = [...roles];
      state.emit(
        GatewayDispatchEvents.GuildMemberUpdate,
        memberUpdateData(guild.id, member),
        GatewayIntentBits.GuildMembers,
      );
      return structuredClone(member);
    },
    auditLog: (guildId) =>
      structuredClone([...(state.auditLog.get(guildOf(guildId).id) ?? [])].reverse()),
    callLog: () => [...calls],
    clearCallLog: () => {
      calls.length = 0;
    },
    gatewayLog: () => [...gateway.received],
    dropGateway: (options) => gateway.drop(options),
    requestReconnect: () => gateway.requestReconnect(),
    failNext(fault) {
      if (!Number.isInteger(fault.count) || fault.count < 1)
        throw new GitGuildSimError('failNext needs a positive integer count');
      faults.failures.push({ ...fault });
    },
    addLatency(fault) {
      faults.latency.push({ ...fault });
    },
    clearFaults() {
      faults.failures.length = 0;
      faults.latency.length = 0;
    },
    exhaustBucket({ method, route, major, retryAfterMs }) {
      limiter.exhaust(
        `${method.toUpperCase()} ${route}`,
        major ?? state.scenario.guild.id,
        Date.now(),
        retryAfterMs,
      );
    },
    setRateLimits(config) {
      limiter.update(config);
      ctx.options.rateLimits = limiter.settings;
    },
    expireOAuthTokens: () => ctx.oauth.expireAll(),
    setOAuthUser: (userId) => {
      ctx.oauth.consentAs = userId;
    },
    liveOAuthTokens: () => ctx.oauth.liveTokens(),
    issuedOAuthTokens: () => ctx.oauth.issuedTokens(),
  };
  return control;
}
