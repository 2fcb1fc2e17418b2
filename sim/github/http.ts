// Small HTTP plumbing shared by the simulator's surfaces: results, JSON bodies, errors.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface JsonResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A list endpoint's answer: the server pages it, then shapes only the page it sends. */
export interface ListResult<T> {
  status: 200;
  list: readonly T[];
  shape: (item: T) => unknown;
}

export type RouteResult = JsonResult | ListResult<unknown>;

export function isList(r: RouteResult): r is ListResult<unknown> {
  return 'list' in r;
}

/** A list result; the cast is safe because the server only shapes items taken from `list`. */
export function listOf<T>(list: readonly T[], shape: (item: T) => unknown): RouteResult {
  return { status: 200, list, shape: shape as (item: unknown) => unknown };
}

const DOCS = 'https://docs.github.com/rest';

export function githubError(status: number, message: string, documentationUrl = DOCS): JsonResult {
  return { status, body: { message, documentation_url: documentationUrl, status: String(status) } };
}

export const notFound = (): JsonResult => githubError(404, 'Not Found');

export class HttpError extends Error {
  constructor(readonly result: JsonResult) {
    super(String((result.body as { message?: string } | undefined)?.message ?? result.status));
  }
}

export async function readBody(req: IncomingMessage, limitBytes = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new HttpError(githubError(413, 'Request body too large'));
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a form-encoded or JSON body into string fields, as GitHub's OAuth endpoints accept both. */
export function parseFields(raw: string, contentType: string | undefined): Record<string, string> {
  if (raw.trim() === '') return {};
  if (contentType?.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new HttpError(githubError(400, 'Problems parsing JSON'));
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new HttpError(githubError(400, 'Body should be a JSON object'));
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed))
      if (v !== null && v !== undefined) out[k] = String(v);
    return out;
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

export function sendJson(res: ServerResponse, result: JsonResult): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.body === undefined || result.status === 304 || result.status === 204) {
    res.writeHead(result.status, headers).end();
    return;
  }
  const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
  headers['content-type'] ??= 'application/json; charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(result.status, headers).end(text);
}
