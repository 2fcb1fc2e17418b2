// The real Octokit, as GitGuild builds it (createOctokit: throttling queues plus waits that an
// AbortSignal cuts short), against the GitHub simulator: pagination, conditional requests, both
// kinds of rate limit, GitHub's error statuses, redirects of renamed repositories, compare.
import { RequestError } from '@octokit/request-error';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateOrg } from '../../../sim/scenarios/org.js';
import { startGitHubSim, type GitHubSim } from '../../../sim/github/index.js';
import { createOctokit } from '../../../src-main/github/octokit.js';
import { createLogger } from '../../../src-main/log/logger.js';

interface LimitEvents {
  /** Seconds waited for a primary reset / a secondary limit, as the client logged them. */
  primary: number[];
  secondary: number[];
}

function octokitFor(sim: GitHubSim, events: LimitEvents, token = sim.token) {
  const logger = createLogger('test', {
    level: 'debug',
    sinks: [
      (record) => {
        const seconds = Number(record['waitMs']) / 1000;
        if (record.msg === 'rate limit exhausted; waiting for the reset')
          events.primary.push(seconds);
        if (record.msg === 'secondary rate limit; backing off') events.secondary.push(seconds);
      },
    ],
  });
  return createOctokit({
    baseUrl: sim.apiUrl,
    token,
    logger,
    userAgent: 'gitguild-sim-test',
    retries: 2,
    retryBaseDelayMs: 50,
  }).octokit;
}

