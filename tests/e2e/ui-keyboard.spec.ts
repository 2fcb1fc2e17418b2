// The UI without a mouse, and its themes: the skip link comes first, navigation moves the focus
// to the new page's heading, the leaderboard sorts and scrolls from the keyboard; the theme
// follows the system until the admin picks one, and the choice survives a reload.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startUiHost, type RunningUiHost } from './ui-host.js';

let dataDir: string;
let host: RunningUiHost | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-keyboard-'));
  host = await startUiHost(dataDir, { contributors: 300 });
});
test.afterEach(async () => {
  const info = test.info();
  if (host && info.status !== info.expectedStatus)
    await info.attach('host log', { body: host.log() });
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

test('skip link, focus on navigation, and the leaderboard from the keyboard', async ({ page }) => {
  await page.goto(host!.adminUrl);
  await expect(page.getByTestId('leaderboard')).toHaveAttribute('data-state', 'ready');

  // Tab 1: the skip link, visible when focused; Enter moves into the page.
  await page.keyboard.press('Tab');
  const skip = page.getByTestId('skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();

  // Sidebar links in order after the skip link; Enter opens the page and focuses its heading.
  await skip.focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('nav-setup')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('nav-guilds')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-guilds').locator('h1')).toBeFocused();
  await page.getByTestId('nav-stats').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-stats').locator('h1')).toBeFocused();

  // Sort by count with Enter on its header button, then scroll the rows with the keyboard.
  await expect(page.getByTestId('leaderboard')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('leaderboard-sort-count').focus();
  await page.keyboard.press('Enter');
  const countHeader = page.locator('th', { has: page.getByTestId('leaderboard-sort-count') });
  await expect(countHeader).toHaveAttribute('aria-sort', 'descending');
  await page.keyboard.press('Space');
  await expect(countHeader).toHaveAttribute('aria-sort', 'ascending');
  const scroller = page.getByTestId('leaderboard-scroll');
  await scroller.focus();
  await page.keyboard.press('PageDown');
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);

  // Every focusable control has an accessible name (axe checks the rest per page).
  const unnamed = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea'))
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const labelled =
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby') ||
          (el as HTMLInputElement).labels?.length ||
          el.textContent?.trim();
        return !labelled;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unnamed).toEqual([]);
});

test('the theme follows the system until chosen, and the choice is kept per browser', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host!.adminUrl);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('theme-system')).toBeChecked();
  await page.getByTestId('theme-dark').check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-current')).toContainText('dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe('rgb(246, 247, 249)');

  // Kept across a reload, whatever the system says now.
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-dark')).toBeChecked();

  // Back to the system: follows it again.
  await page.getByTestId('theme-system').check();
  await expect(html).toHaveAttribute('data-theme', 'light');
});
