// Interaction responses: the initial callback (token in URL, once, within the deadline) and
// the webhook follow-ups, including edits of the @original response.
import {
  InteractionResponseType,
  MessageFlags,
  type APIMessage,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import type { SimContext } from '../context.js';
import {
  alreadyAcknowledged,
  invalidFormBody,
  unknownInteraction,
  unknownMessage,
  unknownWebhook,
} from '../errors.js';
import type { UploadedFile } from '../http/body.js';
import type { RouteSpec } from '../http/router.js';
import { buildMessage, editMessage, publicMessage } from '../message-builder.js';
import type { SimInteraction } from '../state.js';
import { objectBody } from './body-checks.js';

const WEBHOOK_TTL_MS = 15 * 60_000;

export function interactionRoutes(ctx: SimContext): RouteSpec[] {
  const { state } = ctx;

  const byToken = (appId: string | undefined, token: string | undefined): SimInteraction => {
    if (appId !== state.application.id) throw unknownWebhook();
    for (const interaction of state.interactions.values()) {
      if (interaction.token === token && Date.now() - interaction.createdAt < WEBHOOK_TTL_MS)
        return interaction;
    }
    throw unknownWebhook();
  };

  const newMessage = (
    interaction: SimInteraction,
    json: unknown,
    files: UploadedFile[],
    allowEmpty = false,
  ): APIMessage =>
    buildMessage({
      id: state.nextId(),
      channelId: interaction.channelId,
      guildId: interaction.guildId,
      author: state.botUser,
      json,
      files,
      nextId: () => state.nextId(),
      webhookId: state.application.id,
      applicationId: state.application.id,
      interaction: {
        id: interaction.id,
        name: interaction.commandName,
        user: state.users.get(interaction.userId) ?? state.botUser,
      },
      allowEmpty,
    });

  const publish = (message: APIMessage) => {
    if (((message.flags ?? 0) & MessageFlags.Ephemeral) === 0)
      state.channelMessages(message.channel_id).push(message);
  };

  const replaceInChannel = (message: APIMessage) => {
    const list = state.channelMessages(message.channel_id);
    const index = list.findIndex((m) => m.id === message.id);
    if (index >= 0) list[index] = message;
  };

  const editOriginal = (
    interaction: SimInteraction,
    json: unknown,
    files: UploadedFile[],
  ): APIMessage => {
    if (!interaction.original) throw unknownMessage();
    const edited = editMessage(interaction.original, json, files, () => state.nextId());
    // The first edit of a deferred reply replaces the "thinking..." placeholder.
    edited.flags = ((edited.flags ?? 0) & ~MessageFlags.Loading) as MessageFlags;
    interaction.original = edited;
    replaceInChannel(edited);
    interaction.history.push({ kind: 'edit-original', at: Date.now(), body: json });
    return edited;
  };

  return [
    {
      method: 'POST',
      template: '/interactions/:interaction_id/:interaction_token/callback',
      auth: 'none',
      skipGlobalLimit: true,
      handler: ({ params, json, files, query }) => {
        const interaction = state.interactions.get(params.interaction_id ?? '');
        if (!interaction || interaction.token !== params.interaction_token)
          throw unknownInteraction();
        if (interaction.callback) throw alreadyAcknowledged();
        if (Date.now() - interaction.createdAt > ctx.options.interactionDeadlineMs)
          throw unknownInteraction();
        const body = objectBody(json);
        const type = body.type;
        const data = body.data ?? {};
        switch (type) {
          case InteractionResponseType.ChannelMessageWithSource:
            interaction.original = newMessage(interaction, data, files);
            publish(interaction.original);
            break;
          case InteractionResponseType.DeferredChannelMessageWithSource: {
            const flags =
              typeof (data as { flags?: unknown }).flags === 'number'
                ? (data as { flags: number }).flags & MessageFlags.Ephemeral
                : 0;
            interaction.original = newMessage(
              interaction,
              { content: '', flags: flags | MessageFlags.Loading },
              [],
              true,
            );
            publish(interaction.original);
            break;
          }
          case InteractionResponseType.Modal:
            break;
          default:
            // Update-message and autocomplete responses belong to component/autocomplete interactions,
            // which this simulator does not inject.
            throw invalidFormBody([
              {
                path: ['type'],
                code: 'INTERACTION_RESPONSE_TYPE_INVALID',
                message: 'Interaction response type is invalid for this interaction',
              },
            ]);
        }
        interaction.callback = { type: type as number, data };
        interaction.history.push({ kind: 'callback', at: Date.now(), body: json });
        if (query.get('with_response') !== 'true') return { status: 204 };
        const result: RESTPostAPIInteractionCallbackWithResponseResult = {
          interaction: {
            id: interaction.id,
            type: 2,
            ...(interaction.original
              ? {
                  response_message_id: interaction.original.id,
                  response_message_loading:
                    type === InteractionResponseType.DeferredChannelMessageWithSource,
                  response_message_ephemeral:
                    ((interaction.original.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
                }
              : {}),
          },
          ...(interaction.original
            ? {
                resource: {
                  type: type as InteractionResponseType.ChannelMessageWithSource,
                  message: publicMessage(interaction.original),
                },
              }
            : {}),
        } as RESTPostAPIInteractionCallbackWithResponseResult;
        return { status: 200, body: result };
      },
    },
    {
      method: 'GET',
      template: '/webhooks/:webhook_id/:webhook_token/messages/@original',
      auth: 'none',
      skipGlobalLimit: true,
      handler: ({ params }) => {
        const interaction = byToken(params.webhook_id, params.webhook_token);
        if (!interaction.original) throw unknownMessage();
        return { status: 200, body: publicMessage(interaction.original) };
      },
    },
    {
      method: 'PATCH',
      template: '/webhooks/:webhook_id/:webhook_token/messages/@original',
      auth: 'none',
      skipGlobalLimit: true,
      handler: ({ params, json, files }) => ({
        status: 200,
        body: publicMessage(
          editOriginal(byToken(params.webhook_id, params.webhook_token), json, files),
        ),
      }),
    },
    {
      method: 'DELETE',
      template: '/webhooks/:webhook_id/:webhook_token/messages/@original',
      auth: 'none',
      skipGlobalLimit: true,
      handler: ({ params }) => {
        const interaction = byToken(params.webhook_id, params.webhook_token);
        if (!interaction.original) throw unknownMessage();
        const list = state.channelMessages(interaction.original.channel_id);
        const index = list.findIndex((m) => m.id === interaction.original?.id);
        if (index >= 0) list.splice(index, 1);
        interaction.original = null;
        interaction.history.push({ kind: 'delete-original', at: Date.now(), body: null });
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      template: '/webhooks/:webhook_id/:webhook_token',
      auth: 'none',
      skipGlobalLimit: true,
      handler: ({ params, json, files }) => {
        const interaction = byToken(params.webhook_id, params.webhook_token);
        // Follow-ups exist only once the interaction has been answered.
        if (!interaction.callback) throw unknownWebhook();
        const message = newMessage(interaction, json, files);
        interaction.followUps.push(message);
        publish(message);
        interaction.history.push({ kind: 'follow-up', at: Date.now(), body: json });
        return { status: 200, body: publicMessage(message) };
      },
    },
    {
      method: 'GET',
      template: '/webhooks/:webhook_id/:webhook_token/messages/:message_id',
      auth: 'none',
      skipGlobalLimit: true,
      handler: ({ params }) => {
        const interaction = byToken(params.webhook_id, params.webhook_token);
        const message = interaction.followUps.find((m) => m.id === params.message_id);
        if (!message) throw unknownMessage();
        return { status: 200, body: publicMessage(message) };
      },
    },
    {
      method: 'PATCH',
      template: '/webhooks/:webhook_id/:webhook_token/messages/:message_id',
      auth: 'none',
      skipGlobalLimit: true,
      handler: ({ params, json, files }) => {
        const interaction = byToken(params.webhook_id, params.webhook_token);
        const index = interaction.followUps.findIndex((m) => m.id === params.message_id);
        const current = interaction.followUps[index];
        if (!current) throw unknownMessage();
        const edited = editMessage(current, json, files, () => state.nextId());
        interaction.followUps[index] = edited;
        replaceInChannel(edited);
        return { status: 200, body: publicMessage(edited) };
      },
    },
  ];
}
