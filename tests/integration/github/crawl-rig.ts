// Shared setup for crawler integration tests: a seeded org served by sim/github, the real store
// in a temp dir, and a real Octokit from createOctokit pointed at the simulator.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateOrg,
  type OrgPreset,
  type OrgTruthOptions,
  type SimOrg,
} from '../../../sim/scenarios/org.js';
import { startGitHubSim, type GitHubSim } from '../../../sim/github/index.js';
import {
  crawlOrg,
  type CrawlOrgOptions,
  type CrawlResult,
} from '../../../src-main/github/crawler.js';
import { createOctokit, type GitHubConnection } from '../../../src-main/github/octokit.js';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore, type Store } from '../../../src-main/store/index.js';
import { DEFAULT_SETTINGS, type DailyCount } from '../../../src-main/store/types.js';

export interface CrawlRig {
  sim: GitHubSim;
  readonly store: Store;
  github: GitHubConnection;
  org: string;
  crawl(extra?: Partial<CrawlOrgOptions>): Promise<CrawlResult>;
  /** Stored counts, in orgTruth's order. */
  stored(): DailyCount[];
  /** The scenario's counts as of now (GitHub's clock), with the default settings unless told. */
  truth(options?: OrgTruthOptions): DailyCount[];
  /** Closes the store and opens it again, as a restarted host would. */
  reopenStore(): Promise<Store>;
  close(): Promise<void>;
}

export function sortCounts(counts: DailyCount[]): DailyCount[] {
  return counts
    .map(({ login, repo, metric, day, count }) => ({ login, repo, metric, day, count }))
    .sort(
      (a, b) =>
        a.repo.localeCompare(b.repo) ||
        a.metric.localeCompare(b.metric) ||
        a.login.localeCompare(b.login) ||
        a.day.localeCompare(b.day),
    );
}

export async function startCrawlRig(
  options: {
    preset?: OrgPreset;
    seed?: number;
    /** More orgs served by the same simulator (transfers between them). */
    moreOrgs?: SimOrg[];
    connection?: Parameters<typeof createOctokit>[0] extends infer O ? Partial<O> : never;
  } = {},
): Promise<CrawlRig> {
  const org = generateOrg({
    seed: options.seed ?? 42,
    preset: options.preset ?? 'demo',
    now: Date.now() - 60_000,
  });
  const sim = await startGitHubSim({ orgs: [org, ...(options.moreOrgs ?? [])] });
  const dataDir = await mkdtemp(join(tmpdir(), 'gitguild-crawl-'));
  let store = await openStore({ dataDir, logger: silentLogger });
  const github = createOctokit({
    baseUrl: sim.apiUrl,
    token: sim.token,
    logger: silentLogger,
    userAgent: 'gitguild-test',
    retryBaseDelayMs: 20,
    ...options.connection,
  });
  return {
    sim,
    get store() {
      return store;
    },
    github,
    org: org.login,
    crawl: async (extra = {}) => {
      const result = await crawlOrg({
        octokit: github.octokit,
        meter: github.meter,
        org: org.login,
        contributions: store.contributions,
        settings: DEFAULT_SETTINGS.crawl,
        settleMs: 0,
        ...extra,
      });
      // With no settle margin a window ends at the very second GitHub answered the sweep; what a
      // test does next must fall after it, as it would a minute later on the real GitHub.
      sim.control.advanceClock(1);
      return result;
    },
    stored: () => sortCounts(store.contributions.dailyCounts(org.login)),
    truth: (truthOptions = {}) =>
      sortCounts(sim.control.truth({ now: sim.control.now(), ...truthOptions })),
    reopenStore: async () => {
      await store.close();
      store = await openStore({ dataDir, logger: silentLogger });
      return store;
    },
    close: async () => {
      await sim.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
