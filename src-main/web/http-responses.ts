// Small response helpers shared by the web server's routes; every answer carries the security
// headers, and errors use the same `{ error: RpcErrorPayload }` body the renderer parses.
import type { ServerResponse } from 'node:http';
import type { RpcErrorPayload } from '../api/error-payload.js';
import type { ErrorIdentifier } from '../errors.js';
import { SECURITY_HEADERS } from './security-headers.js';

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  response.end(text);
}

export function sendError(
  response: ServerResponse,
  status: number,
  payload: RpcErrorPayload,
  extraHeaders: Record<string, string> = {},
): void {
  sendJson(response, status, { error: payload }, extraHeaders);
}

export function httpStatusFor(identifier: string): number {
  const map: Record<ErrorIdentifier, number> = {
    invalid_input: 400,
    unauthorized: 401,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    rate_limited: 429,
    internal: 500,
    upstream_failed: 502,
    keychain_unavailable: 503,
    store_corrupt: 503,
    store_too_new: 503,
  };
  return (map as Record<string, number>)[identifier] ?? 500;
}
