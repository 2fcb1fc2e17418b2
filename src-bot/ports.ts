// What the bot needs from its host, declared here so the bot never imports src-main (lint rule).
// The host passes implementations in; tests pass small real ones built on the real host parts.
//
// The shapes below are the agreement between the bot (commands, applier, voice stats) and the
// host services that answer them (stats, charts, links/OAuth, roles/sync). Extend them
// additively; the host adapts its domain types to these plain ones.

export interface BotLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Registers a secret so the logger redacts it everywhere; the bot calls it with its token. */
  addSecret(value: string): void;
}

/**
 * Same values as the AdminApi's BotState; kept as a plain union so the bot stays host-free.
 * `resuming`: the gateway dropped and discord.js is resuming the session; `disconnected`: the
 * gateway closed and discord.js reconnects on its own; `stopped`: stopped on purpose.
 */
export type BotState =
  'not_configured' | 'connecting' | 'ready' | 'resuming' | 'disconnected' | 'stopped' | 'error';

/** Why the bot is in `error`, as a code the UI and tray can switch on (the detail says the fix). */
export type BotErrorReason =
  | 'bad_token'
  | 'disallowed_intents'
  | 'invalid_intents'
  | 'session_invalidated'
  | 'unreachable'
  | 'unknown';

export interface BotStatus {
  state: BotState;
  guilds: number;
  /** Why the bot is not ready and what to do about it; never contains the token. */
  detail?: string;
  /** Set with `state: 'error'`. */
  reason?: BotErrorReason;
}

export type BotStatusListener = (status: BotStatus) => void;

// ---- Shared vocabulary (same values as src-main/store and src-main/stats) ----

export type StatsMetric = 'prs_opened' | 'prs_merged' | 'issues' | 'commits' | 'reviews';
export type StatsWindow = '24h' | '7d' | '30d' | '90d' | 'month' | 'all';

/** Who asked: enough for audit entries and for per-member answers. */
export interface MemberRef {
  guildId: string;
  userId: string;
}

/** Answers that depend on data which may not exist yet carry the reason instead of numbers. */
export type DataNotReady =
  | { ready: false; reason: 'no_org'; message: string }
  | { ready: false; reason: 'no_crawl'; message: string };

// ---- Guild settings ----

export interface GuildBotSettings {
  guildId: string;
  /** The GitHub org whose contributions this guild follows; null until the admin picks one. */
  org: string | null;
  /** Where applied role changes are posted, if anywhere. */
  auditChannelId: string | null;
  /** Roles the guild's mappings give and take (for /check_permissions' hierarchy check). */
  managedRoleIds?: string[];
}

export interface GuildSettingsPort {
  /** Guilds GitGuild manages: commands are registered and roles synced only there. */
  managedGuildIds(): string[];
  forGuild(guildId: string): GuildBotSettings | null;
}

// ---- Stats (src-main/stats through the host) ----

export interface WindowStatsView {
  count: number;
  /** Competition rank among contributors with a non-zero count; null when the count is zero. */
  rank: number | null;
  dailyAverage: number;
}

export interface MemberStatsView {
  ready: true;
  org: string;
  login: string;
  /** True when the last crawl was incomplete: numbers may be low. */
  partial: boolean;
  missingRepos: string[];
  lastCrawlAt: string | null;
  metrics: Record<
    StatsMetric,
    { windows: Record<StatsWindow, WindowStatsView>; streak: { current: number; longest: number } }
  >;
  activityStreak: { current: number; longest: number };
}

export interface HallOfFameView {
  ready: true;
  org: string;
  metric: StatsMetric;
  window: StatsWindow;
  partial: boolean;
  missingRepos: string[];
  /** Top ten with competition ranks (ties share a rank). */
  top: { login: string; count: number; rank: number }[];
  /** The caller's own row when they are linked and outside the top ten. */
  caller: { login: string; count: number; rank: number | null } | null;
}

/** The member's standing in a tier group (role mappings): current tier and the next one. */
export interface TierProgressView {
  group: string;
  metric: StatsMetric;
  current: { roleId: string; name: string; threshold: number } | null;
  next: { roleId: string; name: string; threshold: number; remaining: number } | null;
  /** The member's count in the group's metric and window. */
  value?: number;
}

/** Whether a guild's stats can be answered at all, and whether they are partial. */
export type StatsReadiness =
  { ready: true; org: string; partial: boolean; lastCrawlAt: string | null } | DataNotReady;

export interface StatsPort {
  /** Cheap check behind the dispatcher's data-ready precondition. */
  readiness(guildId: string): Promise<StatsReadiness>;
  memberStats(guildId: string, githubLogin: string): Promise<MemberStatsView | DataNotReady>;
  hallOfFame(
    guildId: string,
    metric: StatsMetric,
    window: StatsWindow,
    callerLogin: string | null,
  ): Promise<HallOfFameView | DataNotReady>;
  /** Tier standing per tier group for a linked member; empty when the guild has no tier groups. */
  tierProgress(guildId: string, githubLogin: string): Promise<TierProgressView[]>;
}

// ---- Charts and cards (src-main/charts renders the same specs the admin UI draws) ----

