import { describe, expect, it } from 'vitest';
// @octokit/graphql comes with @octokit/rest; its error class is what octokit.graphql throws.
import { GraphqlResponseError } from '@octokit/graphql';
import { orgLevelError, repoMissingReason } from '../../../src-main/github/crawl-errors.js';

function httpError(status: number, message = 'x', headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), { status, response: { headers } });
}

describe('crawl errors', () => {
  it('turns org-level 404, 401 and 403 into clear typed errors with hints', () => {
    expect(orgLevelError(httpError(404), 'acme')).toMatchObject({
      identifier: 'not_found',
      message: expect.stringContaining('"acme"'),
    });
    expect(orgLevelError(httpError(401), 'acme')).toMatchObject({
      identifier: 'unauthorized',
      context: { hint: expect.any(String) },
    });
    expect(orgLevelError(httpError(403, 'Resource not accessible'), 'acme')).toMatchObject({
      identifier: 'forbidden',
    });
  });

  it('recognises an exhausted primary rate limit and says when it resets', () => {
    const error = httpError(403, 'API rate limit exceeded', {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1715000000',
    });
    expect(orgLevelError(error, 'acme')).toMatchObject({
      identifier: 'rate_limited',
      context: { resetAt: '2024-05-06T12:53:20.000Z' },
    });
    expect(repoMissingReason(error)).toBe('rate limit exhausted until 2024-05-06T12:53:20.000Z');
  });

  it('names 451 and server failures for the missing-repos list', () => {
    expect(repoMissingReason(httpError(451))).toBe('unavailable for legal reasons (451)');
    expect(repoMissingReason(httpError(502, 'Bad Gateway'))).toBe('GitHub error 502: Bad Gateway');
  });

  it('leaves non-HTTP errors to the caller', () => {
    expect(orgLevelError(new Error('boom'), 'acme')).toBeNull();
  });

  it('reads GraphQL failures (HTTP 200 with typed errors) like the REST statuses that mean the same', () => {
    const graphqlError = (type: string, headers: Record<string, string> = {}) =>
      new GraphqlResponseError({ method: 'POST', url: '/graphql' }, headers, {
        data: { repository: null },
        errors: [
          {
            type,
            message: `${type} happened`,
            path: ['repository'],
            locations: [{ line: 1, column: 3 }],
            extensions: {},
          },
        ],
      });
    expect(repoMissingReason(graphqlError('NOT_FOUND'))).toBe(
      'not found (404): deleted or renamed during the crawl',
    );
    expect(
      repoMissingReason(graphqlError('RATE_LIMITED', { 'x-ratelimit-reset': '1715000000' })),
    ).toBe('rate limit exhausted until 2024-05-06T12:53:20.000Z');
    // The throttling plugin's own error when it gives up waiting carries the raw response.
    const gaveUp = Object.assign(new Error('GraphQL Rate Limit Exceeded'), {
      response: {
        headers: { 'x-ratelimit-reset': '1715000000' },
        data: { errors: [{ type: 'RATE_LIMITED' }] },
      },
    });
    expect(orgLevelError(gaveUp, 'acme')).toMatchObject({ identifier: 'rate_limited' });
    expect(repoMissingReason(graphqlError('SOMETHING_ELSE'))).toMatch(/^failed: /);
  });
});
