// OAuth in a real browser (Debian's Chromium): a member opens their web-mode /link URL and goes
// through GitHub (the simulator consents at once) back to the host's page; an admin signs in to
// the headless dashboard with Discord and Chromium keeps the session in an HttpOnly, SameSite
// cookie that the page's own requests carry, within the guilds the admin manages.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startOAuthHost, type RunningOAuthHost } from './oauth-host.js';

let host: RunningOAuthHost;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-oauth-'));
  host = await startOAuthHost(dataDir);
});
test.afterAll(async () => {
  await host?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('a member links through the web-mode URL once; the URL then says it is no longer valid', async ({
  page,
}) => {
  expect(host.linkUrl).not.toContain(host.memberId);
  await page.goto(host.linkUrl);
  await expect(page.getByRole('heading', { name: 'Link your GitHub account' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue to GitHub' }).click();
  await expect(page.getByRole('heading', { name: 'Your accounts are linked' })).toBeVisible();
  await expect(page.getByText('octo-in-chromium')).toBeVisible();
  await expect(page.getByText('You can close this tab')).toBeVisible();
  await expect.poll(() => host.stdout()).toContain('"kind":"linked"');

  const again = await page.goto(host.linkUrl);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole('heading', { name: 'This link is no longer valid' })).toBeVisible();
});

test('an admin signs in with Discord; the session cookie is HttpOnly and works for their guild only', async ({
  page,
  context,
}) => {
  await page.goto(`${host.origin}/auth/discord/login`);
  await expect(page).toHaveURL(`${host.origin}/`);
  const cookies = await context.cookies(host.origin);
  const session = cookies.find((c) => c.name === 'gitguild_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(await page.evaluate(() => document.cookie)).not.toContain('gitguild_session');

  const call = (method: string, input: unknown) =>
    page.evaluate(
      async ([m, body]) => {
        const response = await fetch(`/api/rpc/${m}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as unknown };
      },
      [method, input] as const,
    );
  expect(await call('auth.session.status', {})).toEqual({
    status: 200,
    body: {
      via: 'session',
      user: { id: host.ownerId, username: expect.any(String) },
      guildIds: [host.guildId],
    },
  });
  expect((await call('auth.discord.invite', { guildId: host.guildId })).status).toBe(200);
  expect((await call('auth.discord.invite', { guildId: '111111111111111111' })).status).toBe(403);
  expect((await call('settings.update', { timeZone: 'UTC' })).status).toBe(403);

  expect((await call('auth.session.signOut', {})).body).toEqual({ ended: 1 });
  expect((await call('auth.session.status', {})).status).toBe(401);
});