export type ChartRequest =
  | { kind: 'top-contributors'; metric: StatsMetric; window: StatsWindow }
  | { kind: 'activity-comparison'; window: StatsWindow }
  | { kind: 'activity-trends'; granularity: 'daily' | 'weekly' | 'monthly' }
  | { kind: 'time-series'; metrics: StatsMetric[]; days: number }
  | {
      kind: 'rank-card';
      githubLogin: string;
      displayName: string;
      avatarPng: Buffer | null;
      /** The card's headline rank; defaults to PRs merged. */
      metric?: StatsMetric;
      /** Discord role names by id, for the tier progress bar (the host knows only role ids). */
      roleNames?: Record<string, string>;
    };

export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
  /** Alt text / embed description: what the chart shows, for screen readers and empty states. */
  description: string;
  partial: boolean;
}

export interface ChartsPort {
  render(guildId: string, request: ChartRequest): Promise<RenderedChart | DataNotReady>;
}

// ---- Links (src-main/oauth: GitHub device flow or web mode) ----

export interface LinkView {
  githubLogin: string;
  linkedAt: string;
  method: 'device_flow' | 'web_oauth' | 'admin';
}

export type LinkStart =
  | { kind: 'already_linked'; link: LinkView }
  /** GitHub's device flow: the member enters `userCode` at `verificationUri`. */
  | {
      kind: 'device';
      userCode: string;
      verificationUri: string;
      expiresAt: string;
      /** True when this is the member's pending flow from an earlier /link, not a new one. */
      reused: boolean;
    }
  /** Web mode: a one-time, signed, expiring URL on the admin's public base URL. */
  | { kind: 'web'; url: string; expiresAt: string; reused: boolean }
  | { kind: 'unavailable'; message: string };

/** How a started link ended, delivered once to the listener passed to `start`. */
export type LinkOutcome =
  | { kind: 'linked'; link: LinkView }
  | { kind: 'expired' }
  | { kind: 'denied' }
  | { kind: 'conflict'; message: string }
  | { kind: 'failed'; message: string };

export interface LinkPort {
  linkOf(userId: string): Promise<LinkView | null>;
  /**
   * Starts (or returns the pending) link for a member. `onOutcome` is called once when the flow
   * ends; the host links, syncs the member's roles, and then calls it.
   */
  start(
    member: MemberRef & { username: string },
    onOutcome: (outcome: LinkOutcome) => void,
  ): Promise<LinkStart>;
  /** Removes the link and (through sync) the member's managed roles; null when not linked. */
  unlink(member: MemberRef): Promise<LinkView | null>;
}

// ---- Sync (src-main/roles plans, the bot applies) ----

export type SyncTrigger = 'schedule' | 'manual' | 'command' | 'link' | 'unlink' | 'member_join';

export interface SyncRunSummary {
  runId: string;
  guildId: string;
  dryRun: boolean;
  /** Stopped by the safety cap: nothing was written and the admin must confirm. */
  needsConfirmation: boolean;
  membersChecked: number;
  membersChanged: number;
  membersFailed: number;
  /** Per role: how many members gain and lose it. */
  roles: { roleId: string; name: string; added: number; removed: number }[];
  /** Hierarchy and permission problems, each with its fix. */
  problems: { message: string; fix: string }[];
  /** How the run ended (sync branch, additive): ok, partial (some members failed), failed... */
  outcome?: 'ok' | 'partial' | 'failed' | 'needs_confirmation' | 'interrupted';
  /** Role changes the plan holds (adds + removes) and the guild's safety cap. */
  totalChanges?: number;
  cap?: number;
  durationMs?: number;
  /** Why the run failed or stopped early; absent when it went through. */
  error?: string;
}

export interface SyncPort {
  run(
    guildId: string,
    options: {
      dryRun: boolean;
      trigger: SyncTrigger;
      actor: string;
      /** Re-read members from Discord first (recovery after manual edits). Additive. */
      full?: boolean;
      /** Apply even beyond the guild's safety cap (the admin confirmed). Additive. */
      confirm?: boolean;
    },
  ): Promise<SyncRunSummary>;
  /** A member joined or was linked/unlinked: sync only that member (fire and forget). */
  syncMember(ref: MemberRef, trigger: SyncTrigger): void;
  /** A member left the guild: the plan forgets them. */
  memberLeft(ref: MemberRef): void;
}

// ---- Voice stats (the engine in src-bot/voice-stats, run by the host with the bot's client) ----

export interface VoiceStatsSetup {
  categoryId: string;
  /** Every stats channel after setup; `created` is false for channels that already existed. */
  channels: { id: string; name: string; created: boolean }[];
}

export interface VoiceStatsPort {
  /** Creates (or repairs) the stats category and its voice channels in a guild. */
  setup(guildId: string, actor: string): Promise<VoiceStatsSetup>;
}

// ---- Errors a port may throw for the member to read ----

/**
 * A port failure whose message is written for the member (for example "Sync is paused while a crawl
 * runs"). The dispatcher shows `message` as is; any other error becomes a generic
 * apology with a log reference.
 */
export class PortError extends Error {
  constructor(
    readonly identifier: 'unavailable' | 'not_found' | 'conflict' | 'rate_limited' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'PortError';
  }
}

// ---- Audit ----

export interface AuditPort {
  record(entry: {
    actor: string;
    action: string;
    target?: string;
    detail?: Record<string, string | number | boolean | null>;
  }): Promise<void>;
}

/** Everything the host hands the bot. */
export interface BotPorts {
  logger: BotLogger;
  guilds: GuildSettingsPort;
  stats: StatsPort;
  charts: ChartsPort;
  links: LinkPort;
  sync: SyncPort;
  audit: AuditPort;
  voiceStats: VoiceStatsPort;
}
