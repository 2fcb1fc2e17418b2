// The admin's side of "a configuration file cannot redirect tokens", in a real browser: an import
// that changes server addresses stops at a confirm step showing old and new addresses, and the
// admin imports without them, cancels, or applies them knowingly. Plain http beyond loopback is
// refused in the settings form, at its field.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type RunningHost } from './headless-host.js';

let dataDir: string;
let host: RunningHost | null = null;
let other: Server | null = null;
let otherRequests = 0;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-peers-'));
  otherRequests = 0;
  other = createServer((request, response) => {
    otherRequests += 1;
    response.writeHead(503).end();
  });
  await new Promise<void>((resolve) => other!.listen(0, '127.0.0.1', resolve));
});

test.afterEach(async () => {
  await host?.stop();
  host = null;
  other?.closeAllConnections();
  await new Promise<void>((resolve) => other?.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

test('an import that changes server addresses asks first and shows them', async ({ page }) => {
  host = await startHeadlessHost(dataDir);
  const otherUrl = `http://127.0.0.1:${(other!.address() as AddressInfo).port}`;
  await page.goto(host.adminUrl);
  await page.getByTestId('nav-settings').click();
  const githubApi = page.getByTestId('setting-githubApiBaseUrl');
  await expect(githubApi).toHaveValue('https://api.github.com');

  // Plain http to another machine is refused where it is typed.
  await githubApi.fill('http://192.0.2.10:8080');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('field-error-githubApiBaseUrl')).toContainText('https');
  await page.getByTestId('settings-revert').click();

  const downloading = page.waitForEvent('download');
  await page.getByTestId('config-export').click();
  const exported = JSON.parse(await readFile(await (await downloading).path(), 'utf8')) as {
    settings: Record<string, unknown>;
  };
  const shared = {
    ...exported,
    settings: {
      ...exported.settings,
      timeZone: 'Asia/Tokyo',
      githubApiBaseUrl: otherUrl,
      discordApiBaseUrl: `${otherUrl}/api`,
    },
  };
  const importShared = () =>
    page.getByTestId('config-import-file').setInputFiles({
      name: 'shared.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(shared)),
    });

  await importShared();
  const confirm = page.getByTestId('config-peers-confirm');
  await expect(confirm).toContainText('shared.json changes where GitGuild sends its tokens');
  await expect(confirm).toContainText('Nothing is imported yet');
  await expect(page.getByTestId('config-peer-change')).toHaveText([
    `githubApiBaseUrl: https://api.github.com → ${otherUrl}`,
    `discordApiBaseUrl: https://discord.com/api → ${otherUrl}/api`,
  ]);
  await confirm.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('config-peers-confirm.png') });
  await expect(page.getByTestId('config-imported')).toBeHidden();
  await expect(page.getByTestId('setting-timeZone')).toHaveValue('UTC');

  await page.getByTestId('config-peers-cancel').click();
  await expect(page.getByTestId('config-import-cancelled')).toContainText('Nothing changed');
  await expect(page.getByTestId('setting-timeZone')).toHaveValue('UTC');

  await importShared();
  await page.getByTestId('config-peers-keep').click();
  await expect(page.getByTestId('config-imported')).toContainText('server addresses were left out');
  await expect(page.getByTestId('setting-timeZone')).toHaveValue('Asia/Tokyo');
  await expect(githubApi).toHaveValue('https://api.github.com');

  await importShared();
  await page.getByTestId('config-peers-apply').click();
  await expect(page.getByTestId('config-imported')).toContainText('applied as you confirmed');
  await expect(page.getByTestId('setting-githubApiBaseUrl')).toHaveValue(otherUrl);
  expect(otherRequests).toBe(0); // no tokens are configured on this host, so none could go out
});
