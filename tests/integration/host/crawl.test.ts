// The host's crawl path end to end: the GitHub simulator, a real host on a temp data dir, the
// token set through the AdminApi, "Crawl now", progress and crawl-finished events, then the hall
// of fame compared with the scenario's ground truth computed here independently of src-main/stats.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../../../sim/index.js';
import type { AdminEvent, MethodOutput } from '../../../src-main/api/contract.js';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { GitGuildError } from '../../../src-main/errors.js';
import { createHost } from '../../../src-main/host/create-host.js';
import type { Host } from '../../../src-main/host/host.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { METRICS, type DailyCount, type Metric } from '../../../src-main/store/types.js';

const DAY_MS = 86_400_000;
type HallOfFame = MethodOutput<'stats.hallOfFame'>;

/** Top ten with competition ranks, summed straight from ground-truth rows whose UTC day is >= fromDay. */
function expectedTop(
  truth: DailyCount[],
  metric: Metric,
  fromDay: string | null,
): { login: string; count: number; rank: number }[] {
  const totals = new Map<string, number>();
  for (const row of truth) {
    if (row.metric !== metric || (fromDay !== null && row.day < fromDay)) continue;
    totals.set(row.login, (totals.get(row.login) ?? 0) + row.count);
  }
  const sorted = [...totals]
    .filter(([, c]) => c > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const out: { login: string; count: number; rank: number }[] = [];
  sorted.forEach(([login, count], i) => {
    const prev = out[i - 1];
    out.push({ login, count, rank: prev && prev.count === count ? prev.rank : i + 1 });
  });
  return out.filter((e) => e.rank <= 10);
}

let sims: Simulators;
let host: Host;
let dir: string;
const events: AdminEvent[] = [];
const sink = memorySink(50_000);

beforeAll(async () => {
  sims = await startSimulators({ seed: 3, preset: 'tiny' });
  dir = await mkdtemp(join(tmpdir(), 'gitguild-host-crawl-'));
  host = await createHost({
    mode: 'headless',
    dataDir: dir,
    logger: createLogger('test', { level: 'debug', sinks: [sink] }),
    secrets: { backend: 'memory' },
    // The scenario's newest events are seconds old; the default one-minute settle would defer them.
    crawlTuning: { settleMs: 0, retryBaseDelayMs: 20 },
  });
  host.events.subscribe((e) => events.push(e));
  await host.start();
  await invokeMethod(host.handlers, 'settings.update', {
    githubApiBaseUrl: sims.github.apiUrl,
    githubOrgs: [sims.github.org.login],
  });
});

afterAll(async () => {
  await host?.stop();
  await sims?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<GitGuildError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (outcome instanceof GitGuildError) return outcome;
  throw new Error(`expected a GitGuildError, got ${String(outcome)}`);
}

async function waitForFinish(): Promise<Extract<AdminEvent, { type: 'crawl-finished' }>> {
  for (let i = 0; i < 600; i++) {
    const done = events.find((e) => e.type === 'crawl-finished');
    if (done?.type === 'crawl-finished') return done;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no crawl-finished event within 30 s');
}

describe('the host crawl against the GitHub simulator', () => {
  it('refuses to crawl without a GitHub token and says where to set one', async () => {
    const error = await rejection(invokeMethod(host.handlers, 'crawl.run', {}));
    expect(error.identifier).toBe('unauthorized');
    expect(error.context.hint).toMatch(/set a GitHub token in Settings/i);
    expect(host.health().scheduler.state).toBe('idle');
  });

  it('crawls after the token is set through the API, with progress and one crawl-finished event', async () => {
    const status = (await invokeMethod(host.handlers, 'secrets.set', {
      account: 'github.token',
      value: sims.github.token,
    })) as MethodOutput<'secrets.set'>;
    expect(status.present['github.token']).toBe(true);
    expect(JSON.stringify(status)).not.toContain(sims.github.token);

    const first = await invokeMethod(host.handlers, 'crawl.run', {});
    const second = await invokeMethod(host.handlers, 'crawl.run', {});
    expect(first).toEqual({ started: true });
    expect(second).toMatchObject({
      started: false,
      reason: expect.stringMatching(/already running/),
    });
    expect(host.health().scheduler.state).toBe('running');

    const finished = await waitForFinish();
    expect(finished.error).toBeNull();
    expect(finished.summary).toMatchObject({ org: sims.github.org.login, complete: false });
    expect(finished.summary?.missing).toEqual([
      {
        repo: `${sims.github.org.login}/takedown`,
        reason: 'disabled by GitHub: access blocked (for example a DMCA takedown)',
      },
    ]);

    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1);
    expect(last).toMatchObject({ job: 'crawl', done: last?.total });
    expect(last?.detail).toMatch(
      new RegExp(`^${sims.github.org.login}: \\d+ requests, \\d+ requests left in the rate limit$`),
    );
    await expect.poll(() => host.health().scheduler.state).toBe('idle');
    expect(host.health().scheduler.lastRunAt).not.toBeNull();

    const crawlStatus = (await invokeMethod(
      host.handlers,
      'crawl.status',
      {},
    )) as MethodOutput<'crawl.status'>;
    expect(crawlStatus.running).toBeNull();
    expect(crawlStatus.lastError).toBeNull();
    expect(crawlStatus.orgs).toEqual([finished.summary]);
    // The org's stats snapshot is computed right after the crawl, before anyone asks for it.
    await expect
      .poll(() =>
        sink.records.some(
          (r) => r.msg === 'stats snapshot ready' && r['org'] === sims.github.org.login,
        ),
      )
      .toBe(true);
  });

  it.each(['all', '30d', '7d'] as const)(
    'reports the hall of fame for %s equal to the ground truth, marked partial with the disabled repo',
    async (window) => {
      const hall = (await invokeMethod(host.handlers, 'stats.hallOfFame', {
        window,
      })) as HallOfFame;
      const truth = orgTruthNow();
      const rolling = { all: null, '30d': 30, '7d': 7 }[window];
      const fromDay =
        rolling === null
          ? null
          : new Date(Date.parse(hall.now) - rolling * DAY_MS).toISOString().slice(0, 10);
      expect(hall).toMatchObject({
        org: sims.github.org.login,
        window,
        timeZone: 'UTC',
        partial: true,
      });
      expect(hall.missing.map((m) => m.repo)).toEqual([`${sims.github.org.login}/takedown`]);
      for (const metric of METRICS)
        expect(hall.metrics[metric], metric).toEqual(expectedTop(truth, metric, fromDay));
      // Not a vacuous comparison: the tiny org has activity in every metric over all time.
      if (window === 'all')
        for (const metric of METRICS)
          expect(hall.metrics[metric].length, metric).toBeGreaterThan(0);
    },
  );

  it('answers not_found for an org that is not configured', async () => {
    const error = await rejection(
      invokeMethod(host.handlers, 'stats.hallOfFame', { org: 'someone-else' }),
    );
    expect(error.identifier).toBe('not_found');
    expect(error.context.hint).toContain(sims.github.org.login);
  });

  it('never logs the GitHub token', () => {
    expect(JSON.stringify(sink.records)).not.toContain(sims.github.token);
    expect(sink.records.some((r) => r.msg === 'org crawled')).toBe(true);
  });
});

function orgTruthNow(): DailyCount[] {
  return sims.github.control.truth({ now: sims.github.control.now() });
}
