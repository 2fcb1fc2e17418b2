// Channel routes: create categories, text and voice channels, rename, replace or edit
// permission overwrites, and send messages (JSON or multipart with files).
import {
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  OverwriteType,
  PermissionFlagsBits,
  type APIOverwrite,
  type ChannelFlags,
} from 'discord-api-types/v10';
import type { ScenarioChannel } from '../../scenarios/guild.js';
import type { SimContext } from '../context.js';
import { DiscordApiError, invalidFormBody, missingPermissions } from '../errors.js';
import type { RouteSpec } from '../http/router.js';
import { buildMessage, publicMessage } from '../message-builder.js';
import { channelPermissions, requirePermission } from '../permissions.js';
import type { SimGuild } from '../state.js';
import { FieldChecker, objectBody, type JsonObject } from './body-checks.js';

const CREATABLE = new Set<number>([
  ChannelType.GuildText,
  ChannelType.GuildVoice,
  ChannelType.GuildCategory,
]);

function parseOverwrites(check: FieldChecker, body: JsonObject): APIOverwrite[] | undefined {
  const value = body.permission_overwrites;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    check.problems.push({
      path: ['permission_overwrites'],
      code: 'BASE_TYPE_LIST',
      message: 'Must be a list.',
    });
    return undefined;
  }
  return value.map((raw: unknown, index) => {
    const o = objectBody(raw);
    const id = check.snowflake(o, 'id');
    const type =
      o.type === 0 || o.type === 1 || o.type === '0' || o.type === '1' ? Number(o.type) : undefined;
    if (id === undefined || id === null)
      check.problems.push({
        path: ['permission_overwrites', index, 'id'],
        code: 'BASE_TYPE_REQUIRED',
        message: 'This field is required',
      });
    if (type === undefined)
      check.problems.push({
        path: ['permission_overwrites', index, 'type'],
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of {0, 1}.',
      });
    return {
      id: id ?? '0',
      type: (type ?? 0) as OverwriteType,
      allow: String(check.permissions(o, 'allow') ?? 0n),
      deny: String(check.permissions(o, 'deny') ?? 0n),
    };
  });
}

