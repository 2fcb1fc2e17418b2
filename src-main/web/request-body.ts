// Reads a JSON request body with a size limit, so a huge or endless body is cut off (413)
// before it is buffered, and malformed JSON is refused (400) before any handler runs.
import type { IncomingMessage } from 'node:http';
import { GitGuildError } from '../errors.js';

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
  }
}

/**
 * Collects the body, or rejects with BodyTooLargeError as soon as it passes the limit. The rest
 * is then read and dropped rather than the socket destroyed, so the client still gets the 413.
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      request.resume();
      reject(new BodyTooLargeError(limitBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limitBytes) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
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
