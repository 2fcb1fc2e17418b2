// The crawl job's unhappy paths through a real host and the GitHub simulator: an org GitHub does
// not know ends in a crawl-finished error kept as lastError, and host.stop() aborts a running
// crawl, which records where it stopped.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../../../sim/index.js';
import type { AdminEvent, MethodOutput } from '../../../src-main/api/contract.js';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { createHost } from '../../../src-main/host/create-host.js';
import type { Host } from '../../../src-main/host/host.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';

let sims: Simulators | null = null;
let host: Host | null = null;
let dir: string | null = null;
afterEach(async () => {
  await host?.stop();
  await sims?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  host = sims = dir = null;
});

async function hostOnSim(
  orgs: string[],
  events: AdminEvent[],
  sink = memorySink(20_000),
): Promise<{ host: Host; sims: Simulators }> {
  sims = await startSimulators({ seed: 5, preset: 'demo' });
  dir = await mkdtemp(join(tmpdir(), 'gitguild-host-crawl-fail-'));
  host = await createHost({
    mode: 'headless',
    dataDir: dir,
    logger: createLogger('test', { level: 'debug', sinks: [sink] }),
    secrets: { backend: 'memory' },
    crawlTuning: { settleMs: 0, retryBaseDelayMs: 20 },
  });
  host.events.subscribe((e) => events.push(e));
  await invokeMethod(host.handlers, 'settings.update', {
    githubApiBaseUrl: sims.github.apiUrl,
    githubOrgs: orgs,
  });
  await invokeMethod(host.handlers, 'secrets.set', {
    account: 'github.token',
    value: sims.github.token,
  });
  return { host, sims };
}

describe('the host crawl job when things go wrong', () => {
  it('reports an org GitHub does not know as a crawl-finished error and keeps it as lastError', async () => {
    const events: AdminEvent[] = [];
    const sink = memorySink(20_000);
    const { host } = await hostOnSim(['no-such-org'], events, sink);
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

  it('aborts a running crawl on host.stop(), which records the crawl as incomplete', async () => {
    const events: AdminEvent[] = [];
    const { host, sims } = await hostOnSim([], events);
    await invokeMethod(host.handlers, 'settings.update', { githubOrgs: [sims.github.org.login] });
    expect(await invokeMethod(host.handlers, 'crawl.run', {})).toEqual({ started: true });
    await expect
      .poll(() => events.some((e) => e.type === 'progress'), { timeout: 20_000 })
      .toBe(true);
    await host.stop();
    const finished = events.find((e) => e.type === 'crawl-finished');
    expect(finished?.type === 'crawl-finished' && finished.summary?.complete).toBe(false);
    expect(host.health().scheduler.state).toBe('stopped');
    // The store was closed after the crawl's last write: the summary is on disk.
    const reopened = await openStore({
      dataDir: dir!,
      logger: createLogger('check', { sinks: [] }),
    });
    expect(reopened.contributions.lastCrawl(sims.github.org.login)).toMatchObject({
      complete: false,
    });
    expect(
      reopened.contributions
        .lastCrawl(sims.github.org.login)
        ?.missing.some((m) => m.reason === 'crawl interrupted'),
    ).toBe(true);
    await reopened.close();
  });
});
