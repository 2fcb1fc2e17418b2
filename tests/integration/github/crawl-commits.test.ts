// Commits count once, for their author, when they become reachable from the default branch,
// dated by author date, whatever their dates; merge commits do not count; a force push takes its
// commits' counts back. Each case lands commits on the simulated GitHub between two crawls the
// way GitHub does and compares the store with the simulator's ground truth.
import { afterEach, describe, expect, it } from 'vitest';
import type { MergeMethod } from '../../../sim/scenarios/org.js';
import { startCrawlRig, type CrawlRig } from './crawl-rig.js';

let rig: CrawlRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const DAY_MS = 86_400_000;

function activeRepo(current: CrawlRig): string {
  const repo = current.sim.control.orgs[0]!.repos.find(
    (r) => !r.blocked && !r.empty && !r.archived && !r.fork && r.formerNames.length === 0,
  )!;
  return `${current.org}/${repo.name}`;
}

function commitsOf(current: CrawlRig, login: string): { day: string; count: number }[] {
  return current
    .stored()
    .filter((c) => c.login === login && c.metric === 'commits')
    .map(({ day, count }) => ({ day, count }));
}

describe('commits on the default branch', () => {
  it('counts commits written and committed two days ago once they land, on their author day', async () => {
    rig = await startCrawlRig();
    await rig.crawl();
    const control = rig.sim.control;
    const written = new Date(control.now() - 2 * DAY_MS).toISOString();
    // A fast-forward push of older work: both dates are older than the last crawl.
    for (const message of ['one', 'two'])
      control.addCommit(activeRepo(rig), {
        author: 'late-pusher',
        authorDate: written,
        committerDate: written,
        message,
      });

    await rig.crawl();

    expect(commitsOf(rig, 'late-pusher')).toEqual([{ day: written.slice(0, 10), count: 2 }]);
    expect(rig.stored()).toEqual(rig.truth());
    await rig.crawl();
    expect(commitsOf(rig, 'late-pusher')).toEqual([{ day: written.slice(0, 10), count: 2 }]);
  });

  it.each(['merge', 'squash', 'rebase'] as MergeMethod[])(
    'counts a pull request open during the last crawl and merged by "%s" exactly as GitHub lands it',
    async (method) => {
      rig = await startCrawlRig();
      const control = rig.sim.control;
      const repo = activeRepo(rig);
      const pr = control.addPull(repo, { author: 'branch-author' });
      const written = new Date(control.now() - 3 * DAY_MS).toISOString();
      await rig.crawl();
      control.mergePull(repo, pr.number, {
        method,
        by: 'the-merger',
        commits: [
          { author: 'branch-author', authorDate: written, committerDate: written, message: 'a' },
          { author: 'branch-author', authorDate: written, committerDate: written, message: 'b' },
          { author: 'co-author', authorDate: written, committerDate: written, message: 'c' },
        ],
      });

      await rig.crawl();

      expect(rig.stored()).toEqual(rig.truth());
      const today = new Date(control.now()).toISOString().slice(0, 10);
      const expected = {
        // The branch's commits keep their dates; the merge commit counts for no one.
        merge: [{ day: written.slice(0, 10), count: 2 }],
        // One new commit by the PR's author, dated at the merge.
        squash: [{ day: today, count: 1 }],
        // Copies with their author dates.
        rebase: [{ day: written.slice(0, 10), count: 2 }],
      }[method];
      expect(commitsOf(rig, 'branch-author')).toEqual(expected);
      expect(commitsOf(rig, 'co-author')).toEqual(
        method === 'squash' ? [] : [{ day: written.slice(0, 10), count: 1 }],
      );
      expect(commitsOf(rig, 'the-merger')).toEqual([]);
      expect(
        rig.stored().filter((c) => c.login === 'branch-author' && c.metric === 'prs_merged'),
      ).toEqual([{ login: 'branch-author', repo, metric: 'prs_merged', day: today, count: 1 }]);
    },
  );

  it('takes back the commits a force push removes, and counts rewritten ones once', async () => {
    rig = await startCrawlRig();
    const control = rig.sim.control;
    const repo = activeRepo(rig);
    await rig.crawl();
    for (const message of ['wip 1', 'wip 2', 'wip 3'])
      control.addCommit(repo, { author: 'rewriter', message });
    await rig.crawl();
    expect(commitsOf(rig, 'rewriter').reduce((n, c) => n + c.count, 0)).toBe(3);

    // Two commits rewritten as one: the branch moves back two, then one new commit lands.
    control.forcePush(repo, { drop: 2 });
    control.addCommit(repo, { author: 'rewriter', message: 'wip 2+3, squashed' });
    const result = await rig.crawl();

    expect(result.crawled).toEqual([repo]);
    expect(commitsOf(rig, 'rewriter').reduce((n, c) => n + c.count, 0)).toBe(2);
    expect(rig.stored()).toEqual(rig.truth());
    // Only a drop, nothing new: the counts go down.
    control.forcePush(repo, { drop: 1 });
    await rig.crawl();
    expect(commitsOf(rig, 'rewriter').reduce((n, c) => n + c.count, 0)).toBe(1);
    expect(rig.stored()).toEqual(rig.truth());
  });

  it('walks the whole branch when the previous head is gone, and replaces the commit counts', async () => {
    rig = await startCrawlRig();
    const control = rig.sim.control;
    const repo = activeRepo(rig);
    for (const message of ['x', 'y']) control.addCommit(repo, { author: 'vanisher', message });
    await rig.crawl();
    // A force push whose dropped commits GitHub has since garbage-collected: compare cannot find
    // the head the store remembers.
    control.forcePush(repo, { drop: 2, gc: true });
    control.addCommit(repo, { author: 'vanisher', message: 'z' });
    control.resetRequests();

    await rig.crawl();

    expect(rig.stored()).toEqual(rig.truth());
    expect(commitsOf(rig, 'vanisher').reduce((n, c) => n + c.count, 0)).toBe(1);
    const paths = control.requests().map((r) => `${r.status} ${r.path.split('/').slice(4, 5)}`);
    expect(paths).toContain('404 compare');
    expect(paths).toContain('200 commits');
  });
});
