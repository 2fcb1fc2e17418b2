// Discord's JSON error bodies ({ message, code, errors? }) as a throwable, so route handlers
// can fail with exactly the status and code the real API gives.
import { RESTJSONErrorCodes } from 'discord-api-types/v10';

/** Discord's nested `errors` tree for 50035: path segments down to `{ _errors: [...] }`. */
export interface FormErrorTree {
  [key: string]: FormErrorTree | { code: string; message: string }[];
}

export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: FormErrorTree,
  ) {
    super(message);
  }

  toBody(): { message: string; code: number; errors?: FormErrorTree } {
    return this.errors
      ? { message: this.message, code: this.code, errors: this.errors }
      : { message: this.message, code: this.code };
  }
}

export const unauthorized = (): DiscordApiError => new DiscordApiError(401, 0, '401: Unauthorized');
export const missingPermissions = (): DiscordApiError =>
  new DiscordApiError(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
export const missingAccess = (): DiscordApiError =>
  new DiscordApiError(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access');
export const unknownGuild = (): DiscordApiError =>
  new DiscordApiError(404, RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild');
export const unknownMember = (): DiscordApiError =>
  new DiscordApiError(404, RESTJSONErrorCodes.UnknownMember, 'Unknown Member');
export const unknownRole = (): DiscordApiError =>
  new DiscordApiError(404, RESTJSONErrorCodes.UnknownRole, 'Unknown Role');
export const unknownChannel = (): DiscordApiError =>
  new DiscordApiError(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
export const unknownMessage = (): DiscordApiError =>
  new DiscordApiError(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');
export const unknownUser = (): DiscordApiError =>
  new DiscordApiError(404, RESTJSONErrorCodes.UnknownUser, 'Unknown User');
export const unknownApplication = (): DiscordApiError =>
  new DiscordApiError(404, RESTJSONErrorCodes.UnknownApplication, 'Unknown Application');
export const unknownInteraction = (): DiscordApiError =>
  new DiscordApiError(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction');
export const unknownWebhook = (): DiscordApiError =>
  new DiscordApiError(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');
export const alreadyAcknowledged = (): DiscordApiError =>
  new DiscordApiError(
    400,
    RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
    'Interaction has already been acknowledged.',
  );
export const notFound = (): DiscordApiError => new DiscordApiError(404, 0, '404: Not Found');
export const methodNotAllowed = (): DiscordApiError =>
  new DiscordApiError(405, 0, '405: Method Not Allowed');
export const cannotSendEmptyMessage = (): DiscordApiError =>
  new DiscordApiError(
    400,
    RESTJSONErrorCodes.CannotSendAnEmptyMessage,
    'Cannot send an empty message',
  );

/** One field problem in a request body, addressed by its path (e.g. ['roles', 0]). */
export interface FieldProblem {
  path: (string | number)[];
  code: string;
  message: string;
}

export function invalidFormBody(problems: FieldProblem[]): DiscordApiError {
  const tree: FormErrorTree = {};
  for (const problem of problems) {
    let node: FormErrorTree = tree;
    for (const segment of problem.path) {
      const key = String(segment);
      const child = node[key];
      if (child === undefined || Array.isArray(child)) node[key] = {};
      node = node[key] as FormErrorTree;
    }
    const list = (node._errors as { code: string; message: string }[] | undefined) ?? [];
    list.push({ code: problem.code, message: problem.message });
    node._errors = list;
  }
  return new DiscordApiError(
    400,
    RESTJSONErrorCodes.InvalidFormBodyOrContentType,
    'Invalid Form Body',
    tree,
  );
}
