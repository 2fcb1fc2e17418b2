import { afterEach, describe, expect, it } from 'vitest';
import { GitGuildError } from '../../../src-main/errors.js';
import { createOctokit } from '../../../src-main/github/octokit.js';
import { crawlOrg } from '../../../src-main/github/crawler.js';
import { silentLogger } from '../../../src-main/log/logger.js';
import { DEFAULT_SETTINGS } from '../../../src-main/store/types.js';
import { sortCounts, startCrawlRig, type CrawlRig } from './crawl-rig.js';

let rig: CrawlRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('org crawl against the GitHub simulator', () => {
  it('stores exactly the scenario ground truth and names the disabled (DMCA) repo as missing', async () => {
    rig = await startCrawlRig();
    const progress: number[] = [];
    const result = await rig.crawl({ onProgress: (p) => progress.push(p.reposDone) });

    expect(rig.stored()).toEqual(rig.truth());
    expect(rig.stored().length).toBeGreaterThan(100);
    expect(result.summary.missing).toEqual([
      {
        repo: `${rig.org}/takedown`,
        reason: 'disabled by GitHub: access blocked (for example a DMCA takedown)',
      },
    ]);
    expect(result.summary.complete).toBe(false);
    expect(result.empty).toEqual([`${rig.org}/new-project`]);
    expect(result.summary.requests).toBe(rig.sim.control.requests().length);
    expect(rig.store.contributions.lastCrawl(rig.org)).toEqual(result.summary);
    expect(progress.at(-1)).toBe(result.crawled.length + result.summary.missing.length);
    // A first crawl reads in creation order: one request per 100 items, no re-reads.
    const perRepo = rig.sim.control.orgs[0]!.repos.filter(
      (r) => !r.blocked && !r.archived && !r.fork,
    );
    const pages = (n: number): number => Math.ceil(n / 100);
    expect(result.summary.requests).toBe(
      1 +
        perRepo.reduce(
          (n, r) => n + pages(r.issues.length) + pages(r.pulls.length) + pages(r.commits.length),
          0,
        ),
    );
  });

  it('picks up exactly the new activity on a second crawl, reading only the repos that changed', async () => {
    rig = await startCrawlRig();
    await rig.crawl();
    const control = rig.sim.control;
    const [prRepo, issueRepo] = [
      `${rig.org}/${control.orgs[0]!.repos[0]!.name}`,
      `${rig.org}/${control.orgs[0]!.repos[1]!.name}`,
    ];
    const before = rig.stored();
    const opened = control.addPull(prRepo, { author: 'newcomer' });
    control.addPull(prRepo, { author: 'newcomer', state: 'merged' });
    control.addIssue(issueRepo, { author: 'reporter' });
    control.addReview(prRepo, { pullNumber: opened.number, reviewer: 'newcomer-reviewer' });
    control.resetRequests();

    const second = await rig.crawl();

    expect(rig.stored()).toEqual(rig.truth());
    const added = rig
      .stored()
      .filter(
        (c) =>
          !before.some(
            (b) =>
              b.login === c.login &&
              b.repo === c.repo &&
              b.metric === c.metric &&
              b.day === c.day &&
              b.count === c.count,
          ),
      );
    expect(added.map((c) => `${c.login} ${c.metric} ${c.count}`).sort()).toEqual([
      'newcomer commits 1',
      'newcomer prs_merged 1',
      'newcomer prs_opened 2',
      'newcomer-reviewer reviews 1',
      'reporter issues 1',
    ]);
    expect(second.crawled.sort()).toEqual([prRepo, issueRepo].sort());
    // The sweep, then for the PR repo one PR page and one comparison of heads (the merge), for
    // the issue repo one issue page. No other repo costs anything.
    expect(
      control
        .requests()
        .map((r) => r.operation ?? r.path.replace(`/repos/${prRepo}/`, ''))
        .sort(),
    ).toEqual(
      [
        'GitGuildRepositorySweep',
        'GitGuildPullRequests',
        expect.stringMatching(/^compare\//),
        'GitGuildIssues',
      ].sort(),
    );
  });

  it('costs one request per 100 repos when nothing changed, also after a restart', async () => {
    rig = await startCrawlRig();
    await rig.crawl();
    rig.sim.control.resetRequests();
    const again = await rig.crawl();
    expect(rig.sim.control.requests().map((r) => r.operation)).toEqual(['GitGuildRepositorySweep']);
    expect(again.crawled).toEqual([]);
    expect(rig.stored()).toEqual(rig.truth());

    // A new process: the markers are the stored cursors, so nothing in memory is needed.
    const reopened = await rig.reopenStore();
    rig.sim.control.resetRequests();
    const afterRestart = await rig.crawl();
    expect(rig.sim.control.requests()).toHaveLength(1);
    expect(afterRestart.crawled).toEqual([]);
    expect(sortCounts(reopened.contributions.dailyCounts(rig.org))).toEqual(rig.truth());
  });

  it('notices a repo whose only change is a new issue, a new review or a new commit, for one request each', async () => {
    rig = await startCrawlRig();
    await rig.crawl();
    const control = rig.sim.control;
    const [issued, reviewed, pushed] = control.orgs[0]!.repos.filter(
      (r) => !r.blocked && !r.empty && !r.archived && !r.fork && r.pulls.length > 0,
    );
    control.addIssue(`${rig.org}/${issued!.name}`, { author: 'only-an-issue' });
    control.addReview(`${rig.org}/${reviewed!.name}`, {
      pullNumber: reviewed!.pulls[0]!.number,
      reviewer: 'only-a-review',
    });
    control.addCommit(`${rig.org}/${pushed!.name}`, { author: 'only-a-commit' });
    control.resetRequests();

    const result = await rig.crawl();

    expect(rig.stored()).toEqual(rig.truth());
    for (const login of ['only-an-issue', 'only-a-review', 'only-a-commit'])
      expect(rig.stored().filter((c) => c.login === login)).toHaveLength(1);
    expect(result.crawled).toHaveLength(3);
    expect(
      control
        .requests()
        .map((r) => r.operation ?? r.path.split('/')[4])
        .sort(),
    ).toEqual(['GitGuildIssues', 'GitGuildPullRequests', 'GitGuildRepositorySweep', 'compare']);
  });

  it('resumes an interrupted crawl and converges to the truth without double counting', async () => {
    rig = await startCrawlRig();
    const abort = new AbortController();
    const first = await rig.crawl({
      signal: abort.signal,
      concurrency: 1,
      onProgress: (p) => p.reposDone === 2 && abort.abort(),
    });
    expect(first.interrupted).toBe(true);
    expect(first.summary.complete).toBe(false);
    expect(
      first.summary.missing.filter((m) => m.reason === 'crawl interrupted').length,
    ).toBeGreaterThan(0);

    // A second interruption by server errors that outlast the retries.
    let injected = false;
    const second = await rig.crawl({
      concurrency: 1,
      onProgress: (p) => {
        if (!injected && p.reposDone === 1) {
          injected = true;
          rig!.sim.control.injectFault({ kind: 'server-error', count: 12, status: 502 });
        }
      },
    });
    expect(second.summary.missing.some((m) => m.reason.startsWith('GitHub error 502'))).toBe(true);

    const third = await rig.crawl();
    expect(third.summary.missing.map((m) => m.repo)).toEqual([`${rig.org}/takedown`]);
    expect(rig.stored()).toEqual(rig.truth());
  });

  it('waits for a rate-limit reset in the middle of a crawl and completes', async () => {
    rig = await startCrawlRig();
    let exhausted = false;
    const result = await rig.crawl({
      concurrency: 1,
      onProgress: (p) => {
        if (!exhausted && p.reposDone === 2) {
          exhausted = true;
          rig!.sim.control.exhaustRateLimit(1);
        }
      },
    });
    expect(exhausted).toBe(true);
    expect(rig.github.meter.waitedMs).toBeGreaterThan(0);
    expect(result.summary.missing.map((m) => m.repo)).toEqual([`${rig.org}/takedown`]);
    expect(rig.stored()).toEqual(rig.truth());
  });

  it('stops with the exact missing repos when the rate limit resets later than it may wait', async () => {
    rig = await startCrawlRig({ connection: { maxRateLimitWaitMs: 500 } });
    rig.sim.control.resetRequests();
    let exhausted = false;
    const result = await rig.crawl({
      concurrency: 1,
      onProgress: (p) => {
        if (!exhausted && p.reposDone === 2) {
          exhausted = true;
          rig!.sim.control.exhaustRateLimit(3600);
        }
      },
    });
    expect(result.summary.complete).toBe(false);
    const selected = rig.sim.control.orgs[0]!.repos.filter((r) => !r.archived && !r.fork).map(
      (r) => `${rig!.org}/${r.name}`,
    );
    // Every selected repo is accounted for exactly once: stored, or missing with its reason.
    expect([...result.crawled, ...result.summary.missing.map((m) => m.repo)].sort()).toEqual(
      selected.sort(),
    );
    expect(
      result.summary.missing.filter((m) => m.reason.startsWith('rate limit exhausted until'))
        .length,
    ).toBeGreaterThan(0);
    expect(result.crawled.length).toBe(2);
  });

  it('reads pull requests and reviews through GraphQL, with no REST review lists, and counts a PR with more than 100 reviews exactly', async () => {
    rig = await startCrawlRig();
    const control = rig.sim.control;
    const repo = control.orgs[0]!.repos.find(
      (r) => !r.blocked && !r.empty && !r.archived && !r.fork,
    )!;
    const pull = repo.pulls[0]!;
    const start = control.now() - 3 * 86_400_000;
    for (let i = 0; i < 230; i++) {
      control.addReview(`${rig.org}/${repo.name}`, {
        pullNumber: pull.number,
        reviewer: `marathon-reviewer-${i % 3}`,
        submittedAt: new Date(start + i * 60_000).toISOString(),
      });
    }
    control.resetRequests();

    await rig.crawl();

    expect(rig.stored()).toEqual(rig.truth());
    const marathon = rig
      .stored()
      .filter((c) => c.login.startsWith('marathon-reviewer-') && c.metric === 'reviews');
    expect(marathon.reduce((sum, c) => sum + c.count, 0)).toBe(230);
    const paths = control.requests().map((r) => r.path);
    expect(paths.filter((p) => /\/pulls\/\d+\/reviews$/.test(p))).toEqual([]);
    expect(paths.filter((p) => /\/pulls$/.test(p))).toEqual([]);
    // A first crawl: one PR page per 100 PRs of each repo (creation order, no re-read), plus two
    // pages of the marathon PR's remaining 130 reviews.
    const operations = control.requests().map((r) => r.operation);
    const repos = control.orgs[0]!.repos.filter((r) => !r.blocked && !r.archived && !r.fork);
    expect(operations.filter((o) => o === 'GitGuildPullRequests').length).toBe(
      repos.reduce((n, r) => n + Math.ceil(r.pulls.length / 100), 0),
    );
    expect(operations.filter((o) => o === 'GitGuildPullRequestReviews').length).toBe(2);
  });

  it('counts bots under their REST login when bots are included, though GraphQL drops the "[bot]" suffix', async () => {
    rig = await startCrawlRig();
    await rig.crawl({ settings: { ...DEFAULT_SETTINGS.crawl, includeBots: true } });
    const truth = sortCounts(
      rig.sim.control.truth({ now: rig.sim.control.now(), includeBots: true }),
    );
    expect(rig.stored()).toEqual(truth);
    expect(
      rig
        .stored()
        .some(
          (c) => c.login.endsWith('[bot]') && (c.metric === 'prs_opened' || c.metric === 'reviews'),
        ),
    ).toBe(true);
  });

  it('arrives at the same counts through the REST baseline, at several times the requests', async () => {
    rig = await startCrawlRig();
    const rest = await rig.crawl({ pullRequestApi: 'rest' });
    expect(rig.stored()).toEqual(rig.truth());
    await rig.close();
    rig = await startCrawlRig();
    const graphql = await rig.crawl();
    expect(rig.stored()).toEqual(rig.truth());
    expect(graphql.summary.requests * 3).toBeLessThan(rest.summary.requests);
  });

  it('fails with clear errors for an unknown org and a rejected token', async () => {
    rig = await startCrawlRig();
    await expect(rig.crawl({ org: 'no-such-org' } as never)).rejects.toMatchObject({
      identifier: 'not_found',
    });
    const bad = createOctokit({
      baseUrl: rig.sim.apiUrl,
      token: 'ghp_wrongwrongwrongwrong',
      logger: silentLogger,
      userAgent: 't',
    });
    const error = await crawlOrg({
      octokit: bad.octokit,
      meter: bad.meter,
      org: rig.org,
      contributions: rig.store.contributions,
      settings: DEFAULT_SETTINGS.crawl,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitGuildError);
    expect(error).toMatchObject({ identifier: 'unauthorized' });
    expect(String((error as Error).message)).not.toContain('ghp_wrong');
  });
});
