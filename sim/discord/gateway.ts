// The gateway: v10 JSON over WebSocket. HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats,
// RESUME with replay by sequence, op 8 member chunks (rate limited), intent-filtered dispatches.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type APIGuildMember,
  type GatewayGuildCreateDispatchData,
  type GatewayGuildMembersChunkDispatchData,
  type GatewayReadyDispatchData,
} from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SimContext } from './context.js';
import { applicationFlags } from './routes/meta.js';
import { guildObject } from './serialize.js';
import type { SimGuild } from './state.js';

const PRIVILEGED = {
  members: GatewayIntentBits.GuildMembers,
  presences: GatewayIntentBits.GuildPresences,
  content: GatewayIntentBits.MessageContent,
};
const KNOWN_INTENTS = Object.values(GatewayIntentBits)
  .filter((v): v is number => typeof v === 'number')
  .reduce((all, bit) => all | bit, 0);
const BUFFER_LIMIT = 5000;
const CHUNK_SIZE = 1000;

interface BufferedEvent {
  s: number;
  t: GatewayDispatchEvents;
  d: unknown;
}

export interface GatewaySession {
  id: string;
  intents: number;
  seq: number;
  buffer: BufferedEvent[];
  socket: WebSocket | null;
  closedAt: number | null;
  largeThreshold: number;
  lastFullMemberRequest: Map<string, number>;
}

/** One received opcode, for tests that check e.g. "resumed, did not re-identify". */
export interface GatewayOpRecord {
  at: number;
  op: number;
  sessionId: string | null;
  path: string;
}

