// Repository interfaces: small typed methods over the store's files. The lowdb implementations
// live beside this file; a server deployment could swap in another backend behind the same shapes.
import type {
  AuditEntry,
  CrawlSelection,
  CrawlSummary,
  DailyCount,
  Guild,
  GuildInput,
  Link,
  LinkMethod,
  Mapping,
  MappingInput,
  Metric,
  RepoCursor,
  RepoIdentity,
  Settings,
  SettingsPatch,
  SyncRun,
  SyncState,
} from './types.js';

export interface SettingsRepository {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
}

export interface RepoCommitOptions {
  /**
   * Metrics whose stored counts `increments` replace instead of adding to: what a full read of a
   * repository (first crawl, or a walk of the whole default branch) recounted from scratch.
   */
  replace?: readonly Metric[];
}

/** What the store holds about one repository. */
export interface StoredRepo {
  id: number;
  /** "owner/name" as of the latest crawl that wrote it. */
  name: string;
  cursor: RepoCursor | null;
}

export interface ContributionsRepository {
  /**
   * Adds `increments` (negative ones too) to the stored daily counts of one repository, renames it
   * if its name changed, and moves its cursor, in one atomic write: after a crash either all of it
   * happened or none did.
   */
  commitRepoCrawl(
    org: string,
    repo: RepoIdentity,
    increments: DailyCount[],
    cursor: RepoCursor,
    options?: RepoCommitOptions,
  ): Promise<void>;
  getRepo(org: string, repoId: number): StoredRepo | undefined;
  getCursor(org: string, repoId: number): RepoCursor | undefined;
  /**
   * Every counted daily count of an org (optionally since a day, inclusive): the repositories and
   * bot rule of the org's selection, each repository under its latest name.
   */
  dailyCounts(org: string, options?: { sinceDay?: string }): DailyCount[];
  /**
   * Records a crawl's summary, and with `selection` what the stats count from now on (given only
   * by a crawl that reached every selected repository).
   */
  recordCrawl(summary: CrawlSummary, selection?: CrawlSelection): Promise<void>;
  lastCrawl(org: string): CrawlSummary | undefined;
  selection(org: string): CrawlSelection | null;
}

export interface GuildsRepository {
  list(): Guild[];
  get(id: string): Guild | undefined;
  /** Adds the guild or replaces the one with the same id. */
  upsert(guild: GuildInput): Promise<Guild>;
  /** Removes the guild and its mappings; false when it was not there. */
  remove(id: string): Promise<boolean>;
}

export interface MappingsRepository {
  /** The guild's mappings by `order` (then id). */
  list(guildId: string): Mapping[];
  get(id: string): Mapping | undefined;
  /** Adds the mapping or replaces the one with the same id; its guild must exist. */
  upsert(mapping: MappingInput): Promise<Mapping>;
  /** Several at once, in one write: all are valid and stored, or none. */
  upsertMany(mappings: MappingInput[]): Promise<Mapping[]>;
  remove(id: string): Promise<boolean>;
}

export interface LinkRequest {
  discordUserId: string;
  githubLogin: string;
  linkedBy: string;
  method: LinkMethod;
}

export interface LinksRepository {
  /**
   * Links a Discord member to a GitHub login, replacing the member's previous link. Rejects with
   * `conflict` when the login already belongs to another member.
   */
  linkMember(request: LinkRequest): Promise<Link>;
  /** Removes the member's link; returns it, or undefined when there was none. */
  unlinkMember(discordUserId: string): Promise<Link | undefined>;
  byDiscordUser(discordUserId: string): Link | undefined;
  /** Case-insensitive, as GitHub logins are. */
  byGithubLogin(login: string): Link | undefined;
  list(): Link[];
  count(): number;
}

export interface RunQuery {
  guildId?: string;
  kind?: SyncRun['kind'];
  limit?: number;
  /** Skip this many of the newest first (paging). */
  offset?: number;
}

export interface AuditQuery {
  guildId?: string;
  runId?: string;
  memberId?: string;
  limit?: number;
  offset?: number;
}

export interface HistoryRepository {
  /** Records a run; a run with the same id (started, then finished) is replaced. */
  recordSyncRun(run: SyncRun): Promise<void>;
  /**
   * Records a run (started or finished) with its audit entries and a change to the sync state in
   * one atomic write, so a run is never recorded without its audit trail (or the other way round).
   */
  saveSyncRun(
    run: SyncRun,
    audit: AuditEntry[],
    stateChange?: (state: SyncState) => SyncState,
  ): Promise<void>;
  /** Newest first. */
  syncRuns(options?: RunQuery): SyncRun[];
  syncRun(id: string): SyncRun | undefined;
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Many entries in one write. */
  appendAuditMany(entries: AuditEntry[]): Promise<void>;
  /** Newest first. */
  audit(options?: AuditQuery): AuditEntry[];
  /** A copy of the whole sync state. */
  syncState(): SyncState;
  /** Reads part of the sync state without copying all of it; `read` must not keep or mutate it. */
  readSyncState<T>(read: (state: Readonly<SyncState>) => T): T;
  updateSyncState(mutate: (state: SyncState) => SyncState): Promise<void>;
}
