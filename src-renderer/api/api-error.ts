// One error type for both transports, carrying the server's identifier, hint and per-field
// issues so pages can show validation problems next to the field they belong to.
import type { RpcErrorPayload } from './bridge';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly identifier: string,
    message: string,
    readonly hint?: string,
    readonly issues: { path: string; message: string }[] = [],
    readonly status?: number,
  ) {
    super(message);
  }

  static fromPayload(payload: RpcErrorPayload, status?: number): ApiError {
    return new ApiError(
      payload.identifier,
      payload.message,
      payload.hint,
      payload.issues ?? [],
      status,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathToString(path: unknown): string {
  if (Array.isArray(path)) return path.map(String).join('.');
  return typeof path === 'string' ? path : '';
}

/**
 * Reads `{ error: { identifier, message, hint?, issues? } }` (or the bare inner object) from an
 * untrusted response body; anything else becomes `null` so the caller can fall back.
 */
export function parseErrorPayload(body: unknown): RpcErrorPayload | null {
  const inner = isRecord(body) && isRecord(body.error) ? body.error : body;
  if (!isRecord(inner) || typeof inner.message !== 'string') return null;
  const payload: RpcErrorPayload = {
    identifier: typeof inner.identifier === 'string' ? inner.identifier : 'internal',
    message: inner.message,
  };
  if (typeof inner.hint === 'string') payload.hint = inner.hint;
  const rawIssues = inner.issues ?? (isRecord(inner.context) ? inner.context.issues : undefined);
  if (Array.isArray(rawIssues)) {
    payload.issues = rawIssues.filter(isRecord).map((issue) => ({
      path: pathToString(issue.path),
      message: typeof issue.message === 'string' ? issue.message : 'is invalid',
    }));
  }
  return payload;
}
