// The host's crawl job: one crawl at a time over the configured GitHub orgs, token read from the
// SecretStore at each start, progress and completion published as events, stopped by the host.
// Failures are logged and kept as `lastError`; they never throw out of the background run.
import type { MethodOutput } from '../api/contract.js';
import type { CrawlService } from './crawl-service.js';
import { GitGuildError } from '../errors.js';
import { crawlOrg, type CrawlProgress } from '../github/crawler.js';
import { createOctokit } from '../github/octokit.js';
import { RepoListCache } from '../github/repo-list.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';
import type { ContributionsRepository, SettingsRepository } from '../store/repositories.js';
import type { CrawlSummary } from '../store/types.js';
import { resolveConfiguredOrg } from '../stats/configured-org.js';

export interface CrawlJobOptions {
  settings: SettingsRepository;
  contributions: ContributionsRepository;
  secrets: SecretStore;
  logger: Logger;
  userAgent: string;
  onProgress?: (progress: CrawlProgress) => void;
  /** After each org: its summary, or the error that stopped it (summary null). */
  onFinished?: (org: string, summary: CrawlSummary | null, error: string | null) => void;
  /** `running` flips true at the start and false once every org is done. */
  onRunningChange?: (running: boolean) => void;
  /** Passed to crawlOrg; tests shorten them. */
  crawlTuning?: { settleMs?: number; maxRateLimitWaitMs?: number; retryBaseDelayMs?: number };
}

export class CrawlJob implements CrawlService {
  /** Kept for the life of the host so repo-list pages are conditional requests (free 304s). */
  private readonly repoListCache = new RepoListCache();
  private running: Promise<void> | null = null;
  private starting = false;
  private progress: CrawlProgress | null = null;
  private lastError: string | null = null;
  private lastFinishedAt: string | null = null;
  private abort: AbortController | null = null;
  private stopped = false;

  constructor(private readonly options: CrawlJobOptions) {}

  get isRunning(): boolean {
    return this.running !== null || this.starting;
  }

  get lastRunAt(): string | null {
    return this.lastFinishedAt;
  }

  async run(requestedOrg?: string): Promise<MethodOutput<'crawl.run'>> {
    if (this.stopped) return { started: false, reason: 'The host is stopping.' };
    if (this.isRunning)
      return { started: false, reason: 'A crawl is already running; wait for it to finish.' };
    // Claimed before the first await, so two calls in the same tick cannot both start.
    this.starting = true;
    try {
      const settings = this.options.settings.get();
      const orgs =
        requestedOrg === undefined
          ? settings.githubOrgs
          : [resolveConfiguredOrg(settings.githubOrgs, requestedOrg)];
      if (orgs.length === 0) {
        throw new GitGuildError(
          'invalid_input',
          'No GitHub organisation is configured, so there is nothing to crawl.',
          {
            hint: 'Add your organisation in Settings → GitHub.',
          },
        );
      }
      const token = await this.readToken();
      const abort = new AbortController();
      this.abort = abort;
      this.options.onRunningChange?.(true);
      this.running = this.crawlAll(orgs, token, abort.signal).finally(() => {
        this.running = null;
        this.abort = null;
        this.progress = null;
        this.options.onRunningChange?.(false);
      });
      return { started: true };
    } finally {
      this.starting = false;
    }
  }

  status(): MethodOutput<'crawl.status'> {
    const { githubOrgs } = this.options.settings.get();
    const orgs = githubOrgs.flatMap((org) => {
      const last = this.options.contributions.lastCrawl(org);
      return last ? [{ ...last, missing: last.missing.map((m) => ({ ...m })) }] : [];
    });
    return {
      running: this.progress ? { ...this.progress } : null,
      orgs,
      lastError: this.lastError,
    };
  }

  /** Resolves when no crawl runs (for tests and shutdown). */
  async whenIdle(): Promise<void> {
    await this.running;
  }

  /** Aborts a running crawl and waits for it to record where it stopped; later runs are refused. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    await this.running;
  }

  private async readToken(): Promise<string> {
    const { secrets } = this.options;
    const status = secrets.status();
    if (!status.available) {
      throw new GitGuildError(
        'keychain_unavailable',
        'The GitHub token cannot be read: the secret store is unavailable.',
        {
          hint: status.problem ?? 'Check the keychain status in Settings.',
        },
      );
    }
    const token = await secrets.get('github.token');
    if (!token) {
      throw new GitGuildError(
        'unauthorized',
        'No GitHub token is configured, so the crawl cannot start.',
        {
          hint: 'Set a GitHub token in Settings (or sign in with GitHub).',
        },
      );
    }
    this.options.logger.addSecret(token);
    return token;
  }

  private async crawlAll(orgs: string[], token: string, signal: AbortSignal): Promise<void> {
    const log = this.options.logger.child('crawl-job');
    const settings = this.options.settings.get();
    const tuning = this.options.crawlTuning ?? {};
    let failure: string | null = null;
    for (const org of orgs) {
      if (signal.aborted) break;
      try {
        const { octokit, meter } = createOctokit({
          baseUrl: settings.githubApiBaseUrl,
          token,
          logger: this.options.logger,
          userAgent: this.options.userAgent,
          ...(tuning.maxRateLimitWaitMs !== undefined
            ? { maxRateLimitWaitMs: tuning.maxRateLimitWaitMs }
            : {}),
          ...(tuning.retryBaseDelayMs !== undefined
            ? { retryBaseDelayMs: tuning.retryBaseDelayMs }
            : {}),
        });
        const result = await crawlOrg({
          octokit,
          meter,
          org,
          contributions: this.options.contributions,
          settings: settings.crawl,
          repoListCache: this.repoListCache,
          signal,
          logger: this.options.logger,
          ...(tuning.settleMs !== undefined ? { settleMs: tuning.settleMs } : {}),
          onProgress: (progress) => {
            this.progress = progress;
            this.options.onProgress?.(progress);
          },
        });
        log.info('org crawled', {
          org,
          complete: result.summary.complete,
          missing: result.summary.missing.length,
          requests: result.summary.requests,
        });
        this.options.onFinished?.(org, result.summary, null);
      } catch (error) {
        failure = describeFailure(error);
        log.error('crawl failed', {
          org,
          identifier: error instanceof GitGuildError ? error.identifier : 'internal',
          error,
        });
        this.options.onFinished?.(org, null, failure);
      }
    }
    this.lastError = failure;
    this.lastFinishedAt = new Date().toISOString();
  }
}

/** A sentence the admin can act on. Unknown errors are not echoed: their text could carry anything. */
function describeFailure(error: unknown): string {
  if (error instanceof GitGuildError)
    return error.context.hint ? `${error.message}. ${error.context.hint}` : error.message;
  return 'The crawl failed unexpectedly; the host log has the details.';
}
