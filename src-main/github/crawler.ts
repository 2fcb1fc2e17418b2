// Crawls one GitHub organisation incrementally into the contributions store. Repos whose
// metadata and issue list are unchanged since their cursor cost nothing beyond the repo list
// (and a free 304); the rest are read back to their cursor. Each repo's counts and its new
// cursor are stored in one atomic write, so an interrupted crawl resumes where it stopped.
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { silentLogger } from '../log/logger.js';
import type { ContributionsRepository } from '../store/repositories.js';
import type { CrawlSummary, RepoCursor } from '../store/types.js';
import {
  httpFailure,
  isAbort,
  isRateLimited,
  orgLevelError,
  repoMissingReason,
} from './crawl-errors.js';
import { CrawlWindow } from './crawl-window.js';
import type { GitHubClient, RequestMeter } from './octokit.js';
import { listOrgRepos, RepoListCache } from './repo-list.js';
import { crawlRepo, issuesUnchanged } from './repo-crawl.js';
import { selectRepos, type CrawlSettings, type RepoListing } from './repo-selection.js';

export interface CrawlProgress {
  org: string;
  reposDone: number;
  reposTotal: number;
  requests: number;
  rateLimitRemaining: number | null;
}

/** Repository facts from the crawl, for org totals (stars, forks, open issues and PRs). */
export interface RepoFacts {
  repo: string;
  stars: number;
  forks: number;
  openIssues: number | null;
  openPrs: number | null;
}

export interface CrawlResult {
  summary: CrawlSummary;
  /** Repos read this time / skipped as unchanged / found empty. */
  crawled: string[];
  skipped: string[];
  empty: string[];
  repos: RepoFacts[];
  /** The crawl was stopped by its abort signal. */
  interrupted: boolean;
  /** Requests answered 304 (do not count against GitHub's primary rate limit). */
  notModified: number;
}

export interface CrawlOrgOptions {
  octokit: GitHubClient;
  meter: RequestMeter;
  org: string;
  contributions: ContributionsRepository;
  settings: CrawlSettings;
  /** Clock; the crawl window ends at `now() - settleMs`. */
  now?: () => Date;
  /**
   * How far behind the clock the window ends. GitHub's lists can lag writes by a little; events
   * in the last `settleMs` are left for the next crawl rather than risked (default 60 s).
   */
  settleMs?: number;
  /**
   * 'etag' (default): a repo whose pushed_at/updated_at did not move still gets one conditional
   * request on its issue list, because new issues and reviews do not move pushed_at.
   * 'metadata': trust pushed_at/updated_at alone (cheapest, misses issue/review-only activity).
   */
  unchangedCheck?: 'etag' | 'metadata';
  /**
   * How pull requests and their reviews are read: 'graphql' (default) reads 100 PRs with their
   * reviews per request; 'rest' lists PRs and then each PR's reviews (one request per PR), kept
   * as the benchmark's baseline.
   */
  pullRequestApi?: 'graphql' | 'rest';
  /** Repos read at once (default 4; the throttling plugin caps concurrency overall). */
  concurrency?: number;
  /** Shared across crawls for conditional repo-list requests; create one per host. */
  repoListCache?: RepoListCache;
  onProgress?: (progress: CrawlProgress) => void;
  signal?: AbortSignal;
  logger?: Logger;
}

const openPrsMemory = new WeakMap<RepoListCache, Map<string, number>>();