describe('GitHub simulator with the real Octokit', () => {
  let sim: GitHubSim;
  let events: LimitEvents;
  const org = 'tiny-org';
  const repo = 'tiny';

  beforeEach(async () => {
    sim = await startGitHubSim({ org: generateOrg({ seed: 7, preset: 'tiny' }) });
    events = { primary: [], secondary: [] };
  });
  afterEach(async () => {
    await sim.close();
  });

  it('paginates a 250-item list in exactly 3 requests following the Link header', async () => {
    const existing = sim.control.orgs[0]?.repos.find((r) => r.name === repo)?.pulls.length ?? 0;
    for (let i = existing; i < 250; i++)
      sim.control.addPull(`${org}/${repo}`, { author: 'octo-contributor' });
    sim.control.resetRequests();

    const pulls = await octokitFor(sim, events).paginate(octokitFor(sim, events).rest.pulls.list, {
      owner: org,
      repo,
      state: 'all',
      per_page: 100,
    });

    expect(pulls).toHaveLength(250);
    expect(new Set(pulls.map((p) => p.number)).size).toBe(250);
    const calls = sim.control.requests().filter((r) => r.path === `/repos/${org}/${repo}/pulls`);
    expect(calls.map((c) => c.query.page ?? '1')).toEqual(['1', '2', '3']);
    expect(sim.control.requests()).toHaveLength(3);
  });

  it('answers a repeated request carrying the ETag with a 304 that costs no rate limit', async () => {
    const octokit = octokitFor(sim, events);
    const first = await octokit.rest.repos.get({ owner: org, repo });
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    const remainingAfterFirst = Number(first.headers['x-ratelimit-remaining']);

    const notModified = await octokit.rest.repos
      .get({ owner: org, repo, headers: { 'if-none-match': etag } })
      .then(
        () => null,
        (err: unknown) => err,
      );
    // Octokit surfaces a 304 as a RequestError with status 304.
    expect(notModified).toBeInstanceOf(RequestError);
    expect((notModified as RequestError).status).toBe(304);
    expect(Number((notModified as RequestError).response?.headers['x-ratelimit-remaining'])).toBe(
      remainingAfterFirst,
    );

    const log = sim.control.requests();
    expect(log.map((r) => [r.status, r.counted])).toEqual([
      [200, true],
      [304, false],
    ]);
    const { data } = await octokit.rest.rateLimit.get();
    expect(data.resources.core.used).toBe(1);
  });

  it('keeps the ETag stable while nothing changes and changes it when a PR is added', async () => {
    const octokit = octokitFor(sim, events);
    const a = await octokit.rest.pulls.list({ owner: org, repo, state: 'all' });
    const b = await octokit.rest.pulls.list({ owner: org, repo, state: 'all' });
    expect(b.headers.etag).toBe(a.headers.etag);
    sim.control.addPull(`${org}/${repo}`, { author: 'newcomer' });
    const c = await octokit.rest.pulls.list({ owner: org, repo, state: 'all' });
    expect(c.headers.etag).not.toBe(a.headers.etag);
  });

  it('waits out a secondary rate limit for its retry-after, then retries the request', async () => {
    sim.control.injectFault({ kind: 'secondary', count: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    const { data } = await octokitFor(sim, events).rest.orgs.get({ org });
    expect(data.login).toBe(org);
    expect(events.secondary).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sim.control.requests().map((r) => r.status)).toEqual([403, 200]);
  });

  it('waits out an exhausted primary limit until the reset, then succeeds', async () => {
    sim.control.exhaustRateLimit(1);
    const { data } = await octokitFor(sim, events).rest.orgs.get({ org });
    expect(data.login).toBe(org);
    expect(events.primary.length).toBeGreaterThanOrEqual(1);
    const statuses = sim.control.requests().map((r) => r.status);
    expect(statuses[0]).toBe(403);
    expect(statuses.at(-1)).toBe(200);
  });

  it.each([
    ['ahead', 600_000],
    ['behind', -600_000],
  ])(
    "waits for a reset by GitHub's clock, not the host's, when the host runs ten minutes %s",
    async (_how, skew) => {
      sim.control.exhaustRateLimit(2);
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      try {
        vi.setSystemTime(Date.now() + skew);
        const started = performance.now();
        const { data } = await octokitFor(sim, events).rest.orgs.get({ org });
        expect(data.login).toBe(org);
        // Reset in two seconds by GitHub's Date header: a wait of 2-4 s, not 0 and not 10 min.
        expect(events.primary).toHaveLength(1);
        expect(events.primary[0]).toBeGreaterThanOrEqual(2);
        expect(events.primary[0]).toBeLessThanOrEqual(4);
        expect(performance.now() - started).toBeLessThan(6000);
      } finally {
        vi.useRealTimers();
      }
    },
  );

  it('answers an exhausted primary limit with the headers and message clients key on', async () => {
    sim.control.exhaustRateLimit(600);
    const res = await fetch(`${sim.apiUrl}/orgs/${org}`, {
      headers: { authorization: `token ${sim.token}` },
    });
    const body = (await res.json()) as { message: string };
    expect(res.status).toBe(403);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(res.headers.get('x-ratelimit-reset')) * 1000).toBeGreaterThan(
      Date.now() + 590_000,
    );
    expect(body.message).toMatch(/^API rate limit exceeded for user ID \d+\./);
    sim.control.advanceClock(601);
    const after = await fetch(`${sim.apiUrl}/orgs/${org}`, {
      headers: { authorization: `token ${sim.token}` },
    });
    expect(after.status).toBe(200);
  });

  it('can answer primary exhaustion with 429 instead of 403, as GitHub sometimes does', async () => {
    await sim.close();
    sim = await startGitHubSim({
      org: generateOrg({ seed: 7, preset: 'tiny' }),
      rateLimit: { limit: 2, windowSeconds: 60, exhaustedStatus: 429 },
    });
    const h = { authorization: `token ${sim.token}` };
    expect((await fetch(`${sim.apiUrl}/orgs/${org}`, { headers: h })).status).toBe(200);
    expect((await fetch(`${sim.apiUrl}/orgs/${org}`, { headers: h })).status).toBe(200);
    const third = await fetch(`${sim.apiUrl}/orgs/${org}`, { headers: h });
    expect(third.status).toBe(429);
    expect(third.headers.get('x-ratelimit-used')).toBe('2');
  });

  it('retries a 502 after a short back-off', async () => {
    sim.control.injectFault({ kind: 'server-error', count: 1, status: 502 });
    const { data } = await octokitFor(sim, events).rest.repos.get({ owner: org, repo });
    expect(data.name).toBe(repo);
    expect(sim.control.requests().map((r) => r.status)).toEqual([502, 200]);
  });

  it('surfaces 409 for an empty repository and 451 for a DMCA-blocked one', async () => {
    const octokit = octokitFor(sim, events);
    const empty = await octokit.rest.repos
      .listCommits({ owner: org, repo: 'new-project' })
      .catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(RequestError);
    expect((empty as RequestError).status).toBe(409);
    expect((empty as RequestError).message).toContain('Git Repository is empty.');

    const blocked = await octokit.rest.repos
      .get({ owner: org, repo: 'takedown' })
      .catch((e: unknown) => e);
    expect((blocked as RequestError).status).toBe(451);
    const blockedPulls = await octokit.rest.pulls
      .list({ owner: org, repo: 'takedown' })
      .catch((e: unknown) => e);
    expect((blockedPulls as RequestError).status).toBe(451);
  });

  it('rejects an unknown token with 401 Bad credentials and unknown repos with 404', async () => {
    const bad = await octokitFor(sim, events, 'ghp_not_a_token')
      .rest.users.getAuthenticated()
      .catch((e: unknown) => e);
    expect((bad as RequestError).status).toBe(401);
    expect((bad as RequestError).message).toContain('Bad credentials');
    const missing = await octokitFor(sim, events)
      .rest.repos.get({ owner: org, repo: 'nope' })
      .catch((e: unknown) => e);
    expect((missing as RequestError).status).toBe(404);
    expect((missing as RequestError).response?.data).toMatchObject({
      message: 'Not Found',
      documentation_url: expect.any(String),
    });
  });

  it('lists commits with a null author for unlinked emails and filters since by committer date', async () => {
    const octokit = octokitFor(sim, events);
    const now = sim.control.now();
    sim.control.addCommit(`${org}/${repo}`, {
      author: null,
      committerDate: new Date(now).toISOString(),
    });
    // Written two weeks ago, committed (rebased) now: `since` yesterday still finds it.
    const written = new Date(now - 14 * 86_400_000).toISOString();
    const c = sim.control.addCommit(`${org}/${repo}`, {
      author: 'rebaser',
      authorDate: written,
      committerDate: new Date(now).toISOString(),
    });
    const since = new Date(now - 86_400_000).toISOString();
    const { data } = await octokit.rest.repos.listCommits({
      owner: org,
      repo,
      since,
      per_page: 100,
    });
    expect(data.some((x) => x.author === null)).toBe(true);
    const found = data.find((x) => x.sha === c.sha);
    expect(found?.author?.login).toBe('rebaser');
    // GitHub times have whole seconds.
    expect(Date.parse(found?.commit.author?.date ?? '')).toBe(
      Math.floor(Date.parse(written) / 1000) * 1000,
    );
    expect(
      data.every(
        (x) =>
          Date.parse(x.commit.committer?.date ?? '') >= Math.floor(Date.parse(since) / 1000) * 1000,
      ),
    ).toBe(true);
  });

  it('lists PRs among issues with a pull_request key and filters issues by updated since', async () => {
    const octokit = octokitFor(sim, events);
    // Step past everything the scenario generated, so only what this test adds is newer.
    sim.control.advanceClock(60);
    const since = new Date(sim.control.now() - 1000).toISOString();
    const pr = sim.control.addPull(`${org}/${repo}`, { author: 'fresh-dev' });
    const issue = sim.control.addIssue(`${org}/${repo}`, { author: 'fresh-dev' });
    const { data } = await octokit.rest.issues.listForRepo({
      owner: org,
      repo,
      state: 'all',
      since,
      sort: 'updated',
      direction: 'asc',
    });
    expect(data.map((i) => i.number).sort((a, b) => a - b)).toEqual(
      [pr.number, issue.number].sort((a, b) => a - b),
    );
    expect(data.find((i) => i.number === pr.number)?.pull_request).toBeDefined();
    expect(data.find((i) => i.number === issue.number)?.pull_request).toBeUndefined();
    // Issues and PRs share one number sequence per repository.
    expect(issue.number).toBe(pr.number + 1);
  });

  it('sorts pulls by updated descending and reports reviews chronologically', async () => {
    const octokit = octokitFor(sim, events);
    const pr = sim.control.addPull(`${org}/${repo}`, { author: 'reviewed-dev' });
    const t0 = sim.control.now();
    sim.control.addReview(`${org}/${repo}`, {
      pullNumber: pr.number,
      reviewer: 'rev-a',
      state: 'COMMENTED',
      submittedAt: new Date(t0 + 1000).toISOString(),
    });
    sim.control.addReview(`${org}/${repo}`, {
      pullNumber: pr.number,
      reviewer: 'rev-b',
      state: 'APPROVED',
      submittedAt: new Date(t0 + 2000).toISOString(),
    });
    const { data: pulls } = await octokit.rest.pulls.list({
      owner: org,
      repo,
      state: 'all',
      sort: 'updated',
      direction: 'desc',
      per_page: 5,
    });
    expect(pulls[0]?.number).toBe(pr.number);
    const { data: reviews } = await octokit.rest.pulls.listReviews({
      owner: org,
      repo,
      pull_number: pr.number,
    });
    expect(reviews.map((r) => [r.user?.login, r.state])).toEqual([
      ['rev-a', 'COMMENTED'],
      ['rev-b', 'APPROVED'],
    ]);
  });

  it('moves pushed_at for a merged PR but not for a new issue', async () => {
    const octokit = octokitFor(sim, events);
    const before = (await octokit.rest.repos.get({ owner: org, repo })).data.pushed_at;
    sim.control.advanceClock(3600);
    sim.control.addIssue(`${org}/${repo}`, { author: 'reporter' });
    expect((await octokit.rest.repos.get({ owner: org, repo })).data.pushed_at).toBe(before);
    const pr = sim.control.addPull(`${org}/${repo}`, { author: 'merger' });
    sim.control.mergePull(`${org}/${repo}`, pr.number);
    const after = (await octokit.rest.repos.get({ owner: org, repo })).data.pushed_at;
    expect(after! > before!).toBe(true);
  });
});

