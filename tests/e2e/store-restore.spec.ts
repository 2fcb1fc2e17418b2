// A damaged configuration file, as an admin meets it: the banner on every page, the Data & backups
// page naming the file and the newest good backup, Restore, and the banner gone.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type RunningHost } from './headless-host.js';

let dataDir: string;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-store-'));
});

test.afterEach(async () => {
  const info = test.info();
  if (host && info.status !== info.expectedStatus)
    await info.attach('host log', { body: host.log() });
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

test('a truncated config file is reported on every page and restored from its backup', async ({
  page,
}) => {
  // A first run saves settings twice: the first write creates the file, the second backs it up.
  host = await startHeadlessHost(dataDir);
  await page.goto(host.adminUrl);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('setting-timeZone').fill('Europe/Berlin');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.getByTestId('setting-syncIntervalMinutes').fill('45');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await host.stop();
  const [backup] = await readdir(join(dataDir, 'backups'));
  expect(backup).toMatch(/^config-\d{4}-\d{2}-\d{2}\.json$/);
  await writeFile(join(dataDir, 'config.json'), '{"schemaVersion": 1, "settings": {"time');

  host = await startHeadlessHost(dataDir);
  await page.goto(host.adminUrl);
  const banner = page.getByTestId('banner-store');
  await expect(banner).toContainText('Some data could not be loaded');
  await page.getByTestId('nav-stats').click();
  await expect(banner).toBeVisible();

  await page.getByTestId('banner-store-link').click();
  const problem = page.getByTestId('store-problem-config');
  await expect(problem).toContainText('config.json');
  await expect(problem).toContainText(`Newest good backup: ${backup}`);
  await page.screenshot({ path: test.info().outputPath('store-problem.png') });
  await page.getByTestId('store-restore-config').click();

  await expect(page.getByTestId('store-restored')).toContainText(`Restored ${backup}`);
  await expect(page.getByTestId('store-ok')).toBeVisible();
  await expect(page.getByTestId('status-store')).toBeHidden();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('page-settings')).toBeVisible();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('setting-timeZone')).toHaveValue('Europe/Berlin');
});

test('a damaged history file, which has no backups, is set aside from the Data page', async ({
  page,
}) => {
  await writeFile(join(dataDir, 'history.json'), '{"schemaVersion": 1, "runs": [');
  host = await startHeadlessHost(dataDir);
  await page.goto(host.adminUrl);
  await page.getByTestId('banner-store-link').click();
  await expect(page.getByTestId('store-problem-history')).toContainText('history.json');
  await page.getByTestId('store-discard-history').click();

  await expect(page.getByTestId('store-discarded')).toContainText('set aside');
  await expect(page.getByTestId('store-ok')).toBeVisible();
  // The damaged bytes are kept for inspection, never silently overwritten.
  expect((await readdir(dataDir)).some((name) => /^history\.json\.corrupt-/.test(name))).toBe(true);
});
