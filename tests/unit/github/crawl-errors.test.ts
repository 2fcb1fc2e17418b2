import { describe, expect, it } from 'vitest';
import { orgLevelError, repoMissingReason } from '../../../src-main/github/crawl-errors.js';

function httpError(status: number, message = 'x', headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), { status, response: { headers } });
}

describe('crawl errors', () => {
  it('turns org-level 404, 401 and 403 into clear typed errors with hints', () => {
    expect(orgLevelError(httpError(404), 'acme')).toMatchObject({ identifier: 'not_found', message: expect.stringContaining('"acme"') });
    expect(orgLevelError(httpError(401), 'acme')).toMatchObject({ identifier: 'unauthorized', context: { hint: expect.any(String) } });
    expect(orgLevelError(httpError(403, 'Resource not accessible'), 'acme')).toMatchObject({ identifier: 'forbidden' });
  });

  it('recognises an exhausted primary rate limit and says when it resets', () => {
    const error = httpError(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1715000000' });
    expect(orgLevelError(error, 'acme')).toMatchObject({ identifier: 'rate_limited', context: { resetAt: '2024-05-06T12:53:20.000Z' } });
    expect(repoMissingReason(error)).toBe('rate limit exhausted until 2024-05-06T12:53:20.000Z');
  });

  it('names 451 and server failures for the missing-repos list', () => {
    expect(repoMissingReason(httpError(451))).toBe('unavailable for legal reasons (451)');
    expect(repoMissingReason(httpError(502, 'Bad Gateway'))).toBe('GitHub error 502: Bad Gateway');
  });

  it('leaves non-HTTP errors to the caller', () => {
    expect(orgLevelError(new Error('boom'), 'acme')).toBeNull();
  });
});