export async function crawlOrg(options: CrawlOrgOptions): Promise<CrawlResult> {
  const { octokit, meter, org, contributions, settings, signal } = options;
  const log = (options.logger ?? silentLogger).child('crawl');
  const startedAt = (options.now ?? (() => new Date()))();
  const windowEnd = new Date(startedAt.getTime() - (options.settleMs ?? 60_000)).toISOString();
  const requestsBefore = meter.requests;
  const notModifiedBefore = meter.notModified;
  const cache = options.repoListCache ?? new RepoListCache();
  const openPrsKnown = openPrsMemory.get(cache) ?? new Map<string, number>();
  openPrsMemory.set(cache, openPrsKnown);

  const finish = async (
    complete: boolean,
    missing: CrawlSummary['missing'],
  ): Promise<CrawlSummary> => {
    const summary: CrawlSummary = {
      org,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      complete,
      missing,
      requests: meter.requests - requestsBefore,
    };
    await contributions.recordCrawl(summary);
    return summary;
  };

  let listed: RepoListing[];
  try {
    listed = (await listOrgRepos(octokit, org, cache, signal)).repos;
  } catch (error) {
    const fatal = orgLevelError(error, org) ?? (isAbort(error) ? null : upstream(error, org));
    await finish(false, [
      { repo: `${org}/*`, reason: fatal?.message ?? 'crawl interrupted before the repo list' },
    ]);
    throw fatal ?? error;
  }
  const repos = selectRepos(listed, settings);
  log.info('repos listed', { org, listed: listed.length, selected: repos.length });

  const result: Omit<CrawlResult, 'summary'> = {
    crawled: [],
    skipped: [],
    empty: [],
    repos: [],
    interrupted: false,
    notModified: 0,
  };
  const missing: CrawlSummary['missing'] = [];
  let reposDone = 0;
  let stopReason: string | null = null;
  const progress = (): void =>
    options.onProgress?.({
      org,
      reposDone,
      reposTotal: repos.length,
      requests: meter.requests - requestsBefore,
      rateLimitRemaining: meter.budget?.remaining ?? null,
    });
  progress();

  const crawlOne = async (repo: RepoListing): Promise<void> => {
    const cursor = contributions.getCursor(org, repo.fullName);
    const facts: RepoFacts = {
      repo: repo.fullName,
      stars: repo.stars,
      forks: repo.forks,
      openIssues: null,
      openPrs: openPrsKnown.get(repo.fullName) ?? null,
    };
    try {
      if (
        cursor &&
        notAfter(repo.pushedAt, cursor.through) &&
        notAfter(repo.updatedAt, cursor.through)
      ) {
        const etag = cursor.etags.issues;
        const unchanged =
          options.unchangedCheck === 'metadata' ||
          (etag !== undefined && (await issuesUnchanged(octokit, org, repo.name, etag, signal)));
        if (unchanged) {
          result.skipped.push(repo.fullName);
          return;
        }
      }
      const window = new CrawlWindow(cursor?.through ?? null, windowEnd);
      const read = await crawlRepo({
        octokit,
        owner: org,
        repo,
        window,
        includeBots: settings.includeBots,
        signal,
        pullRequestApi: options.pullRequestApi,
      });
      const next: RepoCursor = {
        through: windowEnd,
        pushedAt: repo.pushedAt,
        updatedAt: repo.updatedAt,
        etags: {
          ...(cursor?.etags ?? {}),
          ...(read.issuesEtag ? { issues: read.issuesEtag } : {}),
        },
      };
      await contributions.commitRepoCrawl(org, repo.fullName, read.increments, next);
      result.crawled.push(repo.fullName);
      if (read.empty) result.empty.push(repo.fullName);
      openPrsKnown.set(repo.fullName, read.openPrs);
      facts.openPrs = read.openPrs;
    } catch (error) {
      if (isAbort(error) || signal?.aborted) {
        stopReason ??= 'crawl interrupted';
        missing.push({ repo: repo.fullName, reason: 'crawl interrupted' });
        return;
      }
      const failure = httpFailure(error);
      if (failure && isRateLimited(failure)) stopReason ??= repoMissingReason(error);
      else if (failure?.status === 401) stopReason ??= 'token rejected (401)';
      const reason = repoMissingReason(error);
      log.warn('repo not crawled', { repo: repo.fullName, reason });
      missing.push({ repo: repo.fullName, reason });
    } finally {
      if (facts.openPrs !== null)
        facts.openIssues = Math.max(0, repo.openIssuesAndPrs - facts.openPrs);
      result.repos.push(facts);
      reposDone += 1;
      progress();
    }
  };

  const queue = [...repos];
  const worker = async (): Promise<void> => {
    for (let repo = queue.shift(); repo !== undefined; repo = queue.shift()) {
      if (signal?.aborted) stopReason ??= 'crawl interrupted';
      if (stopReason !== null) {
        missing.push({ repo: repo.fullName, reason: stopReason });
        continue;
      }
      await crawlOne(repo);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));

  result.interrupted = signal?.aborted ?? false;
  result.notModified = meter.notModified - notModifiedBefore;
  missing.sort((a, b) => a.repo.localeCompare(b.repo));
  const summary = await finish(missing.length === 0, missing);
  log.info('crawl finished', {
    org,
    complete: summary.complete,
    crawled: result.crawled.length,
    skipped: result.skipped.length,
    missing: missing.length,
    requests: summary.requests,
  });
  return { summary, ...result };
}

function notAfter(time: string | null, bound: string): boolean {
  return time === null || Date.parse(time) <= Date.parse(bound);
}

function upstream(error: unknown, org: string): GitGuildError {
  const failure = httpFailure(error);
  return new GitGuildError(
    'upstream_failed',
    `Could not list the repositories of "${org}": ${failure ? `GitHub error ${failure.status}` : error instanceof Error ? error.message : String(error)}`,
    {
      hint: 'GitHub or the network failed; the next scheduled crawl retries.',
    },
  );
}
