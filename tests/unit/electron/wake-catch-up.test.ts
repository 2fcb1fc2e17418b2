import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WakeCatchUp } from '../../../src-main/electron/wake-catch-up.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { Scheduler } from '../../../src-main/scheduler/scheduler.js';
import type { SchedulerHooks } from '../../../src-main/scheduler/scheduler.js';
import { openStore } from '../../../src-main/store/index.js';
import { ManualClock } from '../scheduler/manual-clock.js';

function wake(notifyResume: () => void = () => undefined) {
  let now = 0;
  let calls = 0;
  const sink = memorySink(50);
  const w = new WakeCatchUp({
    scheduler: {
      notifyResume: () => {
        calls += 1;
        notifyResume();
      },
    },
    now: () => now,
    logger: createLogger('test', { sinks: [sink] }),
    coalesceMs: 60_000,
  });
  return { w, calls: () => calls, advance: (ms: number) => (now += ms), sink };
}

describe('waking from sleep', () => {
  it('tells the scheduler once per wake, however many resume events arrive', () => {
    const { w, calls, advance } = wake();
    w.onSuspend();
    advance(3_600_000);
    expect(w.onResume()).toBe(true);
    advance(2_000);
    expect(w.onResume()).toBe(false);
    expect(calls()).toBe(1);
  });

  it('tells it again after the next sleep, even soon after', () => {
    const { w, calls, advance } = wake();
    w.onSuspend();
    w.onResume();
    advance(5_000);
    w.onSuspend();
    advance(5_000);
    expect(w.onResume()).toBe(true);
    expect(calls()).toBe(2);
  });

  it('treats a resume without a suspend as a wake, once', () => {
    const { w, calls, advance } = wake();
    expect(w.onResume()).toBe(true);
    advance(1_000);
    expect(w.onResume()).toBe(false);
    advance(60_000);
    expect(w.onResume()).toBe(true);
    expect(calls()).toBe(2);
  });

  it('logs a scheduler that throws instead of crashing the main process', () => {
    const { w, sink } = wake(() => {
      throw new Error('settings store closed');
    });
    expect(w.onResume()).toBe(true);
    expect(sink.records.map((r) => r.msg)).toContain('scheduler catch-up failed');
  });

  it("runs the host scheduler's overdue job once after a sleep, not once per resume event", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gitguild-wake-'));
    const logger = createLogger('test', { sinks: [] });
    const store = await openStore({ dataDir: dir, logger });
    try {
      const clock = new ManualClock();
      const runs: number[] = [];
      const hooks: SchedulerHooks = {
        guilds: () => [],
        orgs: () => [],
        crawlOrg: async () => undefined,
        syncGuild: async () => undefined,
        lastRunOf: () => null,
      };
      const scheduler = new Scheduler({ settings: store.settings, hooks, logger, clock });
      scheduler.registerRefreshJob({
        id: 'refresh',
        label: 'refresh',
        intervalMinutes: 60,
        run: async () => {
          runs.push(clock.now());
        },
      });
      scheduler.start();
      await clock.advance(60_000);
      expect(runs).toHaveLength(1);
      const w = new WakeCatchUp({ scheduler, now: () => clock.now(), logger });
      // The machine sleeps through the next run; timers did not fire while asleep. The catch-up
      // runs within its skew, before the scheduler's own clock watch would look (after 60 s).
      w.onSuspend();
      clock.sleep(3 * 3_600_000);
      w.onResume();
      w.onResume();
      await clock.advance(35_000);
      expect(runs).toHaveLength(2);
      await clock.advance(120_000);
      expect(runs).toHaveLength(2);
      scheduler.stop();
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
