// Turns a create/edit-message body (JSON or multipart) into the APIMessage Discord would store,
// with Discord's validation for empty messages and over-long content.
import {
  MessageFlags,
  MessageType,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIUser,
} from 'discord-api-types/v10';
import { cannotSendEmptyMessage, invalidFormBody, type FieldProblem } from './errors.js';
import type { UploadedFile } from './http/body.js';

interface MessageBody {
  content?: unknown;
  embeds?: unknown;
  components?: unknown;
  flags?: unknown;
  attachments?: unknown;
  tts?: unknown;
}

export interface StoredAttachment extends APIAttachment {
  /** The uploaded bytes, kept so tests can check what was sent. */
  data?: Buffer;
}

function asBody(json: unknown): MessageBody {
  if (json === undefined || json === null) return {};
  if (typeof json !== 'object' || Array.isArray(json))
    throw invalidFormBody([
      {
        path: [],
        code: 'DICT_TYPE_CONVERT',
        message: 'Only dictionaries may be used in a DictType',
      },
    ]);
  return json as MessageBody;
}

export function validateMessageBody(json: unknown): MessageBody {
  const body = asBody(json);
  const problems: FieldProblem[] = [];
  if (body.content !== undefined && body.content !== null) {
    if (typeof body.content !== 'string')
      problems.push({ path: ['content'], code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
    else if (body.content.length > 2000)
      problems.push({
        path: ['content'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 2000 or fewer in length.',
      });
  }
  if (body.embeds !== undefined && body.embeds !== null) {
    if (!Array.isArray(body.embeds))
      problems.push({ path: ['embeds'], code: 'BASE_TYPE_LIST', message: 'Must be a list.' });
    else if (body.embeds.length > 10)
      problems.push({
        path: ['embeds'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 10 or fewer in length.',
      });
  }
  if (problems.length > 0) throw invalidFormBody(problems);
  return body;
}

function attachmentsFrom(
  body: MessageBody,
  files: UploadedFile[],
  nextId: () => string,
  channelId: string,
): StoredAttachment[] {
  const declared = Array.isArray(body.attachments)
    ? (body.attachments as { id?: unknown; filename?: unknown; description?: unknown }[])
    : [];
  return files.map((file, index) => {
    const fieldIndex = Number(/^files\[(\d+)\]$/.exec(file.field)?.[1] ?? index);
    const meta = declared.find((a) => Number(a.id) === fieldIndex);
    const id = nextId();
    const filename = typeof meta?.filename === 'string' ? meta.filename : file.filename;
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size: file.data.length,
      url,
      proxy_url: url.replace('cdn.discordapp.com', 'media.discordapp.net'),
      content_type: file.contentType,
      ...(typeof meta?.description === 'string' ? { description: meta.description } : {}),
      data: file.data,
    };
  });
}

export interface BuildMessageInput {
  id: string;
  channelId: string;
  guildId: string | null;
  author: APIUser;
  json: unknown;
  files: UploadedFile[];
  nextId: () => string;
  webhookId?: string;
  applicationId?: string;
  interaction?: { id: string; name: string; user: APIUser };
  /** Deferred replies start empty with the Loading flag; skip the emptiness rule for them. */
  allowEmpty?: boolean;
}

export function buildMessage(input: BuildMessageInput): APIMessage {
  const body = validateMessageBody(input.json);
  const attachments = attachmentsFrom(body, input.files, input.nextId, input.channelId);
  const content = typeof body.content === 'string' ? body.content : '';
  const embeds = Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : [];
  const components = Array.isArray(body.components)
    ? (body.components as APIMessageTopLevelComponent[])
    : [];
  if (
    !input.allowEmpty &&
    content === '' &&
    embeds.length === 0 &&
    attachments.length === 0 &&
    components.length === 0
  )
    throw cannotSendEmptyMessage();
  return {
    id: input.id,
    channel_id: input.channelId,
    ...(input.guildId ? { guild_id: input.guildId } : {}),
    author: input.author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments,
    embeds,
    components,
    pinned: false,
    type: input.interaction ? MessageType.ChatInputCommand : MessageType.Default,
    flags: (typeof body.flags === 'number' ? body.flags : 0) as MessageFlags,
    ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
    ...(input.applicationId ? { application_id: input.applicationId } : {}),
    ...(input.interaction
      ? {
          interaction_metadata: {
            id: input.interaction.id,
            type: 2,
            user: input.interaction.user,
            authorizing_integration_owners: {},
          },
        }
      : {}),
  } as APIMessage;
}

/** Applies an edit body to a stored message (content/embeds/components/attachments replace). */
export function editMessage(
  message: APIMessage,
  json: unknown,
  files: UploadedFile[],
  nextId: () => string,
): APIMessage {
  const body = validateMessageBody(json);
  const next: APIMessage = { ...message, edited_timestamp: new Date().toISOString() };
  if (typeof body.content === 'string' || body.content === null) next.content = body.content ?? '';
  if (Array.isArray(body.embeds)) next.embeds = body.embeds as APIEmbed[];
  if (Array.isArray(body.components))
    next.components = body.components as APIMessageTopLevelComponent[];
  // Discord lets an edit toggle only SUPPRESS_EMBEDS: an ephemeral message stays ephemeral and a
  // public one cannot become ephemeral afterwards.
  if (typeof body.flags === 'number') {
    const editable = MessageFlags.SuppressEmbeds;
    next.flags = (((message.flags ?? 0) & ~editable) | (body.flags & editable)) as MessageFlags;
  }
  if (Array.isArray(body.attachments) || files.length > 0) {
    const keep = Array.isArray(body.attachments)
      ? (body.attachments as { id?: unknown }[]).map((a) => String(a.id))
      : message.attachments.map((a) => a.id);
    next.attachments = [
      ...message.attachments.filter((a) => keep.includes(a.id)),
      ...attachmentsFrom(body, files, nextId, message.channel_id),
    ];
  }
  return next;
}

/** Strips stored upload bytes before a message goes over the wire. */
export function publicMessage(message: APIMessage): APIMessage {
  return {
    ...message,
    attachments: message.attachments.map(({ data: _data, ...rest }: StoredAttachment) => rest),
  };
}
