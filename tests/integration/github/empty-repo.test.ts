// An empty repository answers 409 to its commit list on every attempt; the crawl must record it
// as empty after one request instead of spending the retry plugin's backoff on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrawlRig, type CrawlRig } from './crawl-rig.js';

describe('an empty repository in the org', () => {
  let rig: CrawlRig;
  beforeAll(async () => {
    // The default retry delay: with retries on 409 this test would wait 1 + 4 + 9 s.
    rig = await startCrawlRig({ preset: 'tiny', connection: { retryBaseDelayMs: 1000 } });
  });
  afterAll(async () => rig.close());

  it('costs one commit-list request and is reported as empty, not missing', async () => {
    const result = await rig.crawl();
    const emptyRepo = `${rig.org}/new-project`;
    expect(result.empty).toEqual([emptyRepo]);
    expect(result.summary.missing.map((m) => m.repo)).not.toContain(emptyRepo);
    const commitLists = rig.sim.control
      .requests()
      .filter((r) => r.path.startsWith(`/repos/${emptyRepo}/commits`));
    expect(commitLists.map((r) => r.status)).toEqual([409]);
  });
});
