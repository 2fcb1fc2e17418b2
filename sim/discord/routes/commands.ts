// Application command routes: bulk overwrite (PUT) and list, global and per guild. Ids stay
// stable for commands whose name survives an overwrite, as on Discord.
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommand,
} from 'discord-api-types/v10';
import type { SimContext } from '../context.js';
import { DiscordApiError, invalidFormBody, type FieldProblem } from '../errors.js';
import type { RouteSpec } from '../http/router.js';
import { objectBody } from './body-checks.js';

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export function commandRoutes(ctx: SimContext): RouteSpec[] {
  const { state } = ctx;

  const requireApp = (appId: string | undefined) => {
    if (appId !== state.application.id) throw new DiscordApiError(403, 50001, 'Missing Access');
  };

  const normalise = (
    json: unknown,
    existing: APIApplicationCommand[],
    guildId: string | null,
  ): APIApplicationCommand[] => {
    if (!Array.isArray(json))
      throw invalidFormBody([{ path: [], code: 'BASE_TYPE_LIST', message: 'Must be a list.' }]);
    const problems: FieldProblem[] = [];
    if (json.length > 100)
      problems.push({
        path: [],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 100 or fewer in length.',
      });
    const commands = json.map((raw: unknown, index) => {
      const body = objectBody(raw);
      const type = typeof body.type === 'number' ? body.type : ApplicationCommandType.ChatInput;
      const name = typeof body.name === 'string' ? body.name : '';
      if (
        !NAME.test(name) ||
        (type === ApplicationCommandType.ChatInput && name !== name.toLowerCase())
      )
        problems.push({
          path: [index, 'name'],
          code: 'APPLICATION_COMMAND_INVALID_NAME',
          message: 'Command name is invalid',
        });
      const description = typeof body.description === 'string' ? body.description : '';
      if (
        type === ApplicationCommandType.ChatInput &&
        (description.length < 1 || description.length > 100)
      )
        problems.push({
          path: [index, 'description'],
          code: 'BASE_TYPE_BAD_LENGTH',
          message: 'Must be between 1 and 100 in length.',
        });
      const previous = existing.find((c) => c.name === name && c.type === type);
      const command: APIApplicationCommand = {
        id: previous?.id ?? state.nextId(),
        application_id: state.application.id,
        version: state.nextId(),
        type,
        name,
        description,
        options: Array.isArray(body.options)
          ? (body.options as APIApplicationCommand['options'])
          : [],
        default_member_permissions:
          typeof body.default_member_permissions === 'string'
            ? body.default_member_permissions
            : null,
        contexts: Array.isArray(body.contexts)
          ? (body.contexts as InteractionContextType[])
          : [InteractionContextType.Guild],
        integration_types: Array.isArray(body.integration_types)
          ? (body.integration_types as ApplicationIntegrationType[])
          : [ApplicationIntegrationType.GuildInstall],
        nsfw: body.nsfw === true,
        ...(guildId ? { guild_id: guildId } : {}),
      };
      return command;
    });
    const names = commands.map((c) => `${c.type}:${c.name}`);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        problems.push({
          path: [i, 'name'],
          code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
          message: 'Application command names must be unique',
        });
    });
    if (problems.length > 0) throw invalidFormBody(problems);
    return commands;
  };

  return [
    {
      method: 'GET',
      template: '/applications/:application_id/commands',
      auth: 'bot',
      handler: ({ params }) => {
        requireApp(params.application_id);
        return { status: 200, body: state.globalCommands };
      },
    },
    {
      method: 'PUT',
      template: '/applications/:application_id/commands',
      auth: 'bot',
      handler: ({ params, json }) => {
        requireApp(params.application_id);
        const next = normalise(json, state.globalCommands, null);
        state.globalCommands.splice(0, state.globalCommands.length, ...next);
        return { status: 200, body: next };
      },
    },
    {
      method: 'GET',
      template: '/applications/:application_id/guilds/:guild_id/commands',
      auth: 'bot',
      handler: ({ params }) => {
        requireApp(params.application_id);
        state.guild(params.guild_id ?? '');
        return { status: 200, body: state.guildCommands.get(params.guild_id ?? '') ?? [] };
      },
    },
    {
      method: 'PUT',
      template: '/applications/:application_id/guilds/:guild_id/commands',
      auth: 'bot',
      handler: ({ params, json }) => {
        requireApp(params.application_id);
        const guild = state.guild(params.guild_id ?? '');
        const next = normalise(json, state.guildCommands.get(guild.id) ?? [], guild.id);
        state.guildCommands.set(guild.id, next);
        return { status: 200, body: next };
      },
    },
  ];
}
