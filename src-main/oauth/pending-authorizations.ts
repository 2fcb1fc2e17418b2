// OAuth `state` values: random (256 bits), one-time, bound to the flow that created them, and
// expiring after ten minutes. A callback redeems its state once; a replay finds nothing.
import * as oauth from 'oauth4webapi';

export const STATE_TTL_MS = 10 * 60_000;

export interface PendingAuthorization<T> {
  state: string;
  createdAt: number;
  expiresAt: number;
  data: T;
}

export type TakeResult<T> =
  | { ok: true; pending: PendingAuthorization<T> }
  | { ok: false; reason: 'missing' | 'unknown' | 'misdirected' }
  /** The entry is returned so its owner can end the flow it belonged to. */
  | { ok: false; reason: 'expired'; pending: PendingAuthorization<T> };

export interface PendingAuthorizationsOptions<T> {
  ttlMs?: number;
  now?: () => number;
  /** Refuse new flows beyond this many pending ones (a bound on memory, not a rate limit). */
  max?: number;
  /** Called for entries dropped because they expired before anyone redeemed them. */
  onExpire?: (entry: PendingAuthorization<T>) => void;
}

export class PendingAuthorizations<T> {
  private readonly pending = new Map<string, PendingAuthorization<T>>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly max: number;
  private readonly onExpire: (entry: PendingAuthorization<T>) => void;

  constructor(options: PendingAuthorizationsOptions<T> = {}) {
    this.ttlMs = options.ttlMs ?? STATE_TTL_MS;
    this.now = options.now ?? Date.now;
    this.max = options.max ?? 10_000;
    this.onExpire = options.onExpire ?? (() => undefined);
  }

  /** How many unexpired entries the predicate selects (all when none is given). */
  count(select: (entry: PendingAuthorization<T>) => boolean = () => true): number {
    this.sweep();
    let n = 0;
    for (const entry of this.pending.values()) if (select(entry)) n += 1;
    return n;
  }

  create(data: T): PendingAuthorization<T> {
    this.sweep();
    if (this.pending.size >= this.max) throw new Error('too many pending authorizations');
    const createdAt = this.now();
    const entry = {
      state: oauth.generateRandomState(),
      createdAt,
      expiresAt: createdAt + this.ttlMs,
      data,
    };
    this.pending.set(entry.state, entry);
    return entry;
  }

  /**
   * Redeems a state: once found (and accepted by `belongs`, when given) it is removed whatever
   * happens next, so it can never be used twice. A state presented where it does not belong
   * (another provider's or another redirect URI's callback) is refused and left in place, so a
   * misdirected request cannot cancel the genuine flow.
   */
  take(
    state: string | null | undefined,
    belongs: (entry: PendingAuthorization<T>) => boolean = () => true,
  ): TakeResult<T> {
    if (!state) return { ok: false, reason: 'missing' };
    const entry = this.pending.get(state);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (!belongs(entry)) return { ok: false, reason: 'misdirected' };
    this.pending.delete(state);
    if (this.now() >= entry.expiresAt) return { ok: false, reason: 'expired', pending: entry };
    return { ok: true, pending: entry };
  }

  /** Drops every pending entry the predicate selects (a flow cancelled, the host stopping). */
  discard(select: (entry: PendingAuthorization<T>) => boolean): PendingAuthorization<T>[] {
    const dropped = [...this.pending.values()].filter(select);
    for (const entry of dropped) this.pending.delete(entry.state);
    return dropped;
  }

  /** Drops expired entries and tells their owner; runs before every create and count. */
  sweep(): void {
    const now = this.now();
    for (const [state, entry] of [...this.pending]) {
      if (now < entry.expiresAt) continue;
      this.pending.delete(state);
      this.onExpire(entry);
    }
  }
}