export function channelRoutes(ctx: SimContext): RouteSpec[] {
  const { state } = ctx;
  const bot = (guild: SimGuild) => state.member(guild, state.botUser.id);
  const emitChannel = (event: GatewayDispatchEvents, channel: ScenarioChannel) =>
    state.emit(event, channel, GatewayIntentBits.Guilds);

  return [
    {
      method: 'GET',
      template: '/guilds/:guild_id/channels',
      auth: 'bot',
      handler: ({ params }) => ({
        status: 200,
        body: [...state.guild(params.guild_id ?? '').channels.values()],
      }),
    },
    {
      method: 'POST',
      template: '/guilds/:guild_id/channels',
      auth: 'bot',
      handler: ({ params, json }) => {
        const guild = state.guild(params.guild_id ?? '');
        requirePermission(guild, bot(guild), PermissionFlagsBits.ManageChannels);
        const body = objectBody(json);
        const check = new FieldChecker();
        const name = check.string(body, 'name', { min: 1, max: 100, required: true });
        const type = check.int(body, 'type', { min: 0, max: 16 }) ?? ChannelType.GuildText;
        if (!CREATABLE.has(type))
          check.problems.push({
            path: ['type'],
            code: 'BASE_TYPE_CHOICES',
            message: `Value must be one of {${[...CREATABLE].join(', ')}}.`,
          });
        const parentId = check.snowflake(body, 'parent_id') ?? null;
        const position =
          check.int(body, 'position', { min: 0, max: 10_000 }) ?? guild.channels.size;
        const overwrites = parseOverwrites(check, body) ?? [];
        const topic = check.string(body, 'topic', { max: 1024 });
        const bitrate = check.int(body, 'bitrate', { min: 8000, max: 384_000 });
        const userLimit = check.int(body, 'user_limit', { min: 0, max: 99 });
        check.done();
        if (parentId !== null && guild.channels.get(parentId)?.type !== ChannelType.GuildCategory)
          throw invalidFormBody([
            {
              path: ['parent_id'],
              code: 'CHANNEL_PARENT_INVALID',
              message: 'Category does not exist',
            },
          ]);
        if (overwrites.length > 0)
          requirePermission(guild, bot(guild), PermissionFlagsBits.ManageRoles);
        const base = {
          id: state.nextId(),
          guild_id: guild.id,
          name: name ?? '',
          position,
          permission_overwrites: overwrites,
          nsfw: false,
          parent_id: parentId,
          flags: 0 as ChannelFlags,
        };
        const channel: ScenarioChannel =
          type === ChannelType.GuildCategory
            ? { ...base, parent_id: null, type: ChannelType.GuildCategory }
            : type === ChannelType.GuildVoice
              ? {
                  ...base,
                  type: ChannelType.GuildVoice,
                  bitrate: bitrate ?? 64_000,
                  user_limit: userLimit ?? 0,
                  rtc_region: null,
                  last_message_id: null,
                  rate_limit_per_user: 0,
                }
              : {
                  ...base,
                  type: ChannelType.GuildText,
                  topic: topic ?? null,
                  last_message_id: null,
                  rate_limit_per_user: 0,
                  default_auto_archive_duration: 1440,
                };
        guild.channels.set(channel.id, channel);
        emitChannel(GatewayDispatchEvents.ChannelCreate, channel);
        return { status: 201, body: channel };
      },
    },
    {
      method: 'GET',
      template: '/channels/:channel_id',
      auth: 'bot',
      handler: ({ params }) => ({
        status: 200,
        body: state.channel(params.channel_id ?? '').channel,
      }),
    },
    {
      method: 'PATCH',
      template: '/channels/:channel_id',
      auth: 'bot',
      handler: ({ params, json }) => {
        const { guild, channel } = state.channel(params.channel_id ?? '');
        const actor = bot(guild);
        if (
          (channelPermissions(guild, actor, channel.permission_overwrites ?? []) &
            PermissionFlagsBits.ManageChannels) ===
          0n
        )
          throw missingPermissions();
        const body = objectBody(json);
        const check = new FieldChecker();
        const name = check.string(body, 'name', { min: 1, max: 100 });
        const position = check.int(body, 'position', { min: 0, max: 10_000 });
        const parentId = check.snowflake(body, 'parent_id');
        const overwrites = parseOverwrites(check, body);
        const topic =
          channel.type === ChannelType.GuildText
            ? check.string(body, 'topic', { max: 1024 })
            : undefined;
        check.done();
        if (overwrites !== undefined)
          requirePermission(guild, actor, PermissionFlagsBits.ManageRoles);
        if (name !== undefined) channel.name = name;
        if (position !== undefined) channel.position = position;
        if (parentId !== undefined && channel.type !== ChannelType.GuildCategory)
          channel.parent_id = parentId;
        if (overwrites !== undefined) channel.permission_overwrites = overwrites;
        if (topic !== undefined && channel.type === ChannelType.GuildText) channel.topic = topic;
        emitChannel(GatewayDispatchEvents.ChannelUpdate, channel);
        return { status: 200, body: channel };
      },
    },
    {
      method: 'DELETE',
      template: '/channels/:channel_id',
      auth: 'bot',
      handler: ({ params }) => {
        const { guild, channel } = state.channel(params.channel_id ?? '');
        requirePermission(guild, bot(guild), PermissionFlagsBits.ManageChannels);
        guild.channels.delete(channel.id);
        emitChannel(GatewayDispatchEvents.ChannelDelete, channel);
        return { status: 200, body: channel };
      },
    },
    {
      method: 'PUT',
      template: '/channels/:channel_id/permissions/:overwrite_id',
      auth: 'bot',
      handler: ({ params, json }) => {
        const { guild, channel } = state.channel(params.channel_id ?? '');
        requirePermission(guild, bot(guild), PermissionFlagsBits.ManageRoles);
        const body = objectBody(json);
        const check = new FieldChecker();
        const [overwrite] =
          parseOverwrites(check, {
            permission_overwrites: [{ ...body, id: params.overwrite_id }],
          }) ?? [];
        check.done();
        if (!overwrite)
          throw invalidFormBody([
            { path: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' },
          ]);
        if (overwrite.type === OverwriteType.Role) state.role(guild, overwrite.id);
        else state.member(guild, overwrite.id);
        channel.permission_overwrites = [
          ...(channel.permission_overwrites ?? []).filter((o) => o.id !== overwrite.id),
          overwrite,
        ];
        emitChannel(GatewayDispatchEvents.ChannelUpdate, channel);
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      template: '/channels/:channel_id/permissions/:overwrite_id',
      auth: 'bot',
      handler: ({ params }) => {
        const { guild, channel } = state.channel(params.channel_id ?? '');
        requirePermission(guild, bot(guild), PermissionFlagsBits.ManageRoles);
        channel.permission_overwrites = (channel.permission_overwrites ?? []).filter(
          (o) => o.id !== params.overwrite_id,
        );
        emitChannel(GatewayDispatchEvents.ChannelUpdate, channel);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      template: '/channels/:channel_id/messages',
      auth: 'bot',
      handler: ({ params, query }) => {
        state.channel(params.channel_id ?? '');
        const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
        return {
          status: 200,
          body: state
            .channelMessages(params.channel_id ?? '')
            .slice(-limit)
            .reverse()
            .map(publicMessage),
        };
      },
    },
    {
      method: 'POST',
      template: '/channels/:channel_id/messages',
      auth: 'bot',
      handler: ({ params, json, files }) => {
        const { guild, channel } = state.channel(params.channel_id ?? '');
        if (channel.type === ChannelType.GuildCategory)
          throw new DiscordApiError(400, 50008, 'Cannot send messages in a non-text channel');
        const perms = channelPermissions(guild, bot(guild), channel.permission_overwrites ?? []);
        const needed =
          PermissionFlagsBits.ViewChannel |
          PermissionFlagsBits.SendMessages |
          (files.length > 0 ? PermissionFlagsBits.AttachFiles : 0n);
        if ((perms & PermissionFlagsBits.ViewChannel) === 0n)
          throw new DiscordApiError(403, 50001, 'Missing Access');
        if ((perms & needed) !== needed) throw missingPermissions();
        const message = buildMessage({
          id: state.nextId(),
          channelId: channel.id,
          guildId: guild.id,
          author: state.botUser,
          json,
          files,
          nextId: () => state.nextId(),
        });
        state.channelMessages(channel.id).push(message);
        channel.last_message_id = message.id;
        state.emit(
          GatewayDispatchEvents.MessageCreate,
          { ...publicMessage(message), member: undefined },
          GatewayIntentBits.GuildMessages,
        );
        return { status: 200, body: publicMessage(message) };
      },
    },
  ];
}
