// What a transport sends back when a method fails: the error's identifier, message, hint and
// per-field issues. Unexpected errors are reduced to a generic message so internals (paths,
// upstream bodies) never reach the UI; the host log has the detail.
import { GitGuildError } from '../errors.js';
import type { FieldIssue } from './validation.js';

export interface RpcErrorPayload {
  identifier: string;
  message: string;
  hint?: string;
  issues?: FieldIssue[];
}

function isFieldIssueList(value: unknown): value is FieldIssue[] {
  return (
    Array.isArray(value) &&
    value.every(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof v.path === 'string' &&
        typeof v.message === 'string',
    )
  );
}

export function toRpcErrorPayload(error: unknown): RpcErrorPayload {
  if (!(error instanceof GitGuildError)) {
    return {
      identifier: 'internal',
      message: 'The host hit an unexpected error; its log has the details.',
    };
  }
  const payload: RpcErrorPayload = { identifier: error.identifier, message: error.message };
  if (typeof error.context.hint === 'string') payload.hint = error.context.hint;
  if (isFieldIssueList(error.context['issues'])) payload.issues = error.context['issues'];
  return payload;
}
