// Items updated while the crawler pages through a list sorted by update: on REST's page-number
// pagination the moved item jumps to the already-read head and everything else shifts down one
// place (the page-boundary item is served twice); on GraphQL's keyset cursors the moved item is
// skipped. The crawl must still store exactly the truth: nothing counted twice, nothing missed.
import { afterEach, describe, expect, it } from 'vitest';
import type { HookedRequest } from '../../../sim/github/index.js';
import { isoSeconds } from '../../../sim/scenarios/org.js';
import { startCrawlRig, type CrawlRig } from './crawl-rig.js';

let rig: CrawlRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const ADDED = 150;

/**
 * A repo whose newest 150 issues and then 150 PRs (by update) are ours, so positions are known:
 * in the issue list (issues and PRs, newest update first) issue i sits at index i, and in the PR
 * list PR j at index j. Each has its own author, so a count of 2 or 0 is visible per item.
 */
function seedMovingRepo(current: CrawlRig) {
  const control = current.sim.control;
  const repo = control.orgs[0]!.repos.find(
    (r) => !r.blocked && !r.empty && !r.archived && !r.fork,
  )!;
  const full = `${current.org}/${repo.name}`;
  // Room after the scenario's newest update for 300 items a second apart, all before "now".
  control.advanceClock(3600);
  const newest = Math.max(...[...repo.issues, ...repo.pulls].map((x) => Date.parse(x.updatedAt)));
  expect(newest + 400_000).toBeLessThan(control.now());
  const issues = Array.from({ length: ADDED }, (_, i) =>
    control.addIssue(full, {
      author: `issue-mover-${i}`,
      createdAt: isoSeconds(newest + (2 * ADDED + 1 - i) * 1000),
    }),
  );
  const pulls = Array.from({ length: ADDED }, (_, j) =>
    control.addPull(full, {
      author: `pull-mover-${j}`,
      createdAt: isoSeconds(newest + (ADDED + 1 - j) * 1000),
    }),
  );
  return { repo, full, issues, pulls };
}

const countOf = (current: CrawlRig, login: string, metric: string): number =>
  current
    .stored()
    .filter((c) => c.login === login && c.metric === metric)
    .reduce((n, c) => n + c.count, 0);

describe('a crawl while items move in lists sorted by update', () => {
  it('counts an issue updated between two pages once, and the issue shifted across the page boundary once', async () => {
    rig = await startCrawlRig();
    const current = rig;
    const { repo, full, issues } = seedMovingRepo(current);
    const issuesPath = `/repos/${full}/issues`;
    let moved = false;
    // Just before page 2 of the issue list: issue 120 (on page 2) gets a comment and jumps to the
    // head; issue 99, last on page 1, slides to the top of page 2.
    current.sim.control.beforeRequest(
      { match: (r: HookedRequest) => r.path === issuesPath && r.query.page === '2' },
      () => {
        current.sim.control.touchIssue(full, issues[120]!.number);
        moved = true;
      },
    );
    current.sim.control.resetRequests();

    await current.crawl();

    expect(moved).toBe(true);
    expect(countOf(current, 'issue-mover-99', 'issues')).toBe(1);
    expect(countOf(current, 'issue-mover-120', 'issues')).toBe(1);
    expect(current.stored()).toEqual(current.truth());
    const served = current.sim.control.requests().filter((r) => r.path === issuesPath);
    // Six pages for 569 items, then one page re-read from the head.
    expect(repo.issues.length + repo.pulls.length).toBeGreaterThan(500);
    expect(served.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3', '4', '5', '6', '1']);
  });

  it('counts a pull request updated between two GraphQL pages once, re-reading the head once', async () => {
    rig = await startCrawlRig();
    const current = rig;
    const { repo, full, pulls } = seedMovingRepo(current);
    const prPage = (r: HookedRequest): boolean =>
      r.path === '/graphql' &&
      r.graphql?.variables.name === repo.name &&
      r.graphql.query.includes('query GitGuildPullRequests(');
    let moved = false;
    current.sim.control.beforeRequest(
      { match: (r) => prPage(r) && r.graphql?.variables.after != null },
      () => {
        current.sim.control.touchPull(full, pulls[120]!.number);
        moved = true;
      },
    );
    const pages: HookedRequest[] = [];
    for (let n = 1; n <= 10; n++)
      current.sim.control.beforeRequest({ match: prPage, nth: n }, (r) => void pages.push(r));
    current.sim.control.resetRequests();

    await current.crawl();

    expect(moved).toBe(true);
    // The re-read serves PR 0 (the first page's newest update) a second time: counted once.
    expect(countOf(current, 'pull-mover-0', 'prs_opened')).toBe(1);
    expect(countOf(current, 'pull-mover-120', 'prs_opened')).toBe(1);
    expect(current.stored()).toEqual(current.truth());
    expect(repo.pulls.length).toBeGreaterThan(200);
    // Pages of 100 down the whole list on a first crawl, plus one page re-read from the head.
    expect(pages.length).toBe(Math.ceil(repo.pulls.length / 100) + 1);
  });
});
