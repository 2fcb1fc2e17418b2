// Crawl benchmark on the `large` scenario, against sim/github and the real store: requests for a
// first crawl (GraphQL for PRs and reviews) vs the lower bound and vs the REST-per-PR baseline in
// the same run, requests for a second crawl of an unchanged org (both unchanged-repo checks),
// exactness against the scenario's truth, time and peak memory. Prints figures; asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubSim } from '../../sim/github/index.js';
import { generateOrg } from '../../sim/scenarios/org.js';
import { crawlOrg, type CrawlOrgOptions } from '../../src-main/github/crawler.js';
import { createOctokit } from '../../src-main/github/octokit.js';
import { RepoListCache } from '../../src-main/github/repo-list.js';
import { selectRepos } from '../../src-main/github/repo-selection.js';
import { silentLogger } from '../../src-main/log/logger.js';
import { openStore } from '../../src-main/store/index.js';
import { DEFAULT_SETTINGS, type DailyCount } from '../../src-main/store/types.js';

const pages = (items: number): number => Math.max(1, Math.ceil(items / 100));

const countKey = (c: DailyCount): string =>
  `${c.repo}\u0000${c.metric}\u0000${c.login}\u0000${c.day}\u0000${c.count}`;
function sameCounts(a: DailyCount[], b: DailyCount[]): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(countKey));
  return b.every((c) => keys.has(countKey(c)));
}

