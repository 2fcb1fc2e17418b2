import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { PeriodicJob } from '../../../src-main/scheduler/periodic-job.js';
import { Scheduler, type SchedulerHooks } from '../../../src-main/scheduler/scheduler.js';
import { openStore } from '../../../src-main/store/index.js';
import { GitGuildError } from '../../../src-main/errors.js';
import { tempDataDir } from '../store/temp-data-dir.js';
import { ManualClock } from './manual-clock.js';

const MIN = 60_000;

function job(clock: ManualClock, run: () => Promise<void>, intervalMin = 15) {
  return new PeriodicJob(
    { id: 'j', kind: 'guild-sync', label: 'Sync', intervalMs: () => intervalMin * MIN, run },
    clock,
    () => undefined,
    (e) => (e instanceof Error ? e.message : String(e)),
  );
}

describe('PeriodicJob', () => {
  it('runs at its interval with skew, chaining one timer at a time', async () => {
    const clock = new ManualClock();
    let runs = 0;
    const j = job(clock, async () => void (runs += 1));
    j.start(clock.now());
    await clock.advance(MIN); // first run is due at once (plus skew: half of 10% of 15 min = 45 s... capped)
    expect(runs).toBe(1);
    expect(clock.pending).toBe(1);
    await clock.advance(14 * MIN);
    expect(runs).toBe(1);
    await clock.advance(2 * MIN);
    expect(runs).toBe(2);
    expect(j.state().nextRunAt).not.toBeNull();
  });

  it('never overlaps itself: a manual run during a run is refused, a timer during a run does nothing', async () => {
    const clock = new ManualClock();
    let active = 0;
    let most = 0;
    let release!: () => void;
    const j = job(
      clock,
      async () => {
        active += 1;
        most = Math.max(most, active);
        await new Promise<void>((resolve) => (release = resolve));
        active -= 1;
      },
      5,
    );
    j.start(clock.now());
    await clock.advance(MIN);
    expect(j.isRunning).toBe(true);
    expect(await Promise.race([j.runNow(), Promise.resolve('pending')])).toBe(false);
    await clock.advance(60 * MIN); // no timer is even pending while it runs
    expect(clock.pending).toBe(0);
    release();
    await clock.advance(0);
    expect(most).toBe(1);
    expect(j.isRunning).toBe(false);
  });

  it('backs off exponentially after failures, capped, and resets after a success', async () => {
    const clock = new ManualClock();
    let fail = true;
    const starts: number[] = [];
    const j = job(clock, async () => {
      starts.push(clock.now());
      if (fail) throw new GitGuildError('upstream_failed', 'Discord is down');
    });
    j.start(clock.now());
    await clock.advance(400 * MIN);
    const gaps = starts.slice(1).map((t, i) => Math.round((t - starts[i]!) / MIN));
    expect(gaps.slice(0, 7)).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(j.state()).toMatchObject({ lastError: 'Discord is down' });
    expect(j.state().failures).toBeGreaterThan(6);
    fail = false;
    await clock.advance(60 * MIN);
    expect(j.state()).toMatchObject({ failures: 0, lastError: null });
  });

  it('catches up once after the machine slept through several intervals', async () => {
    const clock = new ManualClock();
    let runs = 0;
    const j = job(clock, async () => void (runs += 1));
    j.start(clock.now());
    await clock.advance(MIN);
    expect(runs).toBe(1);
    clock.sleep(5 * 60 * MIN); // five hours asleep: twenty intervals missed
    j.catchUp();
    await clock.advance(MIN);
    expect(runs).toBe(2);
    await clock.advance(10 * MIN);
    expect(runs).toBe(2); // not twenty: the next one comes an interval later
    await clock.advance(6 * MIN);
    expect(runs).toBe(3);
  });
});

function hooks(log: string[], over: Partial<SchedulerHooks> = {}): SchedulerHooks {
  return {
    guilds: () => [{ id: '1', name: 'Acme', org: 'acme', intervalMinutes: 15 }],
    orgs: () => ['acme', 'other'],
    syncGuild: async (id) => void log.push(`sync ${id}`),
    crawlOrg: async (org) => void log.push(`crawl ${org}`),
    lastRunOf: () => null,
    ...over,
  };
}

describe('Scheduler', () => {
  it('has a job per enabled guild, one per org no guild follows, and registered refresh jobs', async () => {
    const clock = new ManualClock();
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    const log: string[] = [];
    const scheduler = new Scheduler({
      settings: store.settings,
      hooks: hooks(log),
      logger: silentLogger,
      clock,
    });
    scheduler.start();
    scheduler.registerRefreshJob({
      id: 'discord',
      label: 'Refresh Discord sign-in',
      intervalMinutes: 30,
      run: async () => void log.push('refresh'),
    });
    expect(scheduler.status().jobs.map((j) => j.id)).toEqual([
      'guild-sync:1',
      'org-crawl:other',
      'token-refresh:discord',
    ]);
    await clock.advance(MIN);
    expect(log.sort()).toEqual(['crawl other', 'refresh', 'sync 1']);
    expect(scheduler.status().nextRunAt).not.toBeNull();
    scheduler.stop();
  });

  it('starts from the last run before a restart instead of running everything at once', async () => {
    const clock = new ManualClock();
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    const log: string[] = [];
    const scheduler = new Scheduler({
      settings: store.settings,
      hooks: hooks(log, { orgs: () => ['acme'], lastRunOf: () => clock.now() - 5 * MIN }),
      logger: silentLogger,
      clock,
    });
    scheduler.start();
    await clock.advance(5 * MIN);
    expect(log).toEqual([]);
    await clock.advance(6 * MIN);
    expect(log).toEqual(['sync 1']);
    scheduler.stop();
  });

  it('pauses and resumes, and stays paused across a restart', async () => {
    const clock = new ManualClock();
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    const log: string[] = [];
    const first = new Scheduler({
      settings: store.settings,
      hooks: hooks(log, { orgs: () => [] }),
      logger: silentLogger,
      clock,
    });
    first.start();
    const paused = await first.pause();
    expect(paused).toMatchObject({ paused: true, nextRunAt: null });
    await clock.advance(60 * MIN);
    expect(log).toEqual([]);
    first.stop();
    await store.close();

    const reopened = await openStore({ dataDir, logger: silentLogger });
    const second = new Scheduler({
      settings: reopened.settings,
      hooks: hooks(log, { orgs: () => [] }),
      logger: silentLogger,
      clock,
    });
    second.start();
    expect(second.status().paused).toBe(true);
    await clock.advance(60 * MIN);
    expect(log).toEqual([]);
    const resumed = await second.resume();
    expect(resumed.paused).toBe(false);
    await clock.advance(MIN);
    expect(log).toEqual(['sync 1']);
    second.stop();
  });

  it('notices a sleep from the wall clock even without a resume notification', async () => {
    const clock = new ManualClock();
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    const log: string[] = [];
    const scheduler = new Scheduler({
      settings: store.settings,
      hooks: hooks(log, { orgs: () => [] }),
      logger: silentLogger,
      clock,
    });
    scheduler.start();
    await clock.advance(MIN);
    expect(log).toEqual(['sync 1']);
    clock.sleep(3 * 60 * MIN);
    await clock.advance(2 * MIN); // the wake watch fires and sees a three-hour gap
    expect(log).toEqual(['sync 1', 'sync 1']);
    scheduler.stop();
  });
});
