// config v1 → v2. Version 1 was the flat shape of the first GitGuild builds, modelled on the old
// bot's .env: one GitHub org, `syncInterval` in seconds, loose role mappings without ids, and a
// `githubToken` in plain text. Version 2 nests settings, supports several orgs, gives mappings ids
// and windows, and never holds secrets, so the token is dropped (the admin re-enters it into the
// keychain) and the note says so.
import type { JsonObject, Migration } from '../migration.js';
import { isJsonObject } from '../migration.js';

const V1_SECRET_KEYS = [
  'githubToken',
  'discordToken',
  'discordBotToken',
  'clientSecret',
  'discordClientSecret',
];
const V1_METRIC_NAMES: Record<string, string> = {
  prs: 'prs_merged',
  pull_requests: 'prs_merged',
  commits: 'commits',
  issues: 'issues',
  reviews: 'reviews',
};

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function migrateMapping(raw: unknown, index: number): unknown {
  if (!isJsonObject(raw)) return raw; // left for validation to report with its path
  const days = raw['days'];
  const metric = str(raw['metric'], '');
  return {
    id: `mapping-${index + 1}`,
    guildId: raw['guildId'],
    roleId: raw['roleId'],
    metric: V1_METRIC_NAMES[metric] ?? metric,
    window: typeof days === 'number' && days > 0 ? { kind: 'rolling', days } : { kind: 'all_time' },
    threshold: raw['minimum'],
    enabled: true,
  };
}

export const settingsObject: Migration = {
  from: 1,
  name: 'settings-object',
  up(v1: JsonObject) {
    const notes: string[] = [];
    const removed = V1_SECRET_KEYS.filter((k) => k in v1);
    if (removed.length > 0) {
      notes.push(
        `removed plain-text secret field(s) ${removed.join(', ')}; enter them again so they go to the keychain`,
      );
    }
    const seconds = typeof v1['syncInterval'] === 'number' ? v1['syncInterval'] : 3600;
    const minutes = Math.min(24 * 60, Math.max(5, Math.round(seconds / 60)));
    const org = v1['githubOrg'];
    const apiUrl = str(v1['githubApiUrl'], 'https://api.github.com');
    const settings = {
      timeZone: str(v1['timezone'], 'UTC'),
      syncIntervalMinutes: minutes,
      githubOrgs: typeof org === 'string' && org !== '' ? [org] : [],
      githubApiBaseUrl: apiUrl,
      githubWebBaseUrl:
        apiUrl === 'https://api.github.com'
          ? 'https://github.com'
          : apiUrl.replace(/\/api\/v3\/?$/, ''),
      discordApiBaseUrl: 'https://discord.com/api',
      discordClientId: str(v1['discordClientId'], ''),
      crawl: {
        includeArchived: bool(v1['includeArchived'], false),
        includeForks: bool(v1['includeForks'], false),
        includeBots: false,
        repoInclude: [],
        repoExclude: [],
      },
      startMinimized: bool(v1['startMinimized'], false),
    };
    const guilds = Array.isArray(v1['guilds'])
      ? v1['guilds'].map((g: unknown) =>
          isJsonObject(g) ? { id: g['id'], name: g['name'], enabled: true } : g,
        )
      : [];
    const mappings = Array.isArray(v1['roleMappings'])
      ? v1['roleMappings'].map(migrateMapping)
      : [];
    return { doc: { schemaVersion: 2, settings, guilds, mappings }, notes };
  },
};
