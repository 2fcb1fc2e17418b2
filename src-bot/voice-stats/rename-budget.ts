// Discord lets a channel be renamed twice per ten minutes; the third rename is answered 429 with
// a wait of up to ten minutes. The budget keeps each channel's recent renames (ours, and any
// seen on the gateway) and says when the next one is allowed, so GitGuild queues instead of
// sending into the limit.

export interface RenameLimit {
  limit: number;
  windowMs: number;
}

export const DISCORD_RENAME_LIMIT: RenameLimit = { limit: 2, windowMs: 10 * 60_000 };

export class RenameBudget {
  /** Channel id → times (ms) of renames inside the window. */
  private readonly renames = new Map<string, number[]>();

  constructor(private readonly rule: RenameLimit = DISCORD_RENAME_LIMIT) {}

  restore(channelId: string, times: readonly number[]): void {
    this.renames.set(
      channelId,
      [...times].sort((a, b) => a - b),
    );
  }

  record(channelId: string, at: number): void {
    this.renames.set(channelId, [...this.recent(channelId, at), at]);
  }

  /** When the next rename may be sent: `now` if there is budget left. */
  nextAllowedAt(channelId: string, now: number): number {
    const recent = this.recent(channelId, now);
    return recent.length < this.rule.limit
      ? now
      : recent[recent.length - this.rule.limit]! + this.rule.windowMs;
  }

  /** Recent rename times, for persisting. */
  recent(channelId: string, now: number): number[] {
    return (this.renames.get(channelId) ?? []).filter((t) => now - t < this.rule.windowMs);
  }
}
