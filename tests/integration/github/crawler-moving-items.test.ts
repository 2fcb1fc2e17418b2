// Items updated while the crawler pages through a list sorted by update (an incremental read,
// newest update first): on GraphQL's keyset cursors the moved item jumps to the already-read head
// and would be skipped. The crawl must still store exactly the truth: nothing counted twice,
// nothing missed. A first crawl reads in creation order, which no update can change.
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
 * A repo whose newest 150 issues and 150 PRs (by update) are ours, so positions are known: in the
 * issue list (newest update first) issue i sits at index i, and in the PR list PR j at index j.
 * Each has its own author, so a count of 2 or 0 is visible per item.
 */
function seedMovingRepo(current: CrawlRig) {
  const control = current.sim.control;
  const repo = control.orgs[0]!.repos.find(
    (r) => !r.blocked && !r.empty && !r.archived && !r.fork,
  )!;
  const full = `${current.org}/${repo.name}`;
  // Room after the scenario's newest update (and after any crawl so far) for 300 items a second
  // apart, all before "now".
  const newest = Math.max(
    control.now(),
    ...[...repo.issues, ...repo.pulls].map((x) => Date.parse(x.updatedAt)),
  );
  control.advanceClock(3600);
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

const isQuery = (r: HookedRequest, operation: string, repo: string): boolean =>
  r.path === '/graphql' &&
  r.graphql?.variables.name === repo &&
  r.graphql.query.includes(`query ${operation}(`);

describe('a crawl while items move in lists sorted by update', () => {
  it('counts an issue updated between two pages once, re-reading the head once', async () => {
    rig = await startCrawlRig();
    const current = rig;
    await current.crawl();
    const { repo, full, issues } = seedMovingRepo(current);
    const issuePage = (r: HookedRequest): boolean => isQuery(r, 'GitGuildIssues', repo.name);
    let moved = false;
    // Just before page 2 of the incremental read (newest update first): issue 120, due on page 2,
    // gets a comment and jumps to the head this pass has already read.
    current.sim.control.beforeRequest(
      { match: (r) => issuePage(r) && r.graphql?.variables.after != null },
      () => {
        current.sim.control.touchIssue(full, issues[120]!.number);
        moved = true;
      },
    );
    const pages: HookedRequest[] = [];
    for (let n = 1; n <= 10; n++)
      current.sim.control.beforeRequest({ match: issuePage, nth: n }, (r) => void pages.push(r));

    await current.crawl();

    expect(moved).toBe(true);
    // The re-read serves issue 0 (the first page's newest update) a second time: counted once.
    expect(countOf(current, 'issue-mover-0', 'issues')).toBe(1);
    expect(countOf(current, 'issue-mover-120', 'issues')).toBe(1);
    expect(current.stored()).toEqual(current.truth());
    // 150 updated issues: two pages back to the cursor, then one page re-read from the head.
    expect(pages.map((p) => p.graphql?.variables.orderField)).toEqual([
      'UPDATED_AT',
      'UPDATED_AT',
      'UPDATED_AT',
    ]);
  });

  it('counts a pull request updated between two GraphQL pages once, re-reading the head once', async () => {
    rig = await startCrawlRig();
    const current = rig;
    await current.crawl();
    const { repo, full, pulls } = seedMovingRepo(current);
    const prPage = (r: HookedRequest): boolean => isQuery(r, 'GitGuildPullRequests', repo.name);
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

    await current.crawl();

    expect(moved).toBe(true);
    expect(countOf(current, 'pull-mover-0', 'prs_opened')).toBe(1);
    expect(countOf(current, 'pull-mover-120', 'prs_opened')).toBe(1);
    expect(current.stored()).toEqual(current.truth());
    // 150 updated PRs: two pages back to the cursor, plus one page re-read from the head.
    expect(pages.length).toBe(3);
  });

  it('reads a first crawl in creation order, which updates cannot reorder: one pass, no re-read', async () => {
    rig = await startCrawlRig();
    const current = rig;
    const { repo, full, issues } = seedMovingRepo(current);
    const issuePage = (r: HookedRequest): boolean => isQuery(r, 'GitGuildIssues', repo.name);
    let moved = false;
    current.sim.control.beforeRequest(
      { match: (r) => issuePage(r) && r.graphql?.variables.after != null },
      () => {
        for (const issue of issues.slice(0, 100))
          current.sim.control.touchIssue(full, issue.number);
        moved = true;
      },
    );
    const pages: HookedRequest[] = [];
    for (let n = 1; n <= 20; n++)
      current.sim.control.beforeRequest({ match: issuePage, nth: n }, (r) => void pages.push(r));

    await current.crawl();

    expect(moved).toBe(true);
    expect(current.stored()).toEqual(current.truth());
    expect(pages.length).toBe(Math.ceil(repo.issues.length / 100));
    expect(new Set(pages.map((p) => p.graphql?.variables.orderField))).toEqual(
      new Set(['CREATED_AT']),
    );
  });
});
