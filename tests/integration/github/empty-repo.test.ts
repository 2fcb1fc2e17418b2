// An empty repository (no default branch head) costs nothing beyond the sweep: the crawl knows
// from the sweep that there are no commits, issues or PRs to read, and reports it as empty, not
// missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrawlRig, type CrawlRig } from './crawl-rig.js';

describe('an empty repository in the org', () => {
  let rig: CrawlRig;
  beforeAll(async () => {
    rig = await startCrawlRig({ preset: 'tiny' });
  });
  afterAll(async () => rig.close());

  it('costs no request of its own and is reported as empty, not missing', async () => {
    const result = await rig.crawl();
    const emptyRepo = `${rig.org}/new-project`;
    expect(result.empty).toEqual([emptyRepo]);
    expect(result.summary.missing.map((m) => m.repo)).not.toContain(emptyRepo);
    const own = rig.sim.control
      .requests()
      .filter(
        (r) => r.path.startsWith(`/repos/${emptyRepo}/`) || r.query['name'] === 'new-project',
      );
    expect(own).toEqual([]);
    expect(rig.stored()).toEqual(rig.truth());
  });
});
