// Crawls one GitHub organisation incrementally into the contributions store. One sweep lists
// every repository with its change markers (repo-sweep.ts); only repositories whose markers moved
// past their stored cursor are read, so a quiet org costs a request per 100 repositories, also on
// the first crawl after a restart (the markers are the cursors, kept in the store). Each
// repository's counts and its new cursor are stored in one atomic write, so an interrupted crawl
// resumes where it stopped. A crawl that reached every selected repository records the org's
// selection (which repositories count, and whether bots do): settings take effect whole.
import { GitGuildError } from '../errors.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { ContributionsRepository } from '../store/repositories.js';
import type { CrawlSummary } from '../store/types.js';
import {
  httpFailure,
  isAbort,
  isRateLimited,
  orgLevelError,
  repoMissingReason,
} from './crawl-errors.js';
import type { GitHubClient, RequestMeter } from './octokit.js';
import { planRepoRead } from './repo-plan.js';
import { crawlRepo } from './repo-crawl.js';
import { selectRepos, type CrawlSettings } from './repo-selection.js';
import { sweepOrg, type Sweep, type SweptRepo } from './repo-sweep.js';

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
  /** Repos read this time / left alone as unchanged / found empty. */
  crawled: string[];
  skipped: string[];
  empty: string[];
  repos: RepoFacts[];
  /** The crawl was stopped by its abort signal. */
  interrupted: boolean;
  /** Requests answered 304 (do not count against GitHub's primary rate limit). */
  notModified: number;
  /** Where this crawl's window ended, in GitHub's time: its Date header less the settle margin. */
  windowEnd: string | null;
}

export interface CrawlOrgOptions {
  octokit: GitHubClient;
  meter: RequestMeter;
  org: string;
  contributions: ContributionsRepository;
  settings: CrawlSettings;
  /** The host's clock, for the summary's start and finish times only; windows use GitHub's. */
  now?: () => Date;
  /**
   * How far behind GitHub's clock the window ends. GitHub's lists can lag writes by a little;
   * events in the last `settleMs` are left for the next crawl rather than risked (default 60 s).
   */
  settleMs?: number;
  /**
   * How pull requests and their reviews are read: 'graphql' (default) reads 100 PRs with their
   * reviews per request; 'rest' lists PRs and then each PR's reviews (one request per PR), kept
   * as the benchmark's baseline.
   */
  pullRequestApi?: 'graphql' | 'rest';
  /** Repos read at once (default 4; the throttling plugin caps concurrency overall). */
  concurrency?: number;
  onProgress?: (progress: CrawlProgress) => void;
  signal?: AbortSignal;
  logger?: Logger;
}

export function crawlOrg(options: CrawlOrgOptions): Promise<CrawlResult> {
  return new OrgCrawl(options).run();
}

const DISABLED = 'disabled by GitHub: access blocked (for example a DMCA takedown)';

/** One crawl of one org; its state lives and dies with the crawl. */
class OrgCrawl {
  private readonly log: Logger;
  private readonly startedAt: Date;
  private readonly requestsBefore: number;
  private readonly notModifiedBefore: number;
  private readonly missing: CrawlSummary['missing'] = [];
  private readonly result: Omit<CrawlResult, 'summary'> = {
    crawled: [],
    skipped: [],
    empty: [],
    repos: [],
    interrupted: false,
    notModified: 0,
    windowEnd: null,
  };
  private reposDone = 0;
  private reposTotal = 0;
  /** Why the remaining repositories are not read (rate limit, bad token, stop), once set. */
  private stopReason: string | null = null;

  constructor(private readonly options: CrawlOrgOptions) {
    this.log = (options.logger ?? silentLogger).child('crawl');
    this.startedAt = this.hostNow();
    this.requestsBefore = options.meter.requests;
    this.notModifiedBefore = options.meter.notModified;
  }

