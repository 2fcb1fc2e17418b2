// The app's pages, in sidebar order. Routes live in the URL fragment (`#/settings`) so reloads
// and the back button work under both file-like (Electron) and HTTP origins.

export const ROUTES = [
  {
    id: 'guilds',
    title: 'Guilds',
    summary:
      'Choose the Discord servers the bot manages, check its permissions and see role-hierarchy problems with a fix for each.',
  },
  {
    id: 'mappings',
    title: 'Mappings',
    summary:
      'Map GitHub contributions to Discord roles: thresholds per metric and time window, presets, and a preview of who would get which role.',
  },
  {
    id: 'stats',
    title: 'Stats',
    summary:
      'Leaderboards, streaks and trends per contributor and repository, from the crawled daily counts.',
  },
  {
    id: 'members',
    title: 'Members',
    summary:
      'Discord members with their linked GitHub accounts, link status and the roles sync would give them.',
  },
  {
    id: 'sync',
    title: 'Sync',
    summary:
      'Run a crawl and a sync now, see the dry-run plan before applying it, and follow progress and past runs.',
  },
  {
    id: 'store',
    title: 'Data & backups',
    summary: 'The stored files, problems loading them, and their backups.',
  },
  {
    id: 'settings',
    title: 'Settings',
    summary: 'Settings, secrets and configuration export/import of this GitGuild host.',
  },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];
export const DEFAULT_ROUTE: RouteId = 'settings';

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[?&]/)[0];
  return ROUTES.find((route) => route.id === id)?.id ?? DEFAULT_ROUTE;
}