export async function run(): Promise<void> {
  const org = generateOrg({ seed: 7, preset: 'large', now: Date.now() - 60_000 });
  // A budget large enough that the figures show requests, not waits for the hourly reset.
  const sim = await startGitHubSim({ org, rateLimit: { limit: 10_000_000 } });
  const dataDir = await mkdtemp(join(tmpdir(), 'gitguild-bench-crawl-'));
  const store = await openStore({ dataDir, logger: silentLogger });
  const baselineDir = await mkdtemp(join(tmpdir(), 'gitguild-bench-crawl-rest-'));
  const baselineStore = await openStore({ dataDir: baselineDir, logger: silentLogger });
  const github = createOctokit({
    baseUrl: sim.apiUrl,
    token: sim.token,
    logger: silentLogger,
    userAgent: 'gitguild-bench',
  });
  const cache = new RepoListCache();
  const crawl = (extra: Partial<CrawlOrgOptions> = {}) =>
    crawlOrg({
      octokit: github.octokit,
      meter: github.meter,
      org: org.login,
      contributions: store.contributions,
      settings: DEFAULT_SETTINGS.crawl,
      now: () => new Date(sim.control.now()),
      settleMs: 0,
      repoListCache: cache,
      concurrency: 8,
      ...extra,
    });

  try {
    // Lower bound over the repos a crawl reads (readable, not archived, not forks).
    const selected = org.repos.filter((r) => !r.blocked && !r.archived && !r.fork);
    let itemsBound = 0;
    let exactBound = pages(org.repos.length);
    let prs = 0;
    for (const r of selected) {
      itemsBound += (r.pulls.length + r.issues.length + r.commits.length) / 100 + 3;
      // Per endpoint as GitHub serves it: the issues list also returns PRs; GraphQL pages PRs
      // with their first 100 reviews (REST would need one review list per PR on top).
      exactBound +=
        pages(r.pulls.length) + pages(r.pulls.length + r.issues.length) + pages(r.commits.length);
      prs += r.pulls.length;
    }
    const listed = selectRepos(
      org.repos.map((r) => ({
        name: r.name,
        fullName: `${org.login}/${r.name}`,
        archived: r.archived,
        fork: r.fork,
        defaultBranch: r.defaultBranch,
        pushedAt: r.pushedAt,
        updatedAt: r.updatedAt,
        stars: r.stars,
        forks: r.forks,
        openIssuesAndPrs: 0,
        size: 0,
      })),
      DEFAULT_SETTINGS.crawl,
    ).length;
    console.log(
      `crawl bench: org ${org.login}, ${org.repos.length} repos (${listed} selected), ${prs.toLocaleString()} PRs, ${selected.reduce((s, r) => s + r.issues.length, 0).toLocaleString()} issues, ${selected.reduce((s, r) => s + r.commits.length, 0).toLocaleString()} commits`,
    );

    // Baseline in the same run: REST PR lists plus one review list per PR, into its own store.
    sim.control.resetRequests();
    const tb = performance.now();
    const baseline = await crawlOrg({
      octokit: github.octokit,
      meter: github.meter,
      org: org.login,
      contributions: baselineStore.contributions,
      settings: DEFAULT_SETTINGS.crawl,
      now: () => new Date(sim.control.now()),
      settleMs: 0,
      concurrency: 8,
      pullRequestApi: 'rest',
    });
    const baselineMs = performance.now() - tb;
    const baselineReviewLists = sim.control
      .requests()
      .filter((r) => /\/pulls\/\d+\/reviews$/.test(r.path)).length;
    const baselineExact = sameCounts(
      baselineStore.contributions.dailyCounts(org.login),
      sim.control.truth({ now: sim.control.now() }),
    );

    sim.control.resetRequests();
    const t0 = performance.now();
    const first = await crawl();
    const firstMs = performance.now() - t0;
    const firstExact = sameCounts(
      store.contributions.dailyCounts(org.login),
      sim.control.truth({ now: sim.control.now() }),
    );
    const byEndpoint = new Map<string, number>();
    for (const r of sim.control.requests()) {
      const kind = r.path
        .replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/{repo}')
        .replace(/\/pulls\/\d+\//, '/pulls/{n}/');
      const key =
        kind.includes('/pulls') && r.query.state === 'open'
          ? `${kind} (open count)`
          : kind === '/graphql'
            ? 'POST /graphql (PRs + reviews)'
            : kind;
      byEndpoint.set(key, (byEndpoint.get(key) ?? 0) + 1);
    }
    const graphqlRequests = byEndpoint.get('POST /graphql (PRs + reviews)') ?? 0;

    sim.control.resetRequests();
    const t1 = performance.now();
    const second = await crawl();
    const secondMs = performance.now() - t1;
    const secondLog = sim.control.requests();

    sim.control.resetRequests();
    const third = await crawl({ unchangedCheck: 'metadata' });
    const thirdLog = sim.control.requests();

    const bound = Math.ceil(itemsBound);
    console.table({
      'first crawl (GraphQL for PRs + reviews)': {
        requests: first.summary.requests,
        seconds: (firstMs / 1000).toFixed(1),
        note: `exact=${firstExact}, complete=${first.summary.complete}, missing: ${first.summary.missing.map((m) => m.repo).join(', ')}`,
      },
      '  of which GraphQL': {
        requests: graphqlRequests,
        seconds: '',
        note: `${github.meter.graphqlBudget ? `${github.meter.graphqlBudget.limit - github.meter.graphqlBudget.remaining} GraphQL points used in the bench so far` : ''}`,
      },
      '  lower bound, issue formula: items/100 + 1 list per repo and endpoint': {
        requests: bound,
        seconds: '',
        note: 'PRs + issues + commits, 3 list endpoints',
      },
      '  lower bound, per endpoint as GitHub serves it': {
        requests: exactBound,
        seconds: '',
        note: 'issue list includes PRs; reviews ride along in the PR pages',
      },
      'baseline: first crawl with REST review lists': {
        requests: baseline.summary.requests,
        seconds: (baselineMs / 1000).toFixed(1),
        note: `exact=${baselineExact}, ${baselineReviewLists} review lists (one per PR)`,
      },
      'second crawl, unchanged org (ETag probe, default)': {
        requests: second.summary.requests,
        seconds: (secondMs / 1000).toFixed(1),
        note: `${secondLog.filter((r) => r.counted).length} count against the rate limit, ${second.notModified} were 304`,
      },
      'second crawl, unchanged org (metadata only)': {
        requests: third.summary.requests,
        seconds: '',
        note: `${thirdLog.filter((r) => r.counted).length} count against the rate limit; goal ≈ ${pages(org.repos.length)} (1 per 100 repos)`,
      },
    });
    console.log('first crawl requests by endpoint:');
    console.table(
      Object.fromEntries(
        [...byEndpoint].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, { requests: v }]),
      ),
    );
    console.log(
      `first crawl: ${(first.summary.requests / bound).toFixed(2)}x the issue's lower bound, ${(first.summary.requests / exactBound).toFixed(2)}x the per-endpoint bound; REST baseline ${(baseline.summary.requests / first.summary.requests).toFixed(1)}x the GraphQL crawl`,
    );
    const usage = process.memoryUsage();
    console.log(
      `memory: heap used ${(usage.heapUsed / 1048576).toFixed(0)} MiB, rss ${(usage.rss / 1048576).toFixed(0)} MiB, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (includes the simulator and the scenario in the same process)`,
    );
  } finally {
    await sim.close();
    await store.close();
    await baselineStore.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(baselineDir, { recursive: true, force: true });
  }
}
