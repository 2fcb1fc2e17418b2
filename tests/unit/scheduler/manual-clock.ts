// A clock tests move by hand. `advance` moves time and fires the timers that fall due, in order,
// letting promises settle between them; `sleep` moves the wall clock without firing anything, as
// a laptop lid does (Node's timers stand still while the machine sleeps).
import type { SchedulerClock } from '../../../src-main/scheduler/clock.js';

interface Timer {
  id: number;
  at: number;
  run: () => void;
}

export class ManualClock implements SchedulerClock {
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;
  /** Timers are due by this "monotonic" time, which sleeping does not move. */
  private monotonic = 0;

  constructor(start = Date.parse('2025-06-30T12:00:00.000Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  random(): number {
    return 0.5;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const timer = { id: ++this.seq, at: this.monotonic + Math.max(0, ms), run };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pending(): number {
    return this.timers.length;
  }

  async advance(ms: number): Promise<void> {
    const end = this.monotonic + ms;
    for (;;) {
      await settle();
      const next = [...this.timers].sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next || next.at > end) break;
      this.current += next.at - this.monotonic;
      this.monotonic = next.at;
      this.timers = this.timers.filter((t) => t !== next);
      next.run();
    }
    this.current += end - this.monotonic;
    this.monotonic = end;
    await settle();
  }

  /** The machine sleeps: wall time moves, timers do not. */
  sleep(ms: number): void {
    this.current += ms;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}
