// Settings are the truth: after the include/exclude lists, archived repos, forks or "count bot
// accounts" change, the next crawl gives exactly the stats the new settings define (newly
// included repos backfilled, excluded ones dropped, bots added or removed), and a crawl cut short
// keeps the old definition whole rather than mixing the two.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-main/store/types.js';
import { startCrawlRig, type CrawlRig } from './crawl-rig.js';

let rig: CrawlRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

type CrawlSettings = Settings['crawl'];
const settings = (patch: Partial<CrawlSettings>): CrawlSettings => ({
  ...DEFAULT_SETTINGS.crawl,
  ...patch,
});

/** Crawls with `crawl` settings and checks the store against the truth those settings define. */
async function crawlAndCheck(
  current: CrawlRig,
  crawl: CrawlSettings,
  keepRepo: (repo: string) => boolean = () => true,
): Promise<void> {
  const result = await current.crawl({ settings: crawl });
  expect(result.interrupted).toBe(false);
  const truth = current
    .truth({
      includeArchived: crawl.includeArchived,
      includeForks: crawl.includeForks,
      includeBots: crawl.includeBots,
    })
    .filter((c) => keepRepo(c.repo));
  expect(current.stored()).toEqual(truth);
}

describe('a settings change takes effect whole on the next crawl', () => {
  it('drops an excluded repo and backfills it exactly when it is included again', async () => {
    rig = await startCrawlRig();
    const excluded = `${rig.org}/${rig.sim.control.orgs[0]!.repos[1]!.name}`;
    await crawlAndCheck(rig, settings({}));
    await crawlAndCheck(rig, settings({ repoExclude: [excluded] }), (r) => r !== excluded);
    // Activity while it was excluded is counted once it is back.
    rig.sim.control.addIssue(excluded, { author: 'while-excluded' });
    await crawlAndCheck(rig, settings({}));
  });

  it('narrows to an include list with wildcards and widens again', async () => {
    rig = await startCrawlRig();
    await crawlAndCheck(rig, settings({}));
    const prefix = rig.sim.control.orgs[0]!.repos[0]!.name.slice(0, 3);
    await crawlAndCheck(rig, settings({ repoInclude: [`${rig.org}/${prefix}*`] }), (r) =>
      r.startsWith(`${rig!.org}/${prefix}`),
    );
    await crawlAndCheck(rig, settings({}));
  });

  it.each([
    ['archived repos', { includeArchived: true }],
    ['forks', { includeForks: true }],
    ['bot accounts', { includeBots: true }],
  ] as const)('counts %s when switched on, and stops when switched off', async (_what, on) => {
    rig = await startCrawlRig();
    await crawlAndCheck(rig, settings({}));
    const before = rig.stored().length;
    await crawlAndCheck(rig, settings(on));
    expect(rig.stored().length).toBeGreaterThan(before);
    await crawlAndCheck(rig, settings({}));
  });

  it('keeps the old definition whole when the crawl after a change is cut short', async () => {
    rig = await startCrawlRig();
    await crawlAndCheck(rig, settings({}));
    const oldTruth = rig.truth();
    const abort = new AbortController();
    const cut = await rig.crawl({
      settings: settings({ includeArchived: true, includeBots: true }),
      signal: abort.signal,
      concurrency: 1,
      onProgress: (p) => p.reposDone === 1 && abort.abort(),
    });
    expect(cut.interrupted).toBe(true);
    expect(rig.stored()).toEqual(oldTruth);
    // The next crawl that reaches every repository switches to the new definition.
    await crawlAndCheck(rig, settings({ includeArchived: true, includeBots: true }));
  });
});
