// Crawl benchmark on the `large` scenario, against sim/github and the real store: requests for a
// first crawl vs the lower bound and vs the REST-per-PR baseline in the same run (its own store),
// then what later crawls cost: an unchanged org, the same after a restart (markers from the
// store), one new issue, one review and one commit in three repos, and a rename plus a force
// push. Every crawl is checked against the scenario's truth. Prints figures; asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubSim } from '../../sim/github/index.js';
import type { LoggedRequest } from '../../sim/github/request-log.js';
import { generateOrg } from '../../sim/scenarios/org.js';
import { crawlOrg, type CrawlOrgOptions, type CrawlResult } from '../../src-main/github/crawler.js';
import { createOctokit } from '../../src-main/github/octokit.js';
import { silentLogger } from '../../src-main/log/logger.js';
import { openStore, type Store } from '../../src-main/store/index.js';
import { DEFAULT_SETTINGS, type DailyCount } from '../../src-main/store/types.js';

const pages = (items: number): number => Math.max(1, Math.ceil(items / 100));
/** Pages of a list that may be empty: an empty list costs nothing (the sweep says so). */
const pagesOf = (items: number): number => Math.ceil(items / 100);

const countKey = (c: DailyCount): string =>
  `${c.repo}\u0000${c.metric}\u0000${c.login}\u0000${c.day}\u0000${c.count}`;
function sameCounts(a: DailyCount[], b: DailyCount[]): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(countKey));
  return b.every((c) => keys.has(countKey(c)));
}

/** "POST /graphql GitGuildIssues" or "GET /repos/{repo}/compare/{basehead}". */
function endpoint(r: LoggedRequest): string {
  if (r.path === '/graphql') return `POST /graphql ${r.operation ?? '(unnamed)'}`;
  return `${r.method} ${r.path
    .replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/{repo}')
    .replace(/\/compare\/.*$/, '/compare/{basehead}')}`;
}