  async run(): Promise<CrawlResult> {
    const { org, settings, signal } = this.options;
    const sweep = await this.sweep();
    const windowEnd = new Date(
      Date.parse(sweep.githubTime) - (this.options.settleMs ?? 60_000),
    ).toISOString();
    this.result.windowEnd = windowEnd;
    if (!sweep.githubClock)
      this.log.warn('GitHub sent no Date header; using the host clock', { org });
    const repos = selectRepos(sweep.repos, settings);
    this.reposTotal = repos.length;
    this.log.info('repos swept', { org, listed: sweep.repos.length, selected: repos.length });
    this.progress();

    const queue = [...repos];
    const worker = async (): Promise<void> => {
      for (let repo = queue.shift(); repo !== undefined; repo = queue.shift()) {
        if (signal?.aborted) this.stopReason ??= 'crawl interrupted';
        if (this.stopReason !== null)
          this.missing.push({ repo: repo.fullName, reason: this.stopReason });
        else await this.crawlOne(repo, windowEnd);
        this.reposDone += 1;
        this.progress();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 4) }, worker));

    this.result.interrupted = signal?.aborted ?? false;
    this.result.notModified = this.options.meter.notModified - this.notModifiedBefore;
    this.missing.sort((a, b) => a.repo.localeCompare(b.repo));
    // Only a crawl that reached every repository changes what counts; one cut short keeps the
    // previous selection, so the stats never mix two settings.
    const reachedAll = this.stopReason === null && !this.result.interrupted;
    const summary = await this.finish(
      this.missing.length === 0,
      this.missing,
      reachedAll
        ? {
            // A disabled repository cannot be read, so nothing in it counts (as on GitHub's side,
            // where its pages are gone); its stored counts return if GitHub enables it again.
            repoIds: repos.filter((r) => !r.disabled).map((r) => r.id),
            includeBots: settings.includeBots,
          }
        : undefined,
    );
    this.log.info('crawl finished', {
      org,
      complete: summary.complete,
      crawled: this.result.crawled.length,
      skipped: this.result.skipped.length,
      missing: this.missing.length,
      requests: summary.requests,
      windowEnd,
    });
    return { summary, ...this.result };
  }

  private hostNow(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private progress(): void {
    const { meter, org } = this.options;
    this.options.onProgress?.({
      org,
      reposDone: this.reposDone,
      reposTotal: this.reposTotal,
      requests: meter.requests - this.requestsBefore,
      rateLimitRemaining: meter.budget?.remaining ?? meter.graphqlBudget?.remaining ?? null,
    });
  }

  private async finish(
    complete: boolean,
    missing: CrawlSummary['missing'],
    selection?: { repoIds: number[]; includeBots: boolean },
  ): Promise<CrawlSummary> {
    const summary: CrawlSummary = {
      org: this.options.org,
      startedAt: this.startedAt.toISOString(),
      finishedAt: this.hostNow().toISOString(),
      complete,
      missing,
      requests: this.options.meter.requests - this.requestsBefore,
    };
    await this.options.contributions.recordCrawl(summary, selection);
    return summary;
  }

  private async sweep(): Promise<Sweep> {
    const { octokit, org, signal } = this.options;
    try {
      return await sweepOrg(octokit, org, signal);
    } catch (error) {
      const fatal = orgLevelError(error, org) ?? (isAbort(error) ? null : upstream(error, org));
      await this.finish(false, [
        { repo: `${org}/*`, reason: fatal?.message ?? 'crawl interrupted before the repo list' },
      ]);
      throw fatal ?? error;
    }
  }

  private async crawlOne(repo: SweptRepo, windowEnd: string): Promise<void> {
    const { contributions, org, signal } = this.options;
    this.result.repos.push({
      repo: repo.fullName,
      stars: repo.stars,
      forks: repo.forks,
      openIssues: repo.openIssues,
      openPrs: repo.openPrs,
    });
    if (repo.disabled) {
      this.missing.push({ repo: repo.fullName, reason: DISABLED });
      return;
    }
    if (repo.headOid === null) this.result.empty.push(repo.fullName);
    const stored = contributions.getRepo(org, repo.id);
    const plan = planRepoRead(repo, stored);
    const identity = { id: repo.id, name: repo.fullName };
    try {
      if (plan.unchanged) {
        this.result.skipped.push(repo.fullName);
        return;
      }
      if (stored?.cursor && plan.renamed && !plan.full) {
        // Renamed with nothing new to read: the new name is all there is to write.
        const quiet = plan.issues === 'skip' && plan.pulls === 'skip' && plan.commits === 'skip';
        if (quiet) {
          await contributions.commitRepoCrawl(org, identity, [], stored.cursor);
          this.result.skipped.push(repo.fullName);
          return;
        }
      }
      const read = await crawlRepo({
        octokit: this.options.octokit,
        repo,
        plan,
        cursor: stored?.cursor ?? null,
        windowEnd,
        signal,
        pullRequestApi: this.options.pullRequestApi,
      });
      // What was read is whole and exact: it is stored even if a stop arrived meanwhile.
      await contributions.commitRepoCrawl(org, identity, read.increments, read.cursor, {
        replace: read.replace,
      });
      this.result.crawled.push(repo.fullName);
    } catch (error) {
      if (isAbort(error) || signal?.aborted) {
        this.stopReason ??= 'crawl interrupted';
        this.missing.push({ repo: repo.fullName, reason: 'crawl interrupted' });
        return;
      }
      const failure = httpFailure(error);
      if (failure && isRateLimited(failure)) this.stopReason ??= repoMissingReason(error);
      else if (failure?.status === 401) this.stopReason ??= 'token rejected (401)';
      const reason = repoMissingReason(error);
      this.log.warn('repo not crawled', { repo: repo.fullName, reason });
      this.missing.push({ repo: repo.fullName, reason });
    }
  }
}

function upstream(error: unknown, org: string): GitGuildError {
  const failure = httpFailure(error);
  const detail = failure
    ? `GitHub error ${failure.status}`
    : error instanceof Error
      ? error.message
      : String(error);
  return new GitGuildError(
    'upstream_failed',
    `Could not list the repositories of "${org}": ${detail}`,
    { hint: 'GitHub or the network failed; the next scheduled crawl retries.' },
  );
}
