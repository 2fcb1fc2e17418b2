// Daily contribution aggregates, one file per repository under
// `<dataDir>/contributions/<org>/repos/<repoId>.json`, plus `<org>/crawls.json` for crawl
// summaries and the org's selection (which repositories count, and whether bots do). Files are
// keyed by GitHub's repository id, so a rename rewrites one name instead of starting over. Per-repo
// files make `commitRepoCrawl` rewrite only that repository's data (counts and cursor together, in
// one atomic write), and a damaged file costs one repository's re-crawl rather than everything.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GitGuildError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import { removeStaleTempFiles } from '../atomic-file.js';
import { errorCode, listFolder, NODE_STORE_IO, type StoreIo } from '../store-io.js';
import {
  CrawlSelectionSchema,
  OrgCrawlsFileSchema,
  RepoContributionsFileSchema,
  RepoCursorSchema,
  type OrgCrawlsFile,
  type RepoContributionsFile,
} from '../file-schemas.js';
import { CURRENT_VERSION } from '../migrations/index.js';
import type { ContributionsRepository, RepoCommitOptions, StoredRepo } from '../repositories.js';
import { StoreFile } from '../store-file.js';
import {
  CrawlSummarySchema,
  METRICS,
  type CrawlSelection,
  type CrawlSummary,
  type DailyCount,
  type Metric,
  type RepoCursor,
  type RepoIdentity,
} from '../types.js';
import { validateInput } from '../validate-input.js';
import { dayLabel, dayNumber } from './day.js';
import { addToSeries, forEachDay } from './series.js';

const ORG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
const BOT = /\[bot\]$/;
const ID_FILE = /^(\d{1,15})\.json$/;
const METRIC_SET = new Set<string>(METRICS);
const KEEP_CRAWLS = 20;

type RepoFile = StoreFile<RepoContributionsFile>;

interface OrgFiles {
  dir: string;
  /** By GitHub repository id. */
  repos: Map<number, RepoFile>;
  /** Schema-1 files (keyed by name, no id), shown only until the org has a selection. */
  legacy: RepoFile[];
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

function checkRepoId(id: number): void {
  if (!Number.isSafeInteger(id) || id < 1)
    throw new GitGuildError('invalid_input', `invalid repository id: ${String(id).slice(0, 40)}`);
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
    // Negative: commits a force push took off the default branch.
    if (!Number.isSafeInteger(inc.count)) bad('count', 'must be an integer');
    let metrics = byLogin.get(inc.login);
    if (!metrics) byLogin.set(inc.login, (metrics = new Map()));
    let days = metrics.get(inc.metric);
    if (!days) metrics.set(inc.metric, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + inc.count);
  });
  return byLogin;
}

