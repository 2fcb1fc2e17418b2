// The simulator's rate limiter: fixed windows per route and major parameter, a global cap,
// and the channel rename limit, with the headers Discord sends.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../../sim/discord/options.js';
import { RateLimiter } from '../../../sim/discord/rate-limits.js';

const ROUTE = 'PATCH /guilds/:guild_id/members/:user_id';

describe('RateLimiter', () => {
  it('counts down a route bucket and limits the request after the last one until the window resets', () => {
    const limiter = new RateLimiter({
      ...DEFAULT_RATE_LIMITS,
      routes: { [ROUTE]: { limit: 2, windowMs: 1000 } },
    });
    expect(limiter.takeRoute(ROUTE, 'g1', 0).headers['X-RateLimit-Remaining']).toBe('1');
    expect(limiter.takeRoute(ROUTE, 'g1', 10).limited).toBe(false);
    const third = limiter.takeRoute(ROUTE, 'g1', 400);
    expect(third).toMatchObject({ limited: true, scope: 'user', retryAfterMs: 600 });
    expect(third.headers['Retry-After']).toBe('1');
    expect(third.headers['X-RateLimit-Reset-After']).toBe('0.600');
    expect(limiter.takeRoute(ROUTE, 'g2', 400).limited).toBe(false);
    expect(limiter.takeRoute(ROUTE, 'g1', 1000).limited).toBe(false);
  });

  it('enforces the global cap across routes with scope global', () => {
    const limiter = new RateLimiter({
      ...DEFAULT_RATE_LIMITS,
      global: { limit: 3, windowMs: 1000 },
    });
    for (let i = 0; i < 3; i += 1) expect(limiter.takeGlobal(i)).toBeNull();
    expect(limiter.takeGlobal(5)).toMatchObject({
      limited: true,
      scope: 'global',
      headers: { 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' },
    });
    expect(limiter.takeGlobal(1000)).toBeNull();
  });

  it('allows two renames per channel per ten minutes with scope shared', () => {
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS);
    expect(limiter.takeRename('c1', 0)).toBeNull();
    expect(limiter.takeRename('c1', 1000)).toBeNull();
    expect(limiter.takeRename('c1', 2000)).toMatchObject({
      scope: 'shared',
      retryAfterMs: 598_000,
    });
    expect(limiter.takeRename('c2', 2000)).toBeNull();
    expect(limiter.takeRename('c1', 600_001)).toBeNull();
  });

  it('turns every limit off when disabled and can exhaust a bucket on demand', () => {
    const off = new RateLimiter({ ...DEFAULT_RATE_LIMITS, enabled: false });
    expect(off.takeGlobal(0)).toBeNull();
    const on = new RateLimiter(DEFAULT_RATE_LIMITS);
    on.exhaust(ROUTE, 'g1', 0, 250);
    expect(on.takeRoute(ROUTE, 'g1', 100)).toMatchObject({ limited: true, retryAfterMs: 150 });
  });
});
