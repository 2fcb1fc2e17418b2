// The Stats dashboard with 10,000 contributors, against a real headless host whose store holds
// them: org totals, the partial-data warning, and a leaderboard that sorts, searches and scrolls
// to its last row while only a screenful of rows is ever in the page.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startUiHost, type RunningUiHost } from './ui-host.js';

const CONTRIBUTORS = 10_000;
let dataDir: string;
let host: RunningUiHost | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-stats-'));
});
test.afterEach(async () => {
  const info = test.info();
  if (host && info.status !== info.expectedStatus)
    await info.attach('host log', { body: host.log() });
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

async function openStats(page: Page, h: RunningUiHost): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(h.adminUrl);
  await expect(page.getByTestId('page-stats')).toBeVisible();
  // The first answer computes the host's stats snapshot for 10k contributors; on this shared
  // 2-core machine that has taken up to 20 s.
  await expect(page.getByTestId('leaderboard')).toHaveAttribute('data-state', 'ready', {
    timeout: 90_000,
  });
}

const rows = (page: Page) => page.getByTestId('leaderboard-row');

test('10k contributors: totals, partial warning, and a leaderboard that sorts, searches and scrolls', async ({
  page,
}) => {
  test.setTimeout(240_000);
  host = await startUiHost(dataDir, { contributors: CONTRIBUTORS, partial: true });
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await openStats(page, host);

  await expect(page.getByTestId('stats-partial')).toContainText('Partial data');
  await expect(page.getByTestId('stats-missing-repo')).toContainText(`${host.org}/repo-dmca`);
  await expect(page.getByTestId('total-contributors')).toContainText('10,000 all time');

  // All time: everyone is ranked for some metric; merged PRs cover most of them.
  await page.getByTestId('stats-window-all').click();
  await page.getByTestId('stats-metric').selectOption('commits');
  const board = page.getByTestId('leaderboard');
  await expect(board).toHaveAttribute('data-shows', 'commits/all', { timeout: 30_000 });
  await expect(board).toHaveAttribute('data-state', 'ready');
  const total = Number(await board.getAttribute('data-rows'));
  expect(total).toBeGreaterThan(5_000);
  await expect(page.getByTestId('leaderboard-count')).toHaveText(
    `${total.toLocaleString('en-US')} contributors`,
  );
  // Virtualised: a screenful of rows, not thousands.
  expect(await rows(page).count()).toBeLessThan(60);
  await expect(rows(page).first()).toContainText('1');

  // Sort by login, then flip it.
  await page.getByTestId('leaderboard-sort-login').click();
  const header = page.locator('th', { has: page.getByTestId('leaderboard-sort-login') });
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const firstAsc = await rows(page).first().getAttribute('data-login');
  await page.getByTestId('leaderboard-sort-login').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const firstDesc = await rows(page).first().getAttribute('data-login');
  expect(firstAsc! < firstDesc!).toBe(true);

  // Scroll to the very end with the keyboard: the last row of the sorted list is there.
  await page.getByTestId('leaderboard-sort-login').click(); // ascending again
  await page.getByTestId('leaderboard-scroll').focus();
  await page.keyboard.press('End');
  const scroller = page.getByTestId('leaderboard-scroll');
  await expect
    .poll(() => scroller.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop))
    .toBeLessThan(2);
  // The ascending list ends with the login the descending order showed first.
  await expect(rows(page).last()).toHaveAttribute('data-login', firstDesc!);
  expect(await rows(page).count()).toBeLessThan(60);

  // Search: a login substring narrows the list; nonsense says so.
  await page.getByTestId('leaderboard-search').fill('dev-0999');
  await expect(page.getByTestId('leaderboard-count')).toHaveText(
    new RegExp(`^\\d+ of ${total.toLocaleString('en-US')} contributors$`),
  );
  for (const login of await rows(page).evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-login')),
  )) {
    expect(login).toContain('dev-0999');
  }
  await page.getByTestId('leaderboard-search').fill('nobody-like-this');
  await expect(page.getByTestId('leaderboard-none')).toContainText('No contributor matches');

  // Charts come from ChartFromSpec.
  await expect(page.getByTestId('chart-top')).toBeVisible();
  await expect(page.getByTestId('chart-trend')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