function byEndpoint(log: LoggedRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of log) counts.set(endpoint(r), (counts.get(endpoint(r)) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${v} ${k.replace('POST /graphql ', '')}`)
    .join(', ');
}

export async function run(): Promise<void> {
  const org = generateOrg({ seed: 7, preset: 'large', now: Date.now() - 60_000 });
  // A budget large enough that the figures show requests, not waits for the hourly reset.
  const sim = await startGitHubSim({ org, rateLimit: { limit: 10_000_000 } });
  const dataDir = await mkdtemp(join(tmpdir(), 'gitguild-bench-crawl-'));
  let store: Store = await openStore({ dataDir, logger: silentLogger });
  const baselineDir = await mkdtemp(join(tmpdir(), 'gitguild-bench-crawl-rest-'));
  const baselineStore = await openStore({ dataDir: baselineDir, logger: silentLogger });
  const github = createOctokit({
    baseUrl: sim.apiUrl,
    token: sim.token,
    logger: silentLogger,
    userAgent: 'gitguild-bench',
  });
  const control = sim.control;
  const truth = (): DailyCount[] => control.truth({ now: control.now() });
  const crawl = async (
    target: Store,
    extra: Partial<CrawlOrgOptions> = {},
  ): Promise<{ result: CrawlResult; ms: number; log: LoggedRequest[]; exact: boolean }> => {
    control.resetRequests();
    const started = performance.now();
    const result = await crawlOrg({
      octokit: github.octokit,
      meter: github.meter,
      org: org.login,
      contributions: target.contributions,
      settings: DEFAULT_SETTINGS.crawl,
      settleMs: 0,
      concurrency: 8,
      ...extra,
    });
    const ms = performance.now() - started;
    const log = control.requests();
    console.log(
      `  crawl: ${result.summary.requests} requests in ${(ms / 1000).toFixed(1)} s${extra.pullRequestApi === 'rest' ? ' (REST baseline)' : ''}`,
    );
    // As a minute later on GitHub: what happens next falls after this crawl's window.
    control.advanceClock(1);
    return {
      result,
      ms,
      log,
      exact: sameCounts(target.contributions.dailyCounts(org.login), truth()),
    };
  };

  try {
    // Lower bounds over the repos a crawl reads (readable, not archived, not forks).
    const selected = org.repos.filter((r) => !r.blocked && !r.archived && !r.fork);
    const sweepPages = pages(org.repos.length);
    let issueFormula = 0;
    let perEndpoint = sweepPages;
    for (const r of selected) {
      issueFormula += (r.pulls.length + r.issues.length + r.commits.length) / 100 + 3;
      // As GitHub serves them: a PR page carries the PRs' reviews, the issue list (GraphQL's)
      // holds no PRs, the commit list includes merge commits.
      perEndpoint += pagesOf(r.pulls.length) + pagesOf(r.issues.length) + pagesOf(r.commits.length);
    }
    const bound = Math.ceil(issueFormula);
    const commits = selected.flatMap((r) => r.commits);
    const merges = commits.filter((c) => c.parents.length >= 2).length;
    const dangling = selected.reduce((n, r) => n + r.objects.length - r.commits.length, 0);
    const renamed = org.repos.filter((r) => r.formerNames.length > 0);
    console.log(
      `crawl bench: org ${org.login}, ${org.repos.length} repos (${selected.length} selected), ${selected.reduce((s, r) => s + r.pulls.length, 0).toLocaleString()} PRs, ${selected.reduce((s, r) => s + r.issues.length, 0).toLocaleString()} issues, ${commits.length.toLocaleString()} commits on default branches (${merges.toLocaleString()} merge commits), ${dangling} commits left dangling by a force push, renamed: ${renamed.map((r) => `${r.formerNames.join(', ')} → ${r.name}`).join('; ')}`,
    );

    const first = await crawl(store);
    const second = await crawl(store);
    // A restarted host: nothing in memory, the markers come from the store.
    await store.close();
    store = await openStore({ dataDir, logger: silentLogger });
    const restarted = await crawl(store);

    const [issued, reviewed, pushed] = selected.filter((r) => r.pulls.length > 0);
    control.addIssue(`${org.login}/${issued!.name}`, { author: 'bench-reporter' });
    control.addReview(`${org.login}/${reviewed!.name}`, {
      pullNumber: reviewed!.pulls[0]!.number,
      reviewer: 'bench-reviewer',
    });
    control.addCommit(`${org.login}/${pushed!.name}`, { author: 'bench-pusher' });
    const threeChanges = await crawl(store);

    const moved = selected[5]!;
    control.renameRepo(`${org.login}/${moved.name}`, `${moved.name}-renamed`);
    const forced = selected[6]!;
    control.addCommit(`${org.login}/${forced.name}`, { author: 'bench-pusher' });
    control.addCommit(`${org.login}/${forced.name}`, { author: 'bench-pusher' });
    const beforeForce = await crawl(store);
    control.forcePush(`${org.login}/${forced.name}`, { drop: 2 });
    control.addCommit(`${org.login}/${forced.name}`, { author: 'bench-pusher', message: 'redo' });
    const renameAndForce = await crawl(store);

    // Last, as it is the slowest: one review list per PR over REST, into its own store.
    const baseline = await crawl(baselineStore, { pullRequestApi: 'rest' });
    const baselineReviewLists = baseline.log.filter((r) =>
      /\/pulls\/\d+\/reviews$/.test(r.path),
    ).length;

    const row = (
      what: ReturnType<typeof crawl> extends Promise<infer R> ? R : never,
      note: string,
    ) => ({
      requests: what.result.summary.requests,
      'rate-limited': what.log.filter((r) => r.counted).length,
      seconds: (what.ms / 1000).toFixed(1),
      exact: what.exact,
      note,
    });
    const figure = (requests: number, note: string) => ({
      requests,
      'rate-limited': '',
      seconds: '',
      exact: '',
      note,
    });
    console.table({
      'first crawl': row(
        first,
        `missing: ${first.result.summary.missing.map((m) => m.repo).join(', ')}`,
      ),
      '  lower bound, issue formula (items/100 + 3 lists per repo)': figure(
        bound,
        'PRs + issues + commits, 3 list endpoints',
      ),
      '  lower bound, per endpoint as GitHub serves it': figure(
        perEndpoint,
        'sweep pages + PR pages (reviews ride along) + issue pages + commit pages',
      ),
      'baseline: first crawl with REST review lists': row(
        baseline,
        `${baselineReviewLists.toLocaleString()} review lists (one per PR)`,
      ),
      'second crawl, unchanged org': row(second, `goal ≤ 3 for ${org.repos.length} repos`),
      'second crawl after a restart': row(restarted, 'markers read from the store'),
      'after 1 issue, 1 review, 1 commit in 3 repos': row(
        threeChanges,
        byEndpoint(threeChanges.log),
      ),
      'after 2 pushed commits': row(beforeForce, byEndpoint(beforeForce.log)),
      'after a rename and a force push (drop 2, push 1)': row(
        renameAndForce,
        byEndpoint(renameAndForce.log),
      ),
    });
    console.log(`first crawl requests by endpoint: ${byEndpoint(first.log)}`);
    console.log(
      `first crawl: ${(first.result.summary.requests / bound).toFixed(2)}x the issue's lower bound, ${(first.result.summary.requests / perEndpoint).toFixed(2)}x the per-endpoint bound; REST review-list baseline ${(baseline.result.summary.requests / first.result.summary.requests).toFixed(1)}x the GraphQL crawl. Previous design (REST repo list and issue-list ETags): 200 requests for an unchanged org, and 2,623 for the first crawl.`,
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
