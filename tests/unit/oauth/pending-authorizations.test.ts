// OAuth state: random, one-time, bound to its flow, gone after ten minutes.
import { describe, expect, it } from 'vitest';
import {
  PendingAuthorizations,
  STATE_TTL_MS,
} from '../../../src-main/oauth/pending-authorizations.js';

describe('pending authorizations (OAuth state)', () => {
  it('gives each flow a random 256-bit state that can be redeemed exactly once', () => {
    const pending = new PendingAuthorizations<string>();
    const a = pending.create('flow a');
    const b = pending.create('flow b');
    expect(a.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.state).not.toBe(b.state);
    const first = pending.take(a.state);
    expect(first.ok && first.pending.data).toBe('flow a');
    expect(pending.take(a.state)).toEqual({ ok: false, reason: 'unknown' });
    expect(pending.take('not-a-state')).toEqual({ ok: false, reason: 'unknown' });
    expect(pending.take(null)).toEqual({ ok: false, reason: 'missing' });
    expect(pending.count()).toBe(1);
  });

  it('refuses a state presented where it does not belong and leaves it for the genuine flow', () => {
    const pending = new PendingAuthorizations<{ redirect: string }>();
    const entry = pending.create({ redirect: 'http://127.0.0.1:1111/cb' });
    const elsewhere = pending.take(
      entry.state,
      (e) => e.data.redirect === 'http://127.0.0.1:2222/cb',
    );
    expect(elsewhere).toEqual({ ok: false, reason: 'misdirected' });
    expect(
      pending.take(entry.state, (e) => e.data.redirect === 'http://127.0.0.1:1111/cb').ok,
    ).toBe(true);
  });

  it('expires a state after ten minutes and tells its owner', () => {
    let now = 1_000_000;
    const expired: string[] = [];
    const pending = new PendingAuthorizations<string>({
      now: () => now,
      onExpire: (e) => expired.push(e.data),
    });
    const late = pending.create('late');
    const swept = pending.create('swept');
    now += STATE_TTL_MS - 1;
    expect(pending.count()).toBe(2);
    now += 1;
    const taken = pending.take(late.state);
    expect(taken.ok).toBe(false);
    expect(!taken.ok && taken.reason).toBe('expired');
    expect(pending.count()).toBe(0);
    expect(expired).toEqual(['swept']);
    expect(pending.take(swept.state)).toEqual({ ok: false, reason: 'unknown' });
  });
});
