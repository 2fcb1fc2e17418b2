// A whole admin session in a real browser, watched request by request: the API token travels in
// the Authorization header and nowhere else, so no request line (what proxies and access logs
// keep) and no Referer ever carries it, the event stream included.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Request } from '@playwright/test';
import { startHeadlessHost, type RunningHost } from './headless-host.js';

let dataDir: string;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-urls-'));
});

test.afterEach(async () => {
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

test('no request of a whole UI session carries the API token in its URL', async ({ page }) => {
  host = await startHeadlessHost(dataDir);
  const token = new URL(host.adminUrl).hash.replace('#token=', '');
  expect(token.length).toBeGreaterThan(20);

  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  const firstStream = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/events',
  );

  await page.goto(host.adminUrl);
  await expect(page.getByTestId('status-bot')).toHaveText('Bot not configured');
  const stream = await firstStream;
  expect(stream.status()).toBe(200);
  expect(stream.headers()['content-type']).toContain('text/event-stream');

  // Every page, a settings change, a config export and a reload (which reopens the stream).
  for (const id of ['stats', 'guilds', 'mappings', 'members', 'sync', 'store', 'settings']) {
    await page.getByTestId(`nav-${id}`).click();
    await expect(page.getByTestId(`page-${id}`)).toBeVisible();
  }
  await page.getByTestId('setting-syncIntervalMinutes').fill('45');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('config-export').click();
  await download;
  const reopened = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/events',
  );
  await page.reload();
  expect((await reopened).status()).toBe(200);
  await page.getByTestId('nav-stats').click();
  await page.getByTestId('crawl-now').click();
  await expect(page.getByTestId('crawl-note').or(page.getByRole('alert')).first()).toBeVisible();

  const toHost = requests.filter((r) => new URL(r.url()).origin === host!.origin);
  const paths = new Set(toHost.map((r) => new URL(r.url()).pathname));
  expect(paths).toContain('/api/events');
  expect([...paths].some((p) => p.startsWith('/api/rpc/'))).toBe(true);
  expect(toHost.length).toBeGreaterThan(15);

  const encoded = encodeURIComponent(token);
  for (const request of requests) {
    const url = new URL(request.url());
    // The request line is the path and query; the fragment never leaves the browser.
    const requestLine = `${request.method()} ${url.pathname}${url.search}`;
    expect(requestLine).not.toContain(token);
    expect(requestLine).not.toContain(encoded);
    expect(url.searchParams.has('token')).toBe(false);
    const referer = (await request.allHeaders())['referer'] ?? '';
    expect(referer).not.toContain(token);
  }
  // The stream is authenticated all the same: by the header.
  expect(await stream.request().headerValue('authorization')).toBe(`Bearer ${token}`);
});