describe('the simulated repository history', () => {
  let sim: GitHubSim;
  const events: LimitEvents = { primary: [], secondary: [] };
  const org = 'tiny-org';
  const repo = 'tiny';
  const full = `${org}/${repo}`;

  beforeEach(async () => {
    sim = await startGitHubSim({ org: generateOrg({ seed: 7, preset: 'tiny' }) });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('dates every response by the simulator clock, which the host clock does not move', async () => {
    sim.control.advanceClock(3 * 3600);
    const res = await fetch(`${sim.apiUrl}/orgs/${org}`, {
      headers: { authorization: `token ${sim.token}` },
    });
    const served = Date.parse(res.headers.get('date') ?? '');
    expect(Math.abs(served - sim.control.now())).toBeLessThan(2000);
    expect(served - Date.now()).toBeGreaterThan(3 * 3600_000 - 5000);
  });

  it('lands a pushed commit with old dates at the push time: pushed_at moves to now', async () => {
    const octokit = octokitFor(sim, events);
    sim.control.advanceClock(3600);
    const old = new Date(sim.control.now() - 2 * 86_400_000).toISOString();
    const c = sim.control.addCommit(full, {
      author: 'old-work',
      authorDate: old,
      committerDate: old,
    });
    const { data } = await octokit.rest.repos.get({ owner: org, repo });
    expect(Date.parse(data.pushed_at ?? '')).toBeGreaterThan(sim.control.now() - 5000);
    const { data: all } = await octokit.rest.repos.listCommits({ owner: org, repo, per_page: 100 });
    expect(all.find((x) => x.sha === c.sha)?.commit.committer?.date).toBe(
      old.replace(/\.\d+Z$/, 'Z'),
    );
  });

  it('merges by each method as GitHub does: merge commit with two parents, one squashed commit, rebased copies', async () => {
    const octokit = octokitFor(sim, events);
    const written = new Date(sim.control.now() - 3 * 86_400_000).toISOString();
    const work = [
      { author: 'branch-dev', authorDate: written, committerDate: written },
      { author: 'branch-dev', authorDate: written, committerDate: written, message: 'second' },
    ];
    const heads: Record<string, string[]> = {};
    for (const method of ['merge', 'squash', 'rebase'] as const) {
      const pr = sim.control.addPull(full, { author: 'branch-dev' });
      const before = sim.control.orgs[0]!.repos.find((r) => r.name === repo)!.head!;
      const merged = sim.control.mergePull(full, pr.number, { method, commits: work });
      expect(merged.mergedAt).not.toBeNull();
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        owner: org,
        repo,
        basehead: `${before}...main`,
        per_page: 100,
        page: 1,
      });
      expect(data.status).toBe('ahead');
      heads[method] = data.commits.map(
        (c) =>
          `${c.parents.length}:${c.commit.author?.name === 'GitHub' ? 'gh' : c.author?.login}:${c.commit.committer?.date === written.replace(/\.\d+Z$/, 'Z') ? 'old' : 'now'}`,
      );
    }
    expect(heads.merge).toEqual([
      '1:branch-dev:old',
      '1:branch-dev:old',
      `2:${sim.control.orgs[0]!.teams[0]!.members[0]}:now`,
    ]);
    expect(heads.squash).toEqual(['1:branch-dev:now']);
    expect(heads.rebase).toEqual(['1:branch-dev:now', '1:branch-dev:now']);
  });

  it('compares across a force push: diverged, with the dropped commits on the other side, and 404 once they are gone', async () => {
    const octokit = octokitFor(sim, events);
    const a = sim.control.addCommit(full, { author: 'pusher' });
    sim.control.addCommit(full, { author: 'pusher' });
    sim.control.forcePush(full, { drop: 1 });
    const c = sim.control.addCommit(full, { author: 'pusher' });
    const old = sim.control.orgs[0]!.repos.find((r) => r.name === repo)!.objects.at(-2)!;
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: org,
      repo,
      basehead: `${old.sha}...${c.sha}`,
    });
    expect([data.status, data.ahead_by, data.behind_by]).toEqual(['diverged', 1, 1]);
    expect(data.merge_base_commit.sha).toBe(a.sha);
    sim.control.forcePush(full, { drop: 1, gc: true });
    const gone = await octokit.rest.repos
      .compareCommitsWithBasehead({ owner: org, repo, basehead: `${old.sha}...main` })
      .catch((e: unknown) => e);
    expect((gone as RequestError).status).toBe(404);
  });

  it('pages a long comparison 100 commits at a time, oldest first', async () => {
    const octokit = octokitFor(sim, events);
    const base = sim.control.orgs[0]!.repos.find((r) => r.name === repo)!.head!;
    for (let i = 0; i < 230; i++) sim.control.addCommit(full, { author: `dev-${i % 4}` });
    const pages: string[][] = [];
    for (let page = 1; page <= 3; page++) {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        owner: org,
        repo,
        basehead: `${base}...main`,
        per_page: 100,
        page,
      });
      expect(data.total_commits).toBe(230);
      pages.push(data.commits.map((c) => c.sha));
    }
    expect(pages.map((p) => p.length)).toEqual([100, 100, 30]);
    const chronological = sim.control.orgs[0]!.repos.find((r) => r.name === repo)!
      .commits.slice(0, 230)
      .map((c) => c.sha)
      .reverse();
    expect(pages.flat()).toEqual(chronological);
  });

  it("answers a renamed repository's old name with GitHub's 301, which Octokit follows", async () => {
    const octokit = octokitFor(sim, events);
    expect(sim.control.renameRepo(full, 'tiny-renamed')).toBe(`${org}/tiny-renamed`);
    const raw = await fetch(`${sim.apiUrl}/repos/${org}/${repo}/commits?per_page=1`, {
      headers: { authorization: `token ${sim.token}` },
      redirect: 'manual',
    });
    const id = sim.control.orgs[0]!.repos.find((r) => r.name === 'tiny-renamed')!.id;
    expect(raw.status).toBe(301);
    expect(raw.headers.get('location')).toBe(`${sim.apiUrl}/repositories/${id}/commits?per_page=1`);
    expect(await raw.json()).toMatchObject({ message: 'Moved Permanently' });
    const { data } = await octokit.rest.repos.get({ owner: org, repo });
    expect(data.full_name).toBe(`${org}/tiny-renamed`);
  });
});
