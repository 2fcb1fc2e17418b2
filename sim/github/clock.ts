// The simulator's clock: a start time plus the monotonic time elapsed since, plus a controllable
// offset, so tests can jump past rate-limit resets and device-code expiry without sleeping. It
// does not follow the host's wall clock after the start: a test can set the host clock wrong
// (as a desktop's can be) and the simulated GitHub still keeps its own time.
import { performance } from 'node:perf_hooks';

export class SimClock {
  private readonly startMonotonic = performance.now();
  private offsetMs = 0;

  /** @param base epoch ms the clock reads at start; defaults to the real time. */
  constructor(private readonly base: number = Date.now()) {}

  now(): number {
    return Math.floor(this.base + (performance.now() - this.startMonotonic) + this.offsetMs);
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0)
      throw new Error(`advance the clock by a non-negative number of seconds, not ${seconds}`);
    this.offsetMs += seconds * 1000;
  }
}
