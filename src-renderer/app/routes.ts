// The app's pages and their addresses. Routes live in the URL fragment (`#/guilds/123`) so
// reloads and the back button work under both file-like (Electron) and HTTP origins.

export type Route =
  | { page: 'setup' }
  | { page: 'guilds' }
  | { page: 'guild'; guildId: string }
  /** `mappingId` is "new" for a mapping not saved yet. */
  | { page: 'mapping'; guildId: string; mappingId: string }
  | { page: 'stats' }
  | { page: 'members' }
  | { page: 'sync' }
  | { page: 'store' }
  | { page: 'settings' };
export type PageId = Route['page'];

export interface PageInfo {
  title: string;
  summary: string;
}

export const PAGES: Record<PageId, PageInfo> = {
  setup: {
    title: 'Setup',
    summary: 'Connect the bot and GitHub, choose the organisation and run the first crawl.',
  },
  guilds: {
    title: 'Guilds',
    summary:
      "See the Discord servers the bot is in with your badge (Owner, Administrator, Manage Server), invite it where it is missing, and check each server's permissions and role-hierarchy problems with the fix for each.",
  },
  guild: {
    title: 'Guild',
    summary:
      "Edit one server's settings (organisation, sync interval, removing roles on unlink, audit channel, safety cap, voice stats) and list its role mappings.",
  },
  mapping: {
    title: 'Mapping editor',
    summary:
      'Pick a role, build its condition (metric, window, threshold, tier groups, grace period) or start from a preset, and preview before saving how many members would gain and lose it, and who.',
  },
  stats: {
    title: 'Stats',
    summary: 'Org totals, charts and a leaderboard per metric and window.',
  },
  members: {
    title: 'Members',
    summary:
      'Linked members (Discord and GitHub, when they linked, their managed roles and stats at a glance), unlinking, admin links, search, and the top contributors who have not linked yet.',
  },
  sync: {
    title: 'Sync',
    summary:
      'The current run with progress and ETA, the next scheduled runs, pause and resume, Sync now, a dry run with its full plan, past runs, and the audit log with filters and CSV export.',
  },
  store: {
    title: 'Data & backups',
    summary: 'The stored files, problems loading them, and their backups.',
  },
  settings: {
    title: 'Settings',
    summary: 'Settings, secrets, appearance and configuration export/import of this host.',
  },
};

/** Sidebar entries, in order. Guild and Mapping editor are reached from Guilds. */
export const NAV: readonly PageId[] = [
  'setup',
  'guilds',
  'stats',
  'members',
  'sync',
  'store',
  'settings',
];

export const DEFAULT_ROUTE: Route = { page: 'stats' };

const SNOWFLAKE = /^\d{1,20}$/;
const MAPPING_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split(/[?&]/)[0] ?? '';
  const parts = path.split('/').map((p) => decodeURIComponent(p));
  const [first, second, third, fourth] = parts;
  if (first === 'guilds' && second !== undefined && SNOWFLAKE.test(second)) {
    if (third === 'mappings' && fourth !== undefined && MAPPING_ID.test(fourth)) {
      return { page: 'mapping', guildId: second, mappingId: fourth };
    }
    if (third === undefined) return { page: 'guild', guildId: second };
  }
  if (parts.length === 1 && first !== undefined && first in PAGES) {
    const page = first as PageId;
    if (page !== 'guild' && page !== 'mapping') return { page };
  }
  return DEFAULT_ROUTE;
}

export function hashOf(route: Route): string {
  switch (route.page) {
    case 'guild':
      return `#/guilds/${route.guildId}`;
    case 'mapping':
      return `#/guilds/${route.guildId}/mappings/${route.mappingId}`;
    default:
      return `#/${route.page}`;
  }
}

/** True when the fragment names no page (first load, or only the access token was there). */
export function isBareHash(hash: string): boolean {
  return hash.replace(/^#\/?/, '') === '' || hash.startsWith('#token=');
}