export class DiscordGateway {
  readonly sessions = new Map<string, GatewaySession>();
  readonly received: GatewayOpRecord[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly ctx: SimContext) {
    ctx.state.emit = (event, data, intent) => this.dispatch(event, data, intent);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    this.sockets.add(ws);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let session: GatewaySession | null = null;
    ws.on('close', (code) => {
      this.sockets.delete(ws);
      // A client closing with 1000/1001 ends its session for good, as on Discord.
      if (session && (code === 1000 || code === 1001)) this.sessions.delete(session.id);
      else if (session && session.socket === ws) {
        session.socket = null;
        session.closedAt = Date.now();
      }
    });
    // discord.js sends v=10&encoding=json and, only when zlib-sync is installed, compress=zlib-stream.
    // We never compress; text frames are parsed as JSON by the client either way.
    if (url.searchParams.get('v') !== '10')
      return ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    if ((url.searchParams.get('encoding') ?? 'json') !== 'json')
      return ws.close(GatewayCloseCodes.DecodeError, 'Only JSON encoding is simulated');
    this.send(ws, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.ctx.options.heartbeatIntervalMs },
      s: null,
      t: null,
    });

    ws.on('message', (raw, isBinary) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        payload = JSON.parse(raw.toString()) as { op?: unknown; d?: unknown };
      } catch {
        ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      const op = typeof payload.op === 'number' ? payload.op : -1;
      this.received.push({
        at: Date.now(),
        op,
        sessionId: session?.id ?? null,
        path: url.pathname,
      });
      const d = (payload.d ?? {}) as Record<string, unknown>;
      switch (op) {
        case GatewayOpcodes.Heartbeat:
          this.send(ws, { op: GatewayOpcodes.HeartbeatAck });
          return;
        case GatewayOpcodes.Identify:
          if (session)
            return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
          session = this.identify(ws, d);
          return;
        case GatewayOpcodes.Resume:
          if (session)
            return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
          session = this.resume(ws, d);
          return;
        case GatewayOpcodes.RequestGuildMembers:
          if (!session) return ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
          this.requestMembers(session, d);
          return;
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
          if (!session) return ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
          return;
        default:
          ws.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
      }
    });
  }

  private identify(ws: WebSocket, d: Record<string, unknown>): GatewaySession | null {
    if (d.token !== this.ctx.options.botToken) {
      ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    const intents = typeof d.intents === 'number' ? d.intents : NaN;
    if (!Number.isInteger(intents) || intents < 0 || (intents & ~KNOWN_INTENTS) !== 0) {
      ws.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return null;
    }
    const { privileged } = this.ctx.options;
    if (
      (intents & PRIVILEGED.members && !privileged.guildMembers) ||
      (intents & PRIVILEGED.presences && !privileged.guildPresences) ||
      (intents & PRIVILEGED.content && !privileged.messageContent)
    ) {
      ws.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return null;
    }
    this.ctx.sessionStarts.used += 1;
    const largeThreshold =
      typeof d.large_threshold === 'number' ? Math.min(250, Math.max(50, d.large_threshold)) : 50;
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      intents,
      seq: 0,
      buffer: [],
      socket: ws,
      closedAt: null,
      largeThreshold,
      lastFullMemberRequest: new Map(),
    };
    this.sessions.set(session.id, session);
    const { state } = this.ctx;
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...state.botUser, verified: true, mfa_enabled: true },
      guilds: [...state.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.ctx.urls.resumeGateway,
      shard: [0, 1],
      application: {
        id: state.application.id,
        flags: applicationFlags(this.ctx.options),
        flags_new: String(applicationFlags(this.ctx.options)),
      },
    };
    this.sendDispatch(session, GatewayDispatchEvents.Ready, ready);
    // Without the Guilds intent Discord sends no GUILD_CREATE; guilds stay unavailable in READY.
    if (intents & GatewayIntentBits.Guilds)
      for (const guild of state.guilds.values())
        this.sendDispatch(
          session,
          GatewayDispatchEvents.GuildCreate,
          this.guildCreate(session, guild),
        );
    return session;
  }

  private guildCreate(session: GatewaySession, guild: SimGuild): GatewayGuildCreateDispatchData {
    const { state } = this.ctx;
    const large = guild.members.size > session.largeThreshold;
    // Discord only sends the full member list for small guilds with GuildPresences; otherwise
    // the bot itself (and people in voice, who the sim does not model).
    const members: APIGuildMember[] =
      !large && session.intents & GatewayIntentBits.GuildPresences
        ? [...guild.members.values()]
        : [state.member(guild, state.botUser.id)];
    return {
      ...guildObject(state, guild),
      joined_at: state.member(guild, state.botUser.id).joined_at ?? guild.createdAt,
      large,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members,
      channels: [...guild.channels.values()],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    } as GatewayGuildCreateDispatchData;
  }

  private resume(ws: WebSocket, d: Record<string, unknown>): GatewaySession | null {
    const session = this.sessions.get(typeof d.session_id === 'string' ? d.session_id : '');
    const seq = typeof d.seq === 'number' ? d.seq : -1;
    const expired =
      session?.closedAt !== null &&
      session?.closedAt !== undefined &&
      Date.now() - session.closedAt > this.ctx.options.resumeWindowMs;
    const oldest = session?.buffer[0]?.s ?? (session ? session.seq + 1 : 0);
    if (d.token !== this.ctx.options.botToken) {
      ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    if (!session || expired || seq > session.seq || seq + 1 < oldest) {
      // Not resumable: the client must identify again on a fresh connection.
      this.send(ws, { op: GatewayOpcodes.InvalidSession, d: false });
      return null;
    }
    if (session.socket && session.socket !== ws) session.socket.terminate();
    session.socket = ws;
    session.closedAt = null;
    for (const event of session.buffer)
      if (event.s > seq)
        this.send(ws, { op: GatewayOpcodes.Dispatch, t: event.t, s: event.s, d: event.d });
    this.sendDispatch(session, GatewayDispatchEvents.Resumed, {});
    return session;
  }

  private requestMembers(session: GatewaySession, d: Record<string, unknown>): void {
    const { state } = this.ctx;
    const guildId = typeof d.guild_id === 'string' ? d.guild_id : '';
    const guild = state.guilds.get(guildId);
    if (!guild) return;
    const nonce = typeof d.nonce === 'string' ? d.nonce.slice(0, 32) : undefined;
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : undefined;
    const userIds = Array.isArray(d.user_ids)
      ? d.user_ids.map(String)
      : typeof d.user_ids === 'string'
        ? [d.user_ids]
        : undefined;
    const limit = typeof d.limit === 'number' ? d.limit : 0;
    const full = userIds === undefined && query === '' && limit === 0;
    if (full && !(session.intents & GatewayIntentBits.GuildMembers)) {
      // Discord refuses a full member list without the GuildMembers intent.
      session.socket?.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    if (full) {
      const last = session.lastFullMemberRequest.get(guildId);
      const window = this.ctx.options.rateLimits.requestGuildMembersWindowMs;
      const now = Date.now();
      if (this.ctx.options.rateLimits.enabled && last !== undefined && now - last < window) {
        this.sendDispatch(session, GatewayDispatchEvents.RateLimited, {
          opcode: GatewayOpcodes.RequestGuildMembers,
          retry_after: (last + window - now) / 1000,
          meta: { guild_id: guildId, ...(nonce ? { nonce } : {}) },
        });
        return;
      }
      session.lastFullMemberRequest.set(guildId, now);
    }
    let members = state.sortedMembers(guild);
    let notFound: string[] = [];
    if (userIds) {
      const wanted = userIds.slice(0, 100);
      notFound = wanted.filter((id) => !guild.members.has(id));
      members = members.filter((m) => wanted.includes(m.user.id));
    } else if (query) {
      members = members
        .filter(
          (m) =>
            m.user.username.toLowerCase().startsWith(query) ||
            (m.nick ?? '').toLowerCase().startsWith(query),
        )
        .slice(0, Math.min(100, limit || 100));
    } else if (limit > 0) {
      members = members.slice(0, limit);
    }
    const chunkCount = Math.max(1, Math.ceil(members.length / CHUNK_SIZE));
    for (let index = 0; index < chunkCount; index += 1) {
      const chunk: GatewayGuildMembersChunkDispatchData = {
        guild_id: guild.id,
        members: members.slice(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE),
        chunk_index: index,
        chunk_count: chunkCount,
        ...(index === 0 && notFound.length > 0 ? { not_found: notFound } : {}),
        ...(nonce ? { nonce } : {}),
      };
      this.sendDispatch(session, GatewayDispatchEvents.GuildMembersChunk, chunk);
    }
  }

  /** Fans a dispatch out to every live or resumable session whose intents include `intent`. */
  dispatch(event: GatewayDispatchEvents, data: unknown, intent: number | null): void {
    for (const session of this.sessions.values()) {
      if (intent !== null && (session.intents & intent) === 0) continue;
      if (
        session.closedAt !== null &&
        Date.now() - session.closedAt > this.ctx.options.resumeWindowMs
      )
        continue;
      this.sendDispatch(session, event, data);
    }
  }

  private sendDispatch(session: GatewaySession, t: GatewayDispatchEvents, d: unknown): void {
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.buffer.push(event);
    if (session.buffer.length > BUFFER_LIMIT) session.buffer.shift();
    if (session.socket) this.send(session.socket, { op: GatewayOpcodes.Dispatch, ...event });
  }

  private send(ws: WebSocket, payload: Record<string, unknown>): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  /** Fault: cut every connection. Abrupt by default (clients see 1006 and resume). */
  drop(options: { code?: number } = {}): number {
    let count = 0;
    for (const ws of this.sockets) {
      count += 1;
      if (options.code === undefined) ws.terminate();
      else ws.close(options.code, 'Simulated drop');
    }
    return count;
  }

  /** Fault: ask clients to reconnect (op 7), which they answer with a RESUME. */
  requestReconnect(): void {
    for (const ws of this.sockets) this.send(ws, { op: GatewayOpcodes.Reconnect, d: null });
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
