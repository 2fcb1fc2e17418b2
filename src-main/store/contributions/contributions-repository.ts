// Daily contribution aggregates, one file per repository under
// `<dataDir>/contributions/<org>/repos/<owner%2Fname>.json`, plus `<org>/crawls.json` for crawl
// summaries. Per-repo files make `commitRepoCrawl` rewrite only that repository's data (counts
// and cursor together, in one atomic write) instead of the whole org, and a damaged file costs one
// repository's re-crawl rather than everything.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GitGuildError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import { removeStaleTempFiles } from '../atomic-file.js';
import { listFolder, NODE_STORE_IO, type StoreIo } from '../store-io.js';
import {
  OrgCrawlsFileSchema,
  RepoContributionsFileSchema,
  RepoCursorSchema,
} from '../file-schemas.js';
import type { OrgCrawlsFile, RepoContributionsFile } from '../file-schemas.js';
import { CURRENT_VERSION } from '../migrations/index.js';
import type { ContributionsRepository } from '../repositories.js';
import { StoreFile } from '../store-file.js';
import { METRICS } from '../types.js';
import type { CrawlSummary, DailyCount, Metric, RepoCursor } from '../types.js';
import { validateInput } from '../validate-input.js';
import { CrawlSummarySchema } from '../types.js';
import { dayLabel, dayNumber } from './day.js';
import { addToSeries, forEachDay } from './series.js';

const ORG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
const METRIC_SET = new Set<string>(METRICS);
const KEEP_CRAWLS = 20;

interface OrgFiles {
  dir: string;
  repos: Map<string, StoreFile<RepoContributionsFile>>;
  crawls: StoreFile<OrgCrawlsFile>;
}

function compact(data: unknown): string {
  return JSON.stringify(data);
}

function checkName(pattern: RegExp, value: string, what: string): void {
  if (!pattern.test(value))
    throw new GitGuildError(
      'invalid_input',
      `invalid ${what}: ${JSON.stringify(value).slice(0, 80)}`,
    );
}

type Increments = Map<string, Map<Metric, Map<number, number>>>;

function groupIncrements(repo: string, increments: readonly DailyCount[]): Increments {
  const byLogin: Increments = new Map();
  increments.forEach((inc, i) => {
    const bad = (field: string, why: string): never => {
      throw new GitGuildError('invalid_input', `invalid increments[${i}].${field}: ${why}`);
    };
    if (typeof inc.login !== 'string' || !LOGIN.test(inc.login))
      bad('login', 'must be a GitHub login');
    if (typeof inc.repo !== 'string' || inc.repo.toLowerCase() !== repo.toLowerCase())
      bad('repo', `must be ${repo}`);
    if (!METRIC_SET.has(inc.metric)) bad('metric', `must be one of ${METRICS.join(', ')}`);
    const day = dayNumber(inc.day);
    if (Number.isNaN(day)) bad('day', 'must be a calendar day YYYY-MM-DD');
    if (!Number.isSafeInteger(inc.count)) bad('count', 'must be an integer');
    let metrics = byLogin.get(inc.login);
    if (!metrics) byLogin.set(inc.login, (metrics = new Map()));
    let days = metrics.get(inc.metric);
    if (!days) metrics.set(inc.metric, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + inc.count);
  });
  return byLogin;
}

