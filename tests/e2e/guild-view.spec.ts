// What members see, in a real browser: the simulated guild's web view lists channels and members
// with their roles, runs /getstats as a linked member, and shows the bot's answer with the rank
// card drawn; an admin-only command run by a member is refused where only they can see it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startGuild, type RunningGuild } from './guild-host.js';

let dataDir: string;
let guild: RunningGuild | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-guild-'));
});

test.afterEach(async () => {
  const info = test.info();
  if (guild && info.status !== info.expectedStatus)
    await info.attach('host log', { body: guild.log() });
  await guild?.stop();
  guild = null;
  await rm(dataDir, { recursive: true, force: true });
});

test('a member runs /getstats from the guild view and sees the rank card', async ({ page }) => {
  test.setTimeout(120_000);
  guild = await startGuild(dataDir);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(guild.guildViewUrl);

  await expect(page.getByTestId('guild-name')).toHaveText(guild.guildName);
  await expect(page.getByTestId('text-channel').first()).toContainText('general');
  await expect(page.getByTestId('voice-channel').first()).toContainText('Lounge');
  const admin = page
    .getByTestId('member')
    .filter({ has: page.getByTestId('role-chip').filter({ hasText: 'Admin' }) });
  await expect(admin).toHaveCount(1);
  // Roles are drawn in their colours (Admin is #e74c3c).
  await expect(admin.getByTestId('role-chip').filter({ hasText: 'Admin' })).toHaveCSS(
    'color',
    'rgb(231, 76, 60)',
  );

  await page.getByTestId('run-as').selectOption(guild.linkedMember.id);
  await page.getByTestId('command').selectOption('getstats');
  await page.getByTestId('run').click();

  const answer = page.locator('[data-testid=message][data-command=getstats]').last();
  await expect(answer).toContainText(`Contributions of ${guild.linkedMember.name}`, {
    timeout: 30_000,
  });
  await expect(answer).toContainText(`GitHub ${guild.githubLogin}`);
  await expect(answer).toContainText('Role tiers');
  const card = answer.getByTestId('embed-image');
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('alt', /Rank card for/);
  // The PNG loaded and decoded at the card's size.
  await expect
    .poll(() =>
      card.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight]),
    )
    .toEqual([true, 900, 300]);
  await expect(answer.locator('.ephemeral-note')).toHaveCount(0);

  // A member without Manage Server asking for /sync is refused, and only they see it.
  const member = await page
    .getByTestId('run-as')
    .locator('option')
    .evaluateAll(
      (options) => (options as HTMLOptionElement[]).find((o) => !o.text.includes('('))?.value ?? '',
    );
  await page.getByTestId('run-as').selectOption(member);
  await page.getByTestId('command').selectOption('sync');
  await page.getByTestId('run').click();
  const refusal = page.locator('[data-testid=message][data-command=sync]').last();
  await expect(refusal).toContainText('Only server admins', { timeout: 30_000 });
  await expect(refusal.locator('.ephemeral-note')).toContainText('can see this');
  expect(errors).toEqual([]);
});
