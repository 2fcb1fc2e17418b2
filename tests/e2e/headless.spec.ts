// The headless host end to end, in a real browser: open the printed URL, see the health answer in
// the status bar, change settings (and see a bad one refused), restart, see them kept.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type RunningHost } from './headless-host.js';

const packageVersion = async (): Promise<string> =>
  (
    JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

let dataDir: string;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-'));
});

test.afterEach(async () => {
  const testInfo = test.info();
  if (host && testInfo.status !== testInfo.expectedStatus)
    await testInfo.attach('host log', { body: host.log() });
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

test('the status bar shows the host health and the token leaves the address bar', async ({
  page,
}) => {
  host = await startHeadlessHost(dataDir);
  // Any CSP violation or failed request shows up as a console error.
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const eventStream = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/events',
  );
  await page.goto(host.adminUrl);

  expect((await eventStream).status()).toBe(200);
  await expect(page.getByTestId('status-version')).toHaveText(
    `GitGuild ${await packageVersion()} · headless`,
  );
  await expect(page.getByTestId('status-bot')).toHaveText('Bot not configured');
  await expect(page.getByTestId('status-scheduler')).toContainText('Scheduler');
  await expect(page.getByTestId('status-keychain')).toBeVisible();
  expect(page.url()).not.toContain('token=');

  // A reload keeps working: the token was kept for this tab, not lost with the fragment.
  await page.reload();
  await expect(page.getByTestId('status-bot')).toHaveText('Bot not configured');
  expect(consoleErrors).toEqual([]);
});

test('every section has a page; with no bot and no server they say what to do', async ({
  page,
}) => {
  host = await startHeadlessHost(dataDir);
  await page.goto(host.adminUrl);
  // No bot token, so no server: each page's empty state names the next step.
  const empty = { guilds: 'guilds-empty', members: 'members-no-guild', sync: 'sync-empty' };
  for (const [id, state] of Object.entries(empty)) {
    await page.getByTestId(`nav-${id}`).click();
    await expect(page.getByTestId(`page-${id}`)).toBeVisible();
    await expect(page.getByTestId(state)).toBeVisible();
  }
  await expect(page.getByTestId('scheduler')).toBeVisible();
  for (const id of ['stats', 'store']) {
    await page.getByTestId(`nav-${id}`).click();
    await expect(page.getByTestId(`page-${id}`)).toBeVisible();
  }
  await expect(page.getByTestId('store-ok')).toBeVisible();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-form')).toBeVisible();
});

test('settings are validated by the host and persist across a host restart', async ({ page }) => {
  host = await startHeadlessHost(dataDir);
  await page.goto(host.adminUrl);
  await page.getByTestId('nav-settings').click();

  const timeZone = page.getByTestId('setting-timeZone');
  await expect(timeZone).toHaveValue('UTC');
  await timeZone.fill('Europe/Berlin');
  await page.getByTestId('setting-syncIntervalMinutes').fill('30');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();

  // A value outside the schema is refused by the host, shown at its field, and not saved.
  await page.getByTestId('setting-syncIntervalMinutes').fill('1');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-error')).toContainText('Sync every (minutes)');
  await expect(page.getByTestId('field-error-syncIntervalMinutes')).toContainText('5');
  await expect(page.getByTestId('setting-syncIntervalMinutes')).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('settings-rejected.png') });

  await host.stop();
  host = await startHeadlessHost(dataDir);
  await page.goto(host.adminUrl);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('setting-timeZone')).toHaveValue('Europe/Berlin');
  await expect(page.getByTestId('setting-syncIntervalMinutes')).toHaveValue('30');
});