function applyIncrements(
  current: RepoContributionsFile['series'],
  grouped: Increments,
  replace: ReadonlySet<Metric>,
): RepoContributionsFile['series'] {
  const series: RepoContributionsFile['series'] = {};
  for (const [login, metrics] of Object.entries(current)) {
    const kept = Object.fromEntries(
      Object.entries(metrics ?? {}).filter(([metric]) => !replace.has(metric as Metric)),
    );
    if (Object.keys(kept).length > 0) series[login] = kept;
  }
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
  return series;
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
        const id = ID_FILE.exec(name);
        if (id) {
          await this.repoFile(org, orgKey, { id: Number(id[1]), name: '' }).load();
          continue;
        }
        const repo = decodeURIComponent(name.slice(0, -'.json'.length));
        if (!REPO.test(repo)) continue;
        const file = this.newRepoFile(org, orgKey, join(org.dir, 'repos', name), null, repo);
        await file.load();
        org.legacy.push(file);
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
        ...(org.legacy as StoreFile<unknown>[]),
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
        legacy: [],
        crawls: new StoreFile<OrgCrawlsFile>({
          kind: 'contributions',
          path: join(dir, 'crawls.json'),
          schema: OrgCrawlsFileSchema,
          initial: () => ({
            schemaVersion: CURRENT_VERSION.contributions,
            org,
            summaries: [],
            selection: null,
          }),
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

  private repoFile(org: OrgFiles, orgName: string, repo: RepoIdentity): RepoFile {
    let file = org.repos.get(repo.id);
    if (!file) {
      const path = join(org.dir, 'repos', `${repo.id}.json`);
      file = this.newRepoFile(org, orgName, path, repo.id, repo.name);
      org.repos.set(repo.id, file);
    }
    return file;
  }

  private newRepoFile(
    org: OrgFiles,
    orgName: string,
    path: string,
    repoId: number | null,
    name: string,
  ): RepoFile {
    const reposDir = join(org.dir, 'repos');
    return new StoreFile<RepoContributionsFile>({
      kind: 'contributions',
      path,
      schema: RepoContributionsFileSchema,
      // A discarded (damaged) file starts over with no cursor: the next crawl reads it in full.
      initial: () => ({
        schemaVersion: CURRENT_VERSION.contributions,
        org: orgName,
        repoId,
        repo: name,
        cursor: null,
        series: {},
      }),
      serialize: compact,
      logger: this.logger,
      io: this.io,
      beforeWrite: () => mkdir(reposDir, { recursive: true }).then(() => undefined),
    });
  }

  async commitRepoCrawl(
    org: string,
    repo: RepoIdentity,
    increments: DailyCount[],
    cursor: RepoCursor,
    options: RepoCommitOptions = {},
  ): Promise<void> {
    checkName(ORG, org, 'org');
    checkRepoId(repo.id);
    checkName(REPO, repo.name, 'repository (expected "owner/name")');
    const grouped = groupIncrements(repo.name, increments);
    const validCursor = validateInput(RepoCursorSchema, cursor, 'cursor');
    const replace = new Set<Metric>(options.replace ?? []);
    const file = this.repoFile(this.orgFiles(org), org, repo);
    return file.update((current) => ({
      next: {
        ...current,
        repoId: repo.id,
        repo: repo.name,
        cursor: validCursor,
        series: applyIncrements(current.series, grouped, replace),
      },
      result: undefined,
    }));
  }

  getRepo(org: string, repoId: number): StoredRepo | undefined {
    const data = this.orgs.get(org.toLowerCase())?.repos.get(repoId)?.data;
    if (!data || data.repoId === null) return undefined;
    return { id: data.repoId, name: data.repo, cursor: data.cursor ? { ...data.cursor } : null };
  }

  getCursor(org: string, repoId: number): RepoCursor | undefined {
    return this.getRepo(org, repoId)?.cursor ?? undefined;
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
    const selection = files.crawls.data.selection;
    const countBots = selection?.includeBots ?? true;
    for (const file of this.countedFiles(files)) {
      const { repo, series } = file.data;
      for (const login in series) {
        if (!countBots && BOT.test(login)) continue;
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

  /**
   * The files the stats count: the selection's repositories. Before the first selection (a store
   * from schema 1 whose first crawl has not finished), the old name-keyed files, and repositories
   * already read by id under a name no old file has.
   */
  private countedFiles(files: OrgFiles): RepoFile[] {
    const selection = files.crawls.data.selection;
    if (selection) {
      const ids = new Set(selection.repoIds);
      return [...files.repos.values()].filter(
        (f) => f.data.repoId !== null && ids.has(f.data.repoId),
      );
    }
    const legacyNames = new Set(files.legacy.map((f) => f.data.repo.toLowerCase()));
    const fresh = [...files.repos.values()].filter(
      (f) => !legacyNames.has(f.data.repo.toLowerCase()),
    );
    return [...files.legacy, ...fresh];
  }

  async recordCrawl(summary: CrawlSummary, selection?: CrawlSelection): Promise<void> {
    const valid = validateInput(CrawlSummarySchema, summary, 'crawl summary');
    const validSelection =
      selection === undefined
        ? undefined
        : validateInput(CrawlSelectionSchema, selection, 'crawl selection');
    checkName(ORG, valid.org, 'org');
    const files = this.orgFiles(valid.org);
    await files.crawls.update((current) => ({
      next: {
        ...current,
        summaries: [...current.summaries, valid].slice(-KEEP_CRAWLS),
        selection: validSelection ?? current.selection,
      },
      result: undefined,
    }));
    if (validSelection) await this.dropLegacy(files);
  }

  /** Once a selection exists the name-keyed files of schema 1 are never counted again. */
  private async dropLegacy(files: OrgFiles): Promise<void> {
    // A damaged one stays, reported, until the admin discards it.
    const legacy = files.legacy.filter((file) => !file.refused);
    files.legacy = files.legacy.filter((file) => file.refused);
    for (const file of legacy) {
      await file.settle();
      await this.io.fs.unlink(file.path).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
      this.logger.info('schema 1 contributions file removed', { file: file.path });
    }
  }

  lastCrawl(org: string): CrawlSummary | undefined {
    const last = this.orgs.get(org.toLowerCase())?.crawls.data.summaries.at(-1);
    return last ? structuredClone(last) : undefined;
  }

  selection(org: string): CrawlSelection | null {
    const selection = this.orgs.get(org.toLowerCase())?.crawls.data.selection;
    return selection ? structuredClone(selection) : null;
  }
}
