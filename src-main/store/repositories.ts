// Repository interfaces: small typed methods over the store's files. The lowdb implementations
// live beside this file; a server deployment could swap in another backend behind the same shapes.
import type {
  AuditEntry,
  CrawlSummary,
  DailyCount,
  Guild,
  Link,
  LinkMethod,
  Mapping,
  RepoCursor,
  Settings,
  SettingsPatch,
  SyncRun,
} from './types.js';

export interface SettingsRepository {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
}

export interface ContributionsRepository {
  /**
   * Adds `increments` to the stored daily counts of one repository and moves its cursor, in one
   * atomic write: after a crash either both happened or neither did.
   */
  commitRepoCrawl(
    org: string,
    repo: string,
    increments: DailyCount[],
    cursor: RepoCursor,
  ): Promise<void>;
  getCursor(org: string, repo: string): RepoCursor | undefined;
  /** Every stored daily count of an org (optionally since a day, inclusive). */
  dailyCounts(org: string, options?: { sinceDay?: string }): DailyCount[];
  recordCrawl(summary: CrawlSummary): Promise<void>;
  lastCrawl(org: string): CrawlSummary | undefined;
}

export interface GuildsRepository {
  list(): Guild[];
  get(id: string): Guild | undefined;
  /** Adds the guild or replaces the one with the same id. */
  upsert(guild: Guild): Promise<Guild>;
  /** Removes the guild and its mappings; false when it was not there. */
  remove(id: string): Promise<boolean>;
}

export interface MappingsRepository {
  list(guildId: string): Mapping[];
  get(id: string): Mapping | undefined;
  /** Adds the mapping or replaces the one with the same id; its guild must exist. */
  upsert(mapping: Mapping): Promise<Mapping>;
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

export interface HistoryRepository {
  /** Records a run; a run with the same id (started, then finished) is replaced. */
  recordSyncRun(run: SyncRun): Promise<void>;
  /** Newest first. */
  syncRuns(options?: { guildId?: string; limit?: number }): SyncRun[];
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  audit(options?: { limit?: number }): AuditEntry[];
}
