import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bearerToken, tokensMatch } from '../../../src-main/web/token-check.js';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('token checks', () => {
  it('matches equal tokens and refuses different ones of any length', () => {
    expect(tokensMatch('abc123abc123', 'abc123abc123')).toBe(true);
    expect(tokensMatch('abc123abc124', 'abc123abc123')).toBe(false);
    expect(tokensMatch('', 'abc123abc123')).toBe(false);
    expect(tokensMatch('abc123abc123-longer', 'abc123abc123')).toBe(false);
  });

  it('reads a bearer token and ignores other schemes', () => {
    expect(bearerToken(req({ authorization: 'Bearer tok_1' }))).toBe('tok_1');
    expect(bearerToken(req({ authorization: 'bearer tok_1 ' }))).toBe('tok_1');
    expect(bearerToken(req({ authorization: 'Basic dXNlcjpwYXNz' }))).toBeNull();
    expect(bearerToken(req({}))).toBeNull();
  });
});
