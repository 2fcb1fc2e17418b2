import { describe, expect, it } from 'vitest';
import { DESKTOP_PAGES, pageUrl } from '../../../src-main/electron/desktop-pages.js';
import { isNavigationAllowed } from '../../../src-main/electron/security.js';
import { PAGES, routeFromHash } from '../../../src-renderer/app/routes.js';

describe('the pages the desktop opens', () => {
  it.each(DESKTOP_PAGES)('%s is a renderer route reachable by its URL', (page) => {
    expect(Object.keys(PAGES)).toContain(page);
    const url = pageUrl(page);
    expect(routeFromHash(new URL(url).hash)).toEqual({ page });
    expect(isNavigationAllowed(url)).toBe(true);
  });
});
