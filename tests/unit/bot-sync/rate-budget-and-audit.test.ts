import { EventEmitter } from 'node:events';
import type { Client, RateLimitData } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { truncateReason } from '../../../src-bot/sync/applier.js';
import { auditMessages } from '../../../src-bot/sync/audit-channel.js';
import { RateBudget } from '../../../src-bot/sync/rate-budget.js';

/** discord.js's REST manager is an event emitter; the budget only listens to it. */
function restOf() {
  const rest = new EventEmitter();
  return { rest, client: { rest } as unknown as Client };
}

const limited = (timeToReset: number, limit = 10): RateLimitData =>
  ({
    global: false,
    method: 'PATCH',
    route: '/guilds/123/members/:id',
    limit,
    timeToReset,
    retryAfter: timeToReset,
    url: '',
    hash: '',
    majorParameter: '123',
    sublimitTimeout: 0,
    scope: 'user',
  }) as RateLimitData;

describe('RateBudget', () => {
  it('has no estimate before the first write, then extrapolates the pace', () => {
    let now = 0;
    const { client } = restOf();
    const budget = new RateBudget(client, 50, () => now);
    expect(budget.etaMs(100)).toBeNull();
    now = 1000;
    for (let i = 0; i < 10; i++) budget.wrote();
    expect(budget.etaMs(100)).toBe(10_000);
    expect(budget.etaMs(0)).toBe(0);
  });

  it('counts whole bucket windows once discord.js reports the bucket empty', () => {
    let now = 0;
    const { rest, client } = restOf();
    const budget = new RateBudget(client, 50, () => now);
    now = 100;
    for (let i = 0; i < 10; i++) budget.wrote();
    rest.emit('rateLimited', limited(9900)); // window of 10 s began with the first write
    now = 200;
    // 25 left: wait for this reset (9.8 s), then 10 go, 10 more a window later, 5 the window after.
    expect(budget.etaMs(25)).toBe(9800 + 2 * 10_000);
    // Another route, a global limit: ignored.
    rest.emit('rateLimited', { ...limited(1), route: '/channels/1' });
    rest.emit('rateLimited', { ...limited(1), global: true });
    expect(budget.etaMs(25)).toBe(9800 + 2 * 10_000);
    budget.dispose();
    expect(rest.listenerCount('rateLimited')).toBe(0);
  });
});

describe('audit-log reasons and audit channel messages', () => {
  it('cuts reasons to Discord’s 512 characters', () => {
    expect(truncateReason('a'.repeat(600))).toHaveLength(512);
    expect(truncateReason('short')).toBe('short');
  });

  it('splits changes into messages under 2,000 characters and points to the rest', () => {
    const lines = Array.from({ length: 400 }, (_, i) => ({
      userId: String(700000000000000000 + i),
      roleId: '600000000000000001',
      change: i % 2 === 0 ? ('add' as const) : ('remove' as const),
      reason: 'merged PRs ≥ 16 (all time): 18',
    }));
    const messages = auditMessages('**GitGuild sync** `r1`: 400 role change(s)', lines);
    expect(messages.length).toBeLessThanOrEqual(5);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(2000);
    expect(messages[0]).toMatch(/^\*\*GitGuild sync\*\* `r1`/);
    expect(messages.at(-1)).toMatch(/…and \d+ more change\(s\); see Sync → Audit in GitGuild\.$/);
  });
});
