// The store's public shapes: what the rest of the app may know about persisted state.
// Only src-main/store touches lowdb; everyone else goes through these repositories.
import { z } from 'zod';

export const METRICS = ['prs_opened', 'prs_merged', 'issues', 'commits', 'reviews'] as const;
export type Metric = (typeof METRICS)[number];

/** One day's count for one contributor in one repository. `day` is a UTC calendar day, YYYY-MM-DD. */
export interface DailyCount {
  login: string;
  repo: string; // "owner/name"
  metric: Metric;
  day: string;
  count: number;
}

/** Where the crawl of one repository stopped: events up to `through` (ISO time) are counted. */
export interface RepoCursor {
  through: string;
  pushedAt: string | null;
  updatedAt: string | null;
  etags: Record<string, string>;
}

export interface CrawlSummary {
  org: string;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  missing: { repo: string; reason: string }[];
  requests: number;
}

const ianaTimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as "Europe/Berlin" or "UTC"');

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

/** Non-secret settings. Tokens and client secrets never appear here: they live in the SecretStore. */
export const SettingsSchema = z.strictObject({
  timeZone: ianaTimeZone,
  syncIntervalMinutes: z.number().int().min(5).max(24 * 60),
  githubOrgs: z.array(z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'must be a GitHub org login')),
  githubApiBaseUrl: httpUrl,
  githubWebBaseUrl: httpUrl,
  discordApiBaseUrl: httpUrl,
  discordClientId: z.string().regex(/^\d{0,20}$/, 'must be a Discord snowflake').default(''),
  crawl: z.strictObject({
    includeArchived: z.boolean(),
    includeForks: z.boolean(),
    includeBots: z.boolean(),
    repoInclude: z.array(z.string()),
    repoExclude: z.array(z.string()),
  }),
  startMinimized: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  timeZone: 'UTC',
  syncIntervalMinutes: 60,
  githubOrgs: [],
  githubApiBaseUrl: 'https://api.github.com',
  githubWebBaseUrl: 'https://github.com',
  discordApiBaseUrl: 'https://discord.com/api',
  discordClientId: '',
  crawl: { includeArchived: false, includeForks: false, includeBots: false, repoInclude: [], repoExclude: [] },
  startMinimized: false,
};

/** A partial update; `crawl` may itself be partial. */
export const SettingsPatchSchema = SettingsSchema.omit({ crawl: true })
  .partial()
  .extend({ crawl: SettingsSchema.shape.crawl.partial().optional() })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
