// Without a keychain the admin is told so plainly, with the fix, and nothing is saved elsewhere:
// a host started with the keytar backend and a D-Bus address that has no Secret Service behind it.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type RunningHost } from './headless-host.js';

let dataDir: string;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-keychain-'));
});

test.afterEach(async () => {
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test('an unavailable keychain is shown with its fix, and a token typed in is refused, not stored elsewhere', async ({
  page,
}) => {
  host = await startHeadlessHost(dataDir, {
    args: ['--secrets', 'keytar'],
    env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/gitguild-no-bus' },
  });
  await page.goto(host.adminUrl);

  const banner = page.getByTestId('banner-keychain');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('keychain');
  await expect(banner).toContainText('--secrets env');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('secrets-read-only')).toContainText('--secrets env');

  // health says the same thing to scripts and monitoring.
  const health = (await (await page.request.get(`${host.origin}/api/health`)).json()) as {
    keychain: { available: boolean; problem?: string };
  };
  expect(health.keychain.available).toBe(false);
  expect(health.keychain.problem).toMatch(/Secret Service|keytar/);

  // A token sent anyway is refused with keychain_unavailable and lands in no file.
  const token = 'ghp_e2eKeychainCanary0123456789abcdef';
  const apiToken = new URL(host.adminUrl).hash.replace('#token=', '');
  const response = await page.request.post(`${host.origin}/api/rpc/secrets.set`, {
    headers: { Authorization: `Bearer ${apiToken}` },
    data: { account: 'github.token', value: token },
  });
  expect(response.status()).toBeGreaterThanOrEqual(400);
  const body = (await response.json()) as { error: { identifier: string; message: string } };
  expect(body.error.identifier).toBe('keychain_unavailable');
  expect(JSON.stringify(body)).not.toContain(token);
  for (const file of await filesUnder(dataDir)) {
    expect(await readFile(file, 'utf8'), file).not.toContain(token);
  }
  expect(host.log()).not.toContain(token);
});
