// The setup wizard as a new admin meets it: a fresh host with no secrets opens on the wizard;
// the bot token is set and the bot comes online in the Discord simulator; the admin leaves and,
// in a new tab, lands back on the step they left; the GitHub token, the org and the first crawl
// (with its progress bar) finish setup, after which the bare address opens Stats.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startUiHost, type RunningUiHost } from './ui-host.js';

let dataDir: string;
let host: RunningUiHost | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-setup-'));
});
test.afterEach(async () => {
  const info = test.info();
  if (host && info.status !== info.expectedStatus)
    await info.attach('host log', { body: host.log() });
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

test('a first run opens the wizard, which can be left and resumed, and ends on Stats', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  host = await startUiHost(dataDir, { secrets: 'none', crawlLatencyMs: 20 });
  const first = await browser.newPage();
  await first.goto(host.adminUrl);

  // No bot token: the wizard opens by itself, on step 1, saying what is wrong and how to fix it.
  await expect(first.getByTestId('page-setup')).toHaveAttribute('data-step', 'bot');
  await expect(first.getByTestId('setup-verdict')).toHaveAttribute('data-status', 'todo');
  await expect(first.getByTestId('setup-fix')).toContainText('Reset Token');

  // A token that is too short is refused with the host's words.
  await first.getByTestId('secret-discord.botToken-input').fill('short');
  await first.getByTestId('secret-discord.botToken-save').click();
  await expect(first.getByTestId('secret-discord.botToken-error')).toContainText('too short');

  // The simulator's token: the bot connects, and the step turns done from the live bot state.
  await first.getByTestId('secret-discord.botToken-input').fill(host.botToken);
  await first.getByTestId('secret-discord.botToken-save').click();
  await expect(first.getByTestId('setup-verdict')).toHaveAttribute('data-status', 'done', {
    timeout: 20_000,
  });
  await expect(first.getByTestId('setup-bot-state')).toContainText('online');
  await expect(first.getByTestId('secret-discord.botToken-input')).toHaveValue('');
  expect(await first.content()).not.toContain(host.botToken);

  // Discord sign-in is optional; it names the exact redirect URI to register.
  await first.getByTestId('setup-next').click();
  await expect(first.getByTestId('page-setup')).toHaveAttribute('data-step', 'discord-oauth');
  await expect(first.getByTestId('setup-verdict')).toHaveAttribute('data-status', 'optional');
  await expect(first.getByTestId('setup-discord-redirect')).toHaveText(
    /^http:\/\/127\.0\.0\.1:\d+\/oauth\/discord\/callback$/,
  );
  await expect(first.getByTestId('setup-discord-signin')).toBeDisabled();

  // On to the GitHub step, then leave.
  await first.getByTestId('setup-next').click();
  await expect(first.getByTestId('page-setup')).toHaveAttribute('data-step', 'github');
  await first.getByTestId('setup-leave').click();
  await expect(first.getByTestId('page-stats')).toBeVisible();
  await first.close();

  // A new tab at the bare address: the wizard again, on the step that was left open.
  const page = await browser.newPage();
  await page.goto(host.adminUrl);
  await expect(page.getByTestId('page-setup')).toHaveAttribute('data-step', 'github');
  await expect(page.getByTestId('setup-step-bot')).toHaveAttribute('data-status', 'done');
  await page.getByTestId('secret-github.token-input').fill(host.githubToken);
  await page.getByTestId('secret-github.token-save').click();
  await expect(page.getByTestId('setup-verdict')).toHaveAttribute('data-status', 'done');

  // The org: an invalid login is refused and named; the real one is saved.
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-org').fill('not a login!');
  await page.getByTestId('setup-org-save').click();
  await expect(page.getByTestId('setup-org-error')).toContainText('githubOrgs');
  await page.getByTestId('setup-org').fill(host.org);
  await page.getByTestId('setup-org-save').click();
  await expect(page.getByTestId('setup-verdict')).toHaveAttribute('data-status', 'done');

  // The first crawl, with its bar; the simulator blocks one repo, so the step says so.
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-crawl').click();
  await expect(page.getByTestId('setup-crawl-progress')).toBeVisible();
  await expect(page.getByTestId('setup-crawl-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('setup-verdict')).toHaveAttribute('data-status', 'attention');
  await expect(page.getByTestId('setup-fix')).toContainText('Stats page lists each one');

  await page.getByTestId('setup-next').click();
  // The invite: the link with exactly GitGuild's permissions, and the bot checked in a server.
  await expect(page.getByTestId('page-setup')).toHaveAttribute('data-step', 'invite');
  const invite = page.getByTestId('setup-invite-link');
  await expect(invite).toHaveAttribute('href', /scope=bot\+applications\.commands&permissions=\d+/);
  await expect(page.getByTestId('setup-invite-permissions')).toContainText('Manage Roles');
  await expect(page.getByTestId('setup-verdict')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('setup-verdict')).toContainText('The bot is in 1 server');
  await page.getByTestId('setup-finish').click();
  await expect(page.getByTestId('page-stats')).toBeVisible();
  await expect(page.getByTestId('leaderboard')).toBeVisible();

  // Done: the bare address now opens Stats, and Settings can re-open the wizard.
  await page.goto(host.adminUrl);
  await expect(page.getByTestId('page-stats')).toBeVisible();
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('reopen-setup').click();
  await expect(page.getByTestId('page-setup')).toBeVisible();
});
