// Reads a JSON request body with a size limit, so a huge or endless body is cut off (413)
// before it is buffered, and malformed JSON is refused (400) before any handler runs.
import type { IncomingMessage } from 'node:http';
import { GitGuildError } from '../errors.js';

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
  }
}

export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLargeError(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** An empty body means "no input"; anything else must be JSON. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0 || body.toString('utf8').trim() === '') return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : 'unreadable';
    throw new GitGuildError('invalid_input', `The request body is not valid JSON (${detail}).`, {
      hint: 'Send a JSON object, e.g. {} for methods without input.',
    });
  }
}
