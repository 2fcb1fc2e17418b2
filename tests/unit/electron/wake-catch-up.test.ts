import { describe, expect, it } from 'vitest';
import { WakeCatchUp } from '../../../src-main/electron/wake-catch-up.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';

function wake(catchUp: (() => Promise<void>) | null = async () => undefined) {
  let now = 0;
  let calls = 0;
  const sink = memorySink(50);
  const w = new WakeCatchUp({
    catchUp: catchUp
      ? async () => {
          calls += 1;
          await catchUp();
        }
      : null,
    now: () => now,
    logger: createLogger('test', { sinks: [sink] }),
    coalesceMs: 60_000,
  });
  return { w, calls: () => calls, advance: (ms: number) => (now += ms), sink };
}

describe('waking from sleep', () => {
  it('runs the scheduler catch-up once per wake, however many resume events arrive', async () => {
    const { w, calls, advance } = wake();
    w.onSuspend();
    advance(3_600_000);
    expect(w.onResume()).toBe(true);
    await Promise.resolve();
    advance(2_000);
    expect(w.onResume()).toBe(false);
    expect(calls()).toBe(1);
  });

  it('runs again after the next sleep, even soon after', async () => {
    const { w, calls, advance } = wake();
    w.onSuspend();
    w.onResume();
    await new Promise((r) => setTimeout(r, 0));
    advance(5_000);
    w.onSuspend();
    advance(5_000);
    expect(w.onResume()).toBe(true);
    expect(calls()).toBe(2);
  });

  it('treats a resume without a suspend as a wake, once', async () => {
    const { w, calls, advance } = wake();
    expect(w.onResume()).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    advance(1_000);
    expect(w.onResume()).toBe(false);
    advance(60_000);
    expect(w.onResume()).toBe(true);
    expect(calls()).toBe(2);
  });

  it('does not start a second catch-up while one still runs, and logs a failure', async () => {
    let finish!: () => void;
    const { w, calls, sink } = wake(
      () => new Promise<void>((_, reject) => (finish = () => reject(new Error('no network')))),
    );
    w.onResume();
    w.onSuspend();
    expect(w.onResume()).toBe(false);
    finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls()).toBe(1);
    expect(sink.records.map((r) => r.msg)).toContain('scheduler catch-up failed');
  });

  it('says so when this build has no scheduler catch-up', () => {
    const { w, sink } = wake(null);
    expect(w.onResume()).toBe(false);
    expect(sink.records.map((r) => r.msg)).toEqual([
      'woke from sleep; no scheduler catch-up to run in this build',
    ]);
  });
});