export class ContributionsStore implements ContributionsRepository {
  private readonly orgs = new Map<string, OrgFiles>();

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    private readonly io: StoreIo = NODE_STORE_IO,
  ) {}

  /** Loads every org and repository file below the contributions directory. */
  async load(): Promise<void> {
    this.orgs.clear();
    // A missing folder is empty; an unreadable one is reported as a store problem (listFolder).
    const orgDirs = await listFolder(this.io, this.dir);
    for (const orgKey of orgDirs) {
      if (!ORG.test(orgKey)) continue;
      const org = this.orgFiles(orgKey);
      await removeStaleTempFiles(org.dir);
      await removeStaleTempFiles(join(org.dir, 'repos'));
      await org.crawls.load();
      // No repos folder: an org with summaries but no repositories yet.
      const names = await listFolder(this.io, join(org.dir, 'repos'));
      for (const name of names) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const repo = decodeURIComponent(name.slice(0, -'.json'.length));
        if (!REPO.test(repo)) continue;
        const file = this.repoFile(org, orgKey, repo);
        await file.load();
      }
    }
  }

  /** Every file, for status reporting and discarding damaged ones. */
  files(): StoreFile<unknown>[] {
    const out: StoreFile<unknown>[] = [];
    for (const org of this.orgs.values()) {
      out.push(
        org.crawls as StoreFile<unknown>,
        ...(org.repos.values() as Iterable<StoreFile<unknown>>),
      );
    }
    return out;
  }

  async settle(): Promise<void> {
    await Promise.all(this.files().map((f) => f.settle()));
  }

  private orgFiles(org: string): OrgFiles {
    const key = org.toLowerCase();
    let files = this.orgs.get(key);
    if (!files) {
      const dir = join(this.dir, key);
      files = {
        dir,
        repos: new Map(),
        crawls: new StoreFile<OrgCrawlsFile>({
          kind: 'contributions',
          path: join(dir, 'crawls.json'),
          schema: OrgCrawlsFileSchema,
          initial: () => ({ schemaVersion: CURRENT_VERSION.contributions, org, summaries: [] }),
          serialize: compact,
          logger: this.logger,
          io: this.io,
          beforeWrite: () => mkdir(dir, { recursive: true }).then(() => undefined),
        }),
      };
      this.orgs.set(key, files);
    }
    return files;
  }

  private repoFile(org: OrgFiles, orgName: string, repo: string): StoreFile<RepoContributionsFile> {
    const key = repo.toLowerCase();
    let file = org.repos.get(key);
    if (!file) {
      const reposDir = join(org.dir, 'repos');
      file = new StoreFile<RepoContributionsFile>({
        kind: 'contributions',
        path: join(reposDir, `${encodeURIComponent(key)}.json`),
        schema: RepoContributionsFileSchema,
        initial: () => ({
          schemaVersion: CURRENT_VERSION.contributions,
          org: orgName,
          repo,
          cursor: null,
          series: {},
        }),
        serialize: compact,
        logger: this.logger,
        io: this.io,
        beforeWrite: () => mkdir(reposDir, { recursive: true }).then(() => undefined),
      });
      org.repos.set(key, file);
    }
    return file;
  }

  async commitRepoCrawl(
    org: string,
    repo: string,
    increments: DailyCount[],
    cursor: RepoCursor,
  ): Promise<void> {
    checkName(ORG, org, 'org');
    checkName(REPO, repo, 'repository (expected "owner/name")');
    const grouped = groupIncrements(repo, increments);
    const validCursor = validateInput(RepoCursorSchema, cursor, 'cursor');
    const file = this.repoFile(this.orgFiles(org), org, repo);
    return file.update((current) => {
      const series = { ...current.series };
      for (const [login, metrics] of grouped) {
        const byMetric = { ...series[login] };
        for (const [metric, days] of metrics) {
          const next = addToSeries(byMetric[metric], days);
          if (next.length > 0) byMetric[metric] = next;
          else delete byMetric[metric];
        }
        if (Object.keys(byMetric).length > 0) series[login] = byMetric;
        else delete series[login];
      }
      return { next: { ...current, repo, cursor: validCursor, series }, result: undefined };
    });
  }

  getCursor(org: string, repo: string): RepoCursor | undefined {
    const cursor = this.orgs.get(org.toLowerCase())?.repos.get(repo.toLowerCase())?.data.cursor;
    return cursor ? structuredClone(cursor) : undefined;
  }

  dailyCounts(org: string, options: { sinceDay?: string } = {}): DailyCount[] {
    const files = this.orgs.get(org.toLowerCase());
    if (!files) return [];
    const since =
      options.sinceDay === undefined ? Number.NEGATIVE_INFINITY : dayNumber(options.sinceDay);
    if (Number.isNaN(since))
      throw new GitGuildError(
        'invalid_input',
        `invalid sinceDay: ${options.sinceDay} (expected YYYY-MM-DD)`,
      );
    const out: DailyCount[] = [];
    for (const file of files.repos.values()) {
      const { repo, series } = file.data;
      for (const login in series) {
        const metrics = series[login] ?? {};
        for (const metric of METRICS) {
          const encoded = metrics[metric];
          if (!encoded) continue;
          forEachDay(encoded, (day, count) => {
            if (day >= since) out.push({ login, repo, metric, day: dayLabel(day), count });
          });
        }
      }
    }
    return out;
  }

  async recordCrawl(summary: CrawlSummary): Promise<void> {
    const valid = validateInput(CrawlSummarySchema, summary, 'crawl summary');
    checkName(ORG, valid.org, 'org');
    return this.orgFiles(valid.org).crawls.update((current) => ({
      next: { ...current, summaries: [...current.summaries, valid].slice(-KEEP_CRAWLS) },
      result: undefined,
    }));
  }

  lastCrawl(org: string): CrawlSummary | undefined {
    const last = this.orgs.get(org.toLowerCase())?.crawls.data.summaries.at(-1);
    return last ? structuredClone(last) : undefined;
  }
}
