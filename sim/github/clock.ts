// The simulator's clock: real time plus a controllable offset, so tests can jump past rate-limit
// resets and device-code expiry without sleeping.

export class SimClock {
  private readonly startReal = Date.now();
  private offsetMs = 0;

  /** @param base epoch ms the clock reads at start; defaults to the real time. */
  constructor(private readonly base: number = Date.now()) {}

  now(): number {
    return this.base + (Date.now() - this.startReal) + this.offsetMs;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0)
      throw new Error(`advance the clock by a non-negative number of seconds, not ${seconds}`);
    this.offsetMs += seconds * 1000;
  }
}
