// config v2 → v3: the role engine. Guilds gain the sync settings (org, interval, unlink policy,
// audit channel, safety cap, voice stats) with the defaults a new guild gets. A v2 mapping was
// one threshold rule; it becomes a `metric` condition with an order (its position in the file),
// no tier group and the default grace period, so every v2 rule keeps giving the same roles.
import type { JsonObject, Migration } from '../migration.js';
import { isJsonObject } from '../migration.js';

/** The values a guild gets in v3 when v2 said nothing; kept literal so the step stays pure. */
const V3_GUILD_DEFAULTS = {
  org: null,
  syncIntervalMinutes: 15,
  removeRolesOnUnlink: true,
  auditChannelId: null,
  maxChangesPerRun: 200,
  voiceStats: {
    enabled: false,
    categoryName: '📊 GitHub Stats',
    stats: [
      { key: 'stars', format: '⭐ Stars: {value}' },
      { key: 'forks', format: '🍴 Forks: {value}' },
      { key: 'contributors', format: '👥 Contributors: {value}' },
      { key: 'open_prs', format: '🔀 Open PRs: {value}' },
      { key: 'open_issues', format: '🐛 Open issues: {value}' },
      { key: 'commits', format: '📝 Commits: {value}' },
    ],
    numberStyle: 'full',
  },
};

function migrateGuild(raw: unknown, onlyOrg: string | null): unknown {
  if (!isJsonObject(raw)) return raw; // left for validation to report with its path
  // With exactly one org configured, every guild followed it in v2; say so explicitly now.
  return { ...structuredClone(V3_GUILD_DEFAULTS), org: onlyOrg, ...raw };
}

function migrateMapping(raw: unknown, index: number): unknown {
  if (!isJsonObject(raw)) return raw;
  const { metric, window, threshold, ...rest } = raw;
  return {
    ...rest,
    order: index,
    group: null,
    condition: { kind: 'metric', metric, window, threshold },
    graceDays: null,
  };
}

export const roleEngine: Migration = {
  from: 2,
  name: 'role-engine',
  up(v2: JsonObject) {
    const settings = isJsonObject(v2['settings']) ? v2['settings'] : {};
    const orgs = Array.isArray(settings['githubOrgs']) ? settings['githubOrgs'] : [];
    const onlyOrg = orgs.length === 1 && typeof orgs[0] === 'string' ? orgs[0] : null;
    const guilds = Array.isArray(v2['guilds'])
      ? v2['guilds'].map((g) => migrateGuild(g, onlyOrg))
      : [];
    const mappings = Array.isArray(v2['mappings']) ? v2['mappings'].map(migrateMapping) : [];
    const notes: string[] = [];
    if (mappings.length > 0)
      notes.push(`${mappings.length} role mapping(s) became metric conditions, in file order`);
    return {
      doc: {
        ...v2,
        settings: { schedulerPaused: false, ...settings },
        guilds,
        mappings,
      },
      notes,
    };
  },
};
