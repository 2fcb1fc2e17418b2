// The crawl job's unhappy paths through a real host and the GitHub simulator: an org GitHub does
// not know ends in a crawl-finished error kept as lastError; host.stop() aborts a running crawl,
// which records where it stopped and resumes exactly next time; stop returns within two seconds
// even while the crawl waits out a rate limit or the keychain is slow to hand over the token, and
// no crawl starts once stop has begun.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../../../sim/index.js';
import type { AdminEvent, MethodOutput } from '../../../src-main/api/contract.js';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { createHost, type HostConfig } from '../../../src-main/host/create-host.js';
import type { Host } from '../../../src-main/host/host.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import type { KeytarModule } from '../../../src-main/secrets/index.js';
import { openStore } from '../../../src-main/store/index.js';
import type { DailyCount } from '../../../src-main/store/types.js';

let sims: Simulators | null = null;
let host: Host | null = null;
let dir: string | null = null;
afterEach(async () => {
  await host?.stop();
  await sims?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  host = sims = dir = null;
});

interface Rig {
  host: Host;
  sims: Simulators;
  events: AdminEvent[];
  sink: ReturnType<typeof memorySink>;
}

async function startHost(
  current: Simulators,
  options: { secrets?: HostConfig['secrets']; token?: boolean } = {},
): Promise<Rig> {
  dir ??= await mkdtemp(join(tmpdir(), 'gitguild-host-crawl-fail-'));
  const sink = memorySink(20_000);
  const events: AdminEvent[] = [];
  host = await createHost({
    mode: 'headless',
    dataDir: dir,
    logger: createLogger('test', { level: 'debug', sinks: [sink] }),
    secrets: options.secrets ?? { backend: 'memory' },
    crawlTuning: { settleMs: 0, retryBaseDelayMs: 20 },
  });
  host.events.subscribe((e) => events.push(e));
  await invokeMethod(host.handlers, 'settings.update', {
    githubApiBaseUrl: current.github.apiUrl,
    githubOrgs: [current.github.org.login],
    // Without the DMCA-blocked repo a crawl that runs to its end is complete: only a stop is not.
    crawl: { repoExclude: ['takedown'] },
  });
  if (options.token !== false)
    await invokeMethod(host.handlers, 'secrets.set', {
      account: 'github.token',
      value: current.github.token,
    });
  return { host, sims: current, events, sink };
}

const sortCounts = (counts: DailyCount[]): DailyCount[] =>
  counts
    .map(({ login, repo, metric, day, count }) => ({ login, repo, metric, day, count }))
    .sort(
      (a, b) =>
        a.repo.localeCompare(b.repo) ||
        a.metric.localeCompare(b.metric) ||
        a.login.localeCompare(b.login) ||
        a.day.localeCompare(b.day),
    );

