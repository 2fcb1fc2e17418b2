import { describe, expect, it } from 'vitest';
import { createOctokit } from '../../../src-main/github/octokit.js';
import { createRequestMeter } from '../../../src-main/github/request-meter.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';

describe('request meter', () => {
  it('counts attempts and 304s and keeps the last rate-limit budget', () => {
    const meter = createRequestMeter();
    meter.record(
      200,
      new Headers({
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-reset': '1715000000',
      }),
    );
    meter.record(304, new Headers());
    expect(meter.requests).toBe(2);
    expect(meter.notModified).toBe(1);
    expect(meter.budget).toEqual({
      limit: 5000,
      remaining: 4999,
      resetAt: '2024-05-06T12:53:20.000Z',
    });
  });

  it('keeps the GraphQL points budget apart from the REST budget', () => {
    const meter = createRequestMeter();
    meter.record(
      200,
      new Headers({
        'x-ratelimit-remaining': '4000',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-reset': '1715000000',
        'x-ratelimit-resource': 'core',
      }),
    );
    meter.record(
      200,
      new Headers({
        'x-ratelimit-remaining': '4990',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-reset': '1715000000',
        'x-ratelimit-resource': 'graphql',
      }),
    );
    meter.record(
      200,
      new Headers({
        'x-ratelimit-remaining': '29',
        'x-ratelimit-limit': '30',
        'x-ratelimit-resource': 'search',
      }),
    );
    expect(meter.requests).toBe(3);
    expect(meter.budget?.remaining).toBe(4000);
    expect(meter.graphqlBudget?.remaining).toBe(4990);
  });
});

describe('octokit factory', () => {
  it('refuses a missing token and a non-http base URL with clear errors', () => {
    const logger = createLogger('t', { sinks: [] });
    expect(() =>
      createOctokit({ baseUrl: 'https://api.github.com', token: ' ', logger, userAgent: 'x' }),
    ).toThrow(/No GitHub token/);
    expect(() =>
      createOctokit({ baseUrl: 'ftp://x', token: 'ghp_abcdefghijkl', logger, userAgent: 'x' }),
    ).toThrow(/http\(s\)/);
  });

  it('registers the token with the logger so it is redacted wherever it appears', () => {
    const sink = memorySink();
    const logger = createLogger('t', { sinks: [sink] });
    createOctokit({
      baseUrl: 'http://127.0.0.1:1',
      token: 'ghp_supersecretvalue123',
      logger,
      userAgent: 'x',
    });
    logger.warn('oops ghp_supersecretvalue123 leaked');
    expect(JSON.stringify(sink.records)).not.toContain('ghp_supersecretvalue123');
  });
});
