// GitHub's clock, not ours: each crawl window ends at GitHub's Date header less the settle
// margin, so a host whose clock runs ten minutes ahead or behind still counts everything once.
// And nothing is held back: an item inside one crawl's settle margin is counted by the next
// crawl even when nothing else in its repository changes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCrawlRig, type CrawlRig } from './crawl-rig.js';

let rig: CrawlRig | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await rig?.close();
  rig = undefined;
});

const MINUTE = 60_000;
const SETTLE = MINUTE;

function quietRepo(current: CrawlRig): string {
  const repo = current.sim.control.orgs[0]!.repos.find(
    (r) => !r.blocked && !r.empty && !r.archived && !r.fork,
  )!;
  return `${current.org}/${repo.name}`;
}

/** The truth as of GitHub's now less the settle margin (and a second of slack either side). */
function truthBeforeSettle(current: CrawlRig) {
  return current.truth({ now: current.sim.control.now() - SETTLE - 2000 });
}

describe("crawl windows end by GitHub's clock", () => {
  it.each([
    ['ahead', 10 * MINUTE],
    ['behind', -10 * MINUTE],
  ])('counts everything once when the host clock runs ten minutes %s', async (_how, skew) => {
    rig = await startCrawlRig();
    const control = rig.sim.control;
    const repo = quietRepo(rig);
    // Well past the scenario, so the settle margin holds none of its events.
    control.advanceClock(10 * 60);
    control.addIssue(repo, {
      author: 'five-minutes-ago',
      createdAt: new Date(control.now() - 5 * MINUTE).toISOString(),
    });
    // The host's wall clock goes wrong; the simulated GitHub keeps its own time.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + skew);

    await rig.crawl({ settleMs: SETTLE });
    expect(rig.stored()).toEqual(truthBeforeSettle(rig));

    control.addIssue(repo, { author: 'after-the-first-crawl' });
    control.advanceClock(2 * 60);
    await rig.crawl({ settleMs: SETTLE });
    expect(rig.stored()).toEqual(truthBeforeSettle(rig));
    expect(rig.stored().filter((c) => c.metric === 'issues' && c.repo === repo).length).toBe(
      truthBeforeSettle(rig).filter((c) => c.metric === 'issues' && c.repo === repo).length,
    );
  });
});

describe('the settle margin holds nothing back', () => {
  it('counts an issue from inside one crawl margin on the next crawl, though nothing else changed', async () => {
    rig = await startCrawlRig();
    const control = rig.sim.control;
    const repo = quietRepo(rig);
    control.advanceClock(10 * 60);
    await rig.crawl({ settleMs: SETTLE });
    control.advanceClock(10 * 60);

    // Ten seconds before the next crawl: inside its margin, so it waits for the crawl after.
    control.addIssue(repo, {
      author: 'in-the-margin',
      createdAt: new Date(control.now() - 10_000).toISOString(),
    });
    await rig.crawl({ settleMs: SETTLE });
    expect(rig.stored().some((c) => c.login === 'in-the-margin')).toBe(false);
    expect(rig.stored()).toEqual(truthBeforeSettle(rig));

    control.advanceClock(2 * 60);
    control.resetRequests();
    await rig.crawl({ settleMs: SETTLE });
    expect(rig.stored().filter((c) => c.login === 'in-the-margin')).toEqual([
      expect.objectContaining({ metric: 'issues', count: 1 }),
    ]);
    expect(rig.stored()).toEqual(truthBeforeSettle(rig));
    // The sweep and that repository's issue page: nothing else was read.
    expect(control.requests().map((r) => r.operation)).toEqual([
      'GitGuildRepositorySweep',
      'GitGuildIssues',
    ]);
  });
});