/** A fresh host on the same data dir crawls to the end; its counts must be the truth. */
async function expectResumedExactly(current: Simulators): Promise<void> {
  const { host: resumed, events } = await startHost(current);
  expect(await invokeMethod(resumed.handlers, 'crawl.run', {})).toEqual({ started: true });
  await expect
    .poll(() => events.find((e) => e.type === 'crawl-finished'), { timeout: 30_000 })
    .toBeDefined();
  await resumed.stop();
  host = null;
  const store = await openStore({ dataDir: dir!, logger: createLogger('check', { sinks: [] }) });
  expect(store.contributions.lastCrawl(current.github.org.login)).toMatchObject({
    complete: true,
  });
  expect(sortCounts(store.contributions.dailyCounts(current.github.org.login))).toEqual(
    sortCounts(current.github.control.truth({ now: current.github.control.now() })),
  );
  await store.close();
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

describe('the host crawl job when things go wrong', () => {
  it('reports an org GitHub does not know as a crawl-finished error and keeps it as lastError', async () => {
    sims = await startSimulators({ seed: 5, preset: 'tiny' });
    const { host, events, sink } = await startHost(sims);
    await invokeMethod(host.handlers, 'settings.update', { githubOrgs: ['no-such-org'] });
    expect(await invokeMethod(host.handlers, 'crawl.run', {})).toEqual({ started: true });
    await expect
      .poll(() => events.find((e) => e.type === 'crawl-finished'), { timeout: 20_000 })
      .toBeDefined();
    const finished = events.find((e) => e.type === 'crawl-finished');
    expect(finished).toMatchObject({
      summary: null,
      error: expect.stringContaining('"no-such-org" was not found'),
    });
    const status = (await invokeMethod(
      host.handlers,
      'crawl.status',
      {},
    )) as MethodOutput<'crawl.status'>;
    expect(status.lastError).toContain('was not found');
    expect(status.orgs).toMatchObject([{ org: 'no-such-org', complete: false }]);
    expect(
      sink.records.some(
        (r) => r.level === 'error' && r.msg === 'crawl failed' && r['identifier'] === 'not_found',
      ),
    ).toBe(true);
  });

  it('aborts a running crawl on host.stop(), which records it as incomplete and resumes exactly', async () => {
    sims = await startSimulators({ seed: 5, preset: 'demo' });
    const { host, events } = await startHost(sims);
    // Slow answers, so the crawl is surely still running when stop arrives.
    sims.github.control.injectFault({ kind: 'latency', count: 200, ms: 150 });
    expect(await invokeMethod(host.handlers, 'crawl.run', {})).toEqual({ started: true });
    await expect
      .poll(() => events.some((e) => e.type === 'progress' && e.done >= 1), { timeout: 20_000 })
      .toBe(true);
    await host.stop();
    sims.github.control.clearFaults();

    const finished = events.find((e) => e.type === 'crawl-finished');
    if (finished?.type !== 'crawl-finished') return expect.unreachable('no crawl-finished event');
    expect(finished.summary?.complete).toBe(false);
    expect(finished.summary?.missing.some((m) => m.reason === 'crawl interrupted')).toBe(true);
    expect(host.health().scheduler.state).toBe('stopped');
    // The store was closed after the crawl's last write: the summary is on disk.
    const reopened = await openStore({
      dataDir: dir!,
      logger: createLogger('check', { sinks: [] }),
    });
    expect(reopened.contributions.lastCrawl(sims.github.org.login)).toEqual(finished.summary);
    await reopened.close();
    await expectResumedExactly(sims);
  });

  it('returns from stop within two seconds while the crawl waits out a rate limit, and resumes exactly', async () => {
    sims = await startSimulators({ seed: 5, preset: 'tiny' });
    const { host, sink } = await startHost(sims);
    // Both budgets spent for ten minutes: the crawl's first request has to wait.
    sims.github.control.exhaustRateLimit(600, 'all');
    expect(await invokeMethod(host.handlers, 'crawl.run', {})).toEqual({ started: true });
    await expect
      .poll(() => sink.records.some((r) => r.msg === 'rate limit exhausted; waiting for the reset'))
      .toBe(true);

    expect(await timed(() => host.stop())).toBeLessThan(2000);

    sims.github.control.resetRateLimits();
    await expectResumedExactly(sims);
  });

  it('returns from stop within two seconds while the keychain is slow, and starts no crawl after', async () => {
    sims = await startSimulators({ seed: 5, preset: 'tiny' });
    const slowGets: Promise<unknown>[] = [];
    const keychain = new Map<string, string>();
    // The OS keychain as keytar reaches it, answering the token read only after three seconds
    // (as when the desktop asks the user to unlock it).
    const slowKeychain: KeytarModule = {
      getPassword: async (_service, account) => {
        const answer = new Promise<string | null>((resolve) =>
          setTimeout(
            () => resolve(keychain.get(account) ?? null),
            account === 'github.token' ? 3000 : 0,
          ),
        );
        slowGets.push(answer);
        return answer;
      },
      setPassword: async (_service, account, password) => void keychain.set(account, password),
      deletePassword: async (_service, account) => keychain.delete(account),
      findCredentials: async () =>
        [...keychain].map(([account, password]) => ({ account, password })),
    };
    const { host, events } = await startHost(sims, {
      secrets: { backend: 'keytar', keytar: { load: async () => slowKeychain } },
    });
    sims.github.control.resetRequests();

    const run = invokeMethod(host.handlers, 'crawl.run', {});
    await expect.poll(() => slowGets.length).toBe(1);
    expect(await timed(() => host.stop())).toBeLessThan(2000);

    expect(await run).toEqual({ started: false, reason: 'The host is stopping.' });
    await Promise.all(slowGets);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sims.github.control.requests()).toEqual([]);
    expect(events.filter((e) => e.type === 'crawl-finished')).toEqual([]);
  });
});
