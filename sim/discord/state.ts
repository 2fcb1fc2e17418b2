// The simulator's in-memory world: guilds (roles, members, channels), messages, commands and
// interactions. Routes mutate it and announce changes through `emit`, which the gateway fans out.
import type {
  APIApplicationCommand,
  APIAuditLogEntry,
  APIGuildMember,
  APIMessage,
  APIRole,
  APIUser,
  GatewayDispatchEvents,
} from 'discord-api-types/v10';
import type { GuildScenario, ScenarioChannel } from '../scenarios/guild.js';
import { unknownChannel, unknownGuild, unknownMember, unknownRole } from './errors.js';

export interface SimGuild {
  id: string;
  name: string;
  ownerId: string;
  createdAt: string;
  roles: Map<string, APIRole>;
  members: Map<string, APIGuildMember>;
  channels: Map<string, ScenarioChannel>;
}

export interface SimInteraction {
  id: string;
  token: string;
  guildId: string | null;
  channelId: string;
  userId: string;
  commandName: string;
  /** Leaf options as injected (name → value). */
  options: Record<string, string | number | boolean>;
  createdAt: number;
  /** The first callback (type and data) or null while unanswered. */
  callback: { type: number; data: unknown } | null;
  original: APIMessage | null;
  followUps: APIMessage[];
  /** Every response-side call in order, for tests that check the exact sequence. */
  history: {
    kind: 'callback' | 'edit-original' | 'follow-up' | 'delete-original';
    at: number;
    body: unknown;
  }[];
}

/** A dispatch that should reach gateway sessions holding `intent` (null: every session). */
export type EmitDispatch = (
  event: GatewayDispatchEvents,
  data: unknown,
  intent: number | null,
) => void;

const DISCORD_EPOCH = 1_420_070_400_000n;

export class DiscordSimState {
  readonly guilds = new Map<string, SimGuild>();
  readonly messages = new Map<string, APIMessage[]>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  readonly interactions = new Map<string, SimInteraction>();
  readonly users = new Map<string, APIUser>();
  /** Guild id → audit log entries, oldest first (see audit-log.ts). */
  readonly auditLog = new Map<string, APIAuditLogEntry[]>();
  emit: EmitDispatch = () => undefined;
  private increment = 0n;

  constructor(
    readonly scenario: GuildScenario,
    readonly application: { id: string; name: string },
    readonly botUser: APIUser,
  ) {
    const guild: SimGuild = {
      id: scenario.guild.id,
      name: scenario.guild.name,
      ownerId: scenario.guild.ownerId,
      createdAt: scenario.guild.createdAt,
      roles: new Map(scenario.roles.map((r) => [r.id, structuredClone(r)])),
      members: new Map(scenario.members.map((m) => [m.user.id, structuredClone(m)])),
      channels: new Map(scenario.channels.map((c) => [c.id, structuredClone(c)])),
    };
    this.guilds.set(guild.id, guild);
    for (const m of scenario.members) this.users.set(m.user.id, m.user);
    this.users.set(botUser.id, botUser);
  }

  /** Fresh snowflake from the wall clock, for objects created while the simulator runs. */
  nextId(): string {
    this.increment = (this.increment + 1n) & 0xfffn;
    return (
      ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) |
      (2n << 17n) |
      this.increment
    ).toString();
  }

  guild(id: string): SimGuild {
    const guild = this.guilds.get(id);
    if (!guild) throw unknownGuild();
    return guild;
  }

  member(guild: SimGuild, userId: string): APIGuildMember {
    const member = guild.members.get(userId);
    if (!member) throw unknownMember();
    return member;
  }

  role(guild: SimGuild, roleId: string): APIRole {
    const role = guild.roles.get(roleId);
    if (!role) throw unknownRole();
    return role;
  }

  /** Finds a channel in any guild; Discord's /channels/:id routes carry no guild id. */
  channel(channelId: string): { guild: SimGuild; channel: ScenarioChannel } {
    for (const guild of this.guilds.values()) {
      const channel = guild.channels.get(channelId);
      if (channel) return { guild, channel };
    }
    throw unknownChannel();
  }

  /** Members sorted by user id, the order Discord's List Guild Members pages through. */
  sortedMembers(guild: SimGuild): APIGuildMember[] {
    return [...guild.members.values()].sort((a, b) => compareSnowflakes(a.user.id, b.user.id));
  }

  sortedRoles(guild: SimGuild): APIRole[] {
    return [...guild.roles.values()].sort(
      (a, b) => a.position - b.position || compareSnowflakes(a.id, b.id),
    );
  }

  channelMessages(channelId: string): APIMessage[] {
    let list = this.messages.get(channelId);
    if (!list) {
      list = [];
      this.messages.set(channelId, list);
    }
    return list;
  }
}

export function compareSnowflakes(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
