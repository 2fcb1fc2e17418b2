// Builds the INTERACTION_CREATE payload Discord would send when a member runs a slash command,
// with option types taken from the registered command when there is one.
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandInteractionDataSubcommandOption,
  type APIApplicationCommandOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteractionDataResolved,
} from 'discord-api-types/v10';
import { GitGuildSimError } from './sim-error.js';
import { channelPermissions } from './permissions.js';
import type { DiscordSimState, SimInteraction } from './state.js';

export type InteractionOptionValue = string | number | boolean;

export interface InjectInteractionInput {
  userId: string;
  commandName: string;
  options?: Record<string, InteractionOptionValue>;
  subcommand?: string;
  subcommandGroup?: string;
  guildId?: string;
  channelId?: string;
  locale?: `${Locale}`;
}

function inferType(value: InteractionOptionValue): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

export function buildCommandInteraction(
  state: DiscordSimState,
  input: InjectInteractionInput,
): { record: SimInteraction; payload: APIChatInputApplicationCommandGuildInteraction } {
  const guild = state.guild(input.guildId ?? state.scenario.guild.id);
  const member = guild.members.get(input.userId);
  if (!member)
    throw new GitGuildSimError(`user ${input.userId} is not a member of guild ${guild.id}`);
  const channelId = input.channelId ?? state.scenario.channelIds.general;
  const channel = guild.channels.get(channelId);
  if (!channel) throw new GitGuildSimError(`channel ${channelId} is not in guild ${guild.id}`);

  const registered: APIApplicationCommand | undefined = [
    ...(state.guildCommands.get(guild.id) ?? []),
    ...state.globalCommands,
  ].find((c) => c.name === input.commandName && c.type === ApplicationCommandType.ChatInput);
  let definitions: readonly APIApplicationCommandOption[] = registered?.options ?? [];
  const descend = (name: string | undefined): void => {
    if (!name) return;
    const found = definitions.find((o) => o.name === name);
    definitions = found && 'options' in found && Array.isArray(found.options) ? found.options : [];
  };
  descend(input.subcommandGroup);
  descend(input.subcommand);

  const resolved: APIInteractionDataResolved = {};
  const leafOptions: APIApplicationCommandInteractionDataBasicOption[] = Object.entries(
    input.options ?? {},
  ).map(([name, value]) => {
    const type = definitions.find((o) => o.name === name)?.type ?? inferType(value);
    if (type === ApplicationCommandOptionType.User) {
      const target = state.users.get(String(value));
      const targetMember = guild.members.get(String(value));
      if (target) resolved.users = { ...resolved.users, [target.id]: target };
      if (targetMember) {
        const { user: _user, deaf: _deaf, mute: _mute, ...rest } = targetMember;
        resolved.members = {
          ...resolved.members,
          [targetMember.user.id]: {
            ...rest,
            permissions: channelPermissions(
              guild,
              targetMember,
              channel.permission_overwrites ?? [],
            ).toString(),
          },
        };
      }
    }
    if (type === ApplicationCommandOptionType.Role) {
      const role = guild.roles.get(String(value));
      if (role) resolved.roles = { ...resolved.roles, [role.id]: role };
    }
    return { name, type, value } as APIApplicationCommandInteractionDataBasicOption;
  });
  let options: APIApplicationCommandInteractionDataOption[] = leafOptions;
  if (input.subcommand) {
    const sub: APIApplicationCommandInteractionDataSubcommandOption = {
      name: input.subcommand,
      type: ApplicationCommandOptionType.Subcommand,
      options: leafOptions,
    };
    options = input.subcommandGroup
      ? [
          {
            name: input.subcommandGroup,
            type: ApplicationCommandOptionType.SubcommandGroup,
            options: [sub],
          },
        ]
      : [sub];
  }

  const id = state.nextId();
  const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString('base64url')}`;
  const bot = state.member(guild, state.botUser.id);
  const payload: APIChatInputApplicationCommandGuildInteraction = {
    id,
    application_id: state.application.id,
    type: InteractionType.ApplicationCommand,
    data: {
      id: registered?.id ?? state.nextId(),
      name: input.commandName,
      type: ApplicationCommandType.ChatInput,
      ...(options.length > 0 ? { options } : {}),
      ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
      ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
    },
    guild_id: guild.id,
    guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
    channel_id: channel.id,
    channel: {
      id: channel.id,
      type: channel.type,
      name: channel.name,
      guild_id: guild.id,
      permission_overwrites: channel.permission_overwrites ?? [],
      position: channel.position,
    },
    member: {
      ...member,
      permissions: channelPermissions(
        guild,
        member,
        channel.permission_overwrites ?? [],
      ).toString(),
    },
    token,
    version: 1,
    app_permissions: channelPermissions(guild, bot, channel.permission_overwrites ?? []).toString(),
    locale: (input.locale ?? Locale.EnglishUS) as Locale,
    guild_locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { 0: guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  } as APIChatInputApplicationCommandGuildInteraction;
  const record: SimInteraction = {
    id,
    token,
    guildId: guild.id,
    channelId: channel.id,
    userId: member.user.id,
    commandName: input.commandName,
    options: { ...(input.options ?? {}) },
    createdAt: Date.now(),
    callback: null,
    original: null,
    followUps: [],
    history: [],
  };
  return { record, payload };
}
