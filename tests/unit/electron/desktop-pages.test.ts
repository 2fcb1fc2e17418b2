import { describe, expect, it } from 'vitest';
import { DESKTOP_PAGES, pageUrl } from '../../../src-main/electron/desktop-pages.js';
import { isNavigationAllowed } from '../../../src-main/electron/security.js';
import { ROUTES, routeFromHash } from '../../../src-renderer/app/routes.js';

describe('the pages the desktop opens', () => {
  it.each(DESKTOP_PAGES)('%s is a renderer route reachable by its URL', (page) => {
    expect(ROUTES.map((r) => r.id)).toContain(page);
    const url = pageUrl(page);
    expect(routeFromHash(new URL(url).hash)).toBe(page);
    expect(isNavigationAllowed(url)).toBe(true);
  });
});
