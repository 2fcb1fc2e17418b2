// Request body decoding for the three encodings Discord accepts: JSON, multipart/form-data
// (payload_json plus files[n], as discord.js sends attachments) and form-urlencoded (OAuth2).
import type { IncomingMessage } from 'node:http';
import { invalidFormBody } from '../errors.js';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface DecodedBody {
  json: unknown;
  form: URLSearchParams | null;
  files: UploadedFile[];
}

const MAX_BODY_BYTES = 26 * 1024 * 1024;

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

const badJson = (): Error =>
  invalidFormBody([
    { path: [], code: 'INVALID_JSON', message: 'The request body contains invalid JSON.' },
  ]);

export async function decodeBody(
  contentType: string | undefined,
  raw: Buffer,
): Promise<DecodedBody> {
  const empty: DecodedBody = { json: undefined, form: null, files: [] };
  if (raw.length === 0) return empty;
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    try {
      return { ...empty, json: JSON.parse(raw.toString('utf8')) as unknown };
    } catch {
      throw badJson();
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded'))
    return { ...empty, form: new URLSearchParams(raw.toString('utf8')) };
  if (type.startsWith('multipart/form-data')) {
    // The WHATWG Response parser is Node's own multipart implementation; no extra dependency.
    const form = await new Response(raw, {
      headers: { 'content-type': contentType ?? '' },
    }).formData();
    const files: UploadedFile[] = [];
    let json: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') {
          try {
            json = JSON.parse(value) as unknown;
          } catch {
            throw badJson();
          }
        }
      } else {
        files.push({
          field,
          filename: value.name,
          contentType: value.type || 'application/octet-stream',
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    return { json, form: null, files };
  }
  throw invalidFormBody([
    {
      path: [],
      code: 'CONTENT_TYPE_INVALID',
      message: `Expected "Content-Type" header to be one of {'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'}.`,
    },
  ]);
}
