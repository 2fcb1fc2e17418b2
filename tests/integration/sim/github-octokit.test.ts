// The real Octokit (rest + throttling + retry, as GitGuild builds it) against the GitHub simulator:
// pagination, conditional requests, both kinds of rate limit, and GitHub's error statuses.
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateOrg } from '../../../sim/scenarios/org.js';
import { startGitHubSim, type GitHubSim } from '../../../sim/github/index.js';

const SimOctokit = Octokit.plugin(throttling, retry);

interface LimitEvents {
  primary: number[];
  secondary: number[];
}

function octokitFor(sim: GitHubSim, events: LimitEvents, token = sim.token) {
  return new SimOctokit({
    auth: token,
    baseUrl: sim.apiUrl,
    // Unique id per client so Bottleneck queues of parallel tests do not mix.
    throttle: {
      id: `sim-test-${Math.random()}`,
      onRateLimit: (retryAfter, _options, _octokit, retryCount) => {
        events.primary.push(retryAfter);
        return retryCount < 5;
      },
      onSecondaryRateLimit: (retryAfter, _options, _octokit, retryCount) => {
        events.secondary.push(retryAfter);
        return retryCount < 3;
      },
    },
    retry: { retries: 2, retryAfterBaseValue: 50 },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
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

  it('waits out a secondary rate limit: onSecondaryRateLimit fires and the request is retried', async () => {
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

  it('answers an exhausted primary limit with the headers and message the throttling plugin keys on', async () => {
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

  it('retries a 502 through the retry plugin', async () => {
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
