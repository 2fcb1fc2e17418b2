// The contribution pipeline as an admin meets it, in a real browser against the simulators:
// no GitHub token yet, so the Stats page says so; set the token in Settings (never shown back);
// crawl with a progress bar; read the leaderboard, marked partial because one repo answers 451;
// export the configuration and see a malformed import refused with the field named.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startPipeline, type RunningPipeline } from './pipeline-host.js';

let dataDir: string;
let pipeline: RunningPipeline | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-pipeline-'));
});

test.afterEach(async () => {
  const info = test.info();
  if (pipeline && info.status !== info.expectedStatus)
    await info.attach('host log', { body: pipeline.log() });
  await pipeline?.stop();
  pipeline = null;
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * Console errors, except Chromium's own line for each refused request: those are listed by
 * path instead, so each spec states exactly which refusals it provoked.
 */
function watchPage(page: Page): { consoleErrors: string[]; refused: string[] } {
  const seen = { consoleErrors: [] as string[], refused: [] as string[] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.text().startsWith('Failed to load resource: the server responded')) return;
    seen.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => seen.consoleErrors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) seen.refused.push(new URL(response.url()).pathname);
  });
  return seen;
}

test('an admin sets the GitHub token, crawls, and reads a leaderboard marked partial', async ({
  page,
}) => {
  test.setTimeout(90_000);
  pipeline = await startPipeline(dataDir);
  const seen = watchPage(page);
  await page.goto(pipeline.adminUrl);

  // Before a token: the page says the org has not been crawled and why it cannot be.
  await page.getByTestId('nav-stats').click();
  await expect(page.getByTestId('stats-empty')).toContainText(
    `${pipeline.org} has not been crawled yet`,
  );
  await expect(page.getByTestId('stats-empty-token')).toContainText('No GitHub token is set');
  await page.getByTestId('crawl-now').click();
  // The host refuses with its own message and hint; the UI shows both.
  const crawlError = page.getByTestId('crawl-error');
  await expect(crawlError).toBeVisible();
  await expect(crawlError).toContainText(/token/i);
  await page.screenshot({ path: test.info().outputPath('stats-no-token.png') });

  // Settings → Secrets: set the token; it is marked present and appears nowhere in the page.
  await page.getByTestId('nav-settings').click();
  const tokenRow = page.getByTestId('secret-github.token');
  await expect(page.getByTestId('secret-github.token-state')).toHaveText('Not set');
  await expect(page.getByTestId('secret-discord.botToken-state')).toHaveText('Set');
  await page.getByTestId('secret-github.token-input').fill(pipeline.githubToken);
  await page.getByTestId('secret-github.token-save').click();
  await expect(page.getByTestId('secret-github.token-state')).toHaveText('Set');
  await expect(tokenRow).toContainText('Saved.');
  await expect(page.getByTestId('secret-github.token-input')).toHaveValue('');
  expect(await page.content()).not.toContain(pipeline.githubToken);
  await page.getByTestId('secrets').screenshot({ path: test.info().outputPath('secrets.png') });

  // Stats → Crawl now: the bar moves (page and status bar), then the tables appear.
  await page.getByTestId('nav-stats').click();
  await page.getByTestId('crawl-now').click();
  await expect(page.getByTestId('crawl-progress')).toBeVisible();
  await expect(page.getByTestId('status-crawl')).toBeVisible();
  await expect(page.getByTestId('crawl-now')).toBeDisabled();
  await expect(page.getByTestId('crawl-progress-label')).toContainText(/of \d+ repositories/);
  await expect(page.getByTestId('crawl-progress-detail')).toContainText('requests');
  await page.screenshot({ path: test.info().outputPath('stats-crawling.png') });
  await expect(page.getByTestId('leaderboard')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('crawl-progress')).toBeHidden();
  await expect(page.getByTestId('status-crawl')).toBeHidden();
  await expect(page.getByTestId('crawl-now')).toBeEnabled();
  await expect(page.getByTestId('stats-last-crawl')).toContainText('Last crawl');

  // Partial: the DMCA-blocked repo is named, with the reason.
  const partial = page.getByTestId('stats-partial');
  await expect(partial).toContainText('Partial data');
  for (const repo of pipeline.blockedRepos) await expect(partial).toContainText(repo);

  // The default window is 30 days, with rows; all time shows the scenario's true top counts.
  await expect(page.getByTestId('stats-window-30d')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('leaderboard-row').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('stats-after-crawl.png'), fullPage: true });
  await page.getByTestId('stats-window-all').click();
  await expect(page.getByTestId('stats-window-all')).toHaveAttribute('aria-pressed', 'true');
  for (const [metric, top] of Object.entries(pipeline.topAllTime)) {
    await page.getByTestId('stats-metric').selectOption(metric);
    await expect(page.getByTestId('leaderboard')).toHaveAttribute('data-shows', `${metric}/all`);
    await expect(page.getByTestId('leaderboard')).toHaveAttribute('data-state', 'ready');
    const first = page.getByTestId('leaderboard-row').first();
    await expect(first.locator('.rank')).toHaveText(/^=?1$/);
    await expect(first.locator('.count')).toHaveText(top.toLocaleString('en-US'));
  }
  await page.screenshot({ path: test.info().outputPath('stats-all-time.png'), fullPage: true });

  expect(pipeline.log()).not.toContain(pipeline.githubToken);
  expect(seen.refused).toEqual(['/api/rpc/crawl.run']);
  expect(seen.consoleErrors).toEqual([]);
});

test('configuration exports as a JSON download and a malformed import names the bad field', async ({
  page,
}) => {
  pipeline = await startPipeline(dataDir);
  const seen = watchPage(page);
  await page.goto(pipeline.adminUrl);
  await page.getByTestId('nav-settings').click();

  const downloading = page.waitForEvent('download');
  await page.getByTestId('config-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^gitguild-config-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    format: string;
    settings: { githubOrgs: string[]; syncIntervalMinutes: number };
  };
  expect(exported.format).toBe('gitguild-config');
  expect(exported.settings.githubOrgs).toEqual([pipeline.org]);
  await expect(page.getByTestId('config-exported')).toContainText(download.suggestedFilename());

  // One bad field: refused, named, and nothing changes.
  const broken = { ...exported, settings: { ...exported.settings, syncIntervalMinutes: 1 } };
  await page.getByTestId('config-import-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const error = page.getByTestId('config-error');
  await expect(error).toContainText('broken.json was not imported');
  await expect(error).toContainText('settings.syncIntervalMinutes');

  // Not JSON at all: said plainly, without asking the host.
  await page.getByTestId('config-import-file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ "format": '),
  });
  await expect(error).toContainText('notes.json is not valid JSON');

  // The unchanged export imports cleanly and the form shows its values.
  await page.getByTestId('config-import-file').setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await expect(page.getByTestId('config-imported')).toContainText('Imported good.json');
  await expect(page.getByTestId('setting-githubOrgs')).toHaveValue(pipeline.org);
  // The broken document reached the host and was refused there; the non-JSON file never left.
  expect(seen.refused).toEqual(['/api/rpc/config.import']);
  expect(seen.consoleErrors).toEqual([]);
});
