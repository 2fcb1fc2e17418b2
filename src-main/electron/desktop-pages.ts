// The renderer pages the desktop shell opens from a notification or the tray. They are the
// renderer's hash routes (src-renderer/app/routes.ts); a unit test checks each one exists there,
// since src-main may not import the renderer.
import { APP_ENTRY_URL } from './security.js';

export const DESKTOP_PAGES = ['guilds', 'sync', 'stats', 'store', 'settings'] as const;
export type DesktopPage = (typeof DESKTOP_PAGES)[number];

export function pageUrl(page: DesktopPage): string {
  return `${APP_ENTRY_URL}#/${page}`;
}
