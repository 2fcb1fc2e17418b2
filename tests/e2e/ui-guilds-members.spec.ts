// The Guilds page with a server the bot is in but GitGuild does not manage yet (it turns it on),
// and the Members page: search, an admin link for a member who cannot run /link (the contributor
// leaves the "not linked" list), and unlinking. Against a real headless host and the simulators.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startUiHost, type RunningUiHost } from './ui-host.js';

let dataDir: string;
let host: RunningUiHost | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-guilds-'));
});
test.afterEach(async () => {
  const info = test.info();
  if (host && info.status !== info.expectedStatus)
    await info.attach('host log', { body: host.log() });
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

test('Guilds: a server with the bot but not managed yet is turned on and opens its page', async ({
  page,
}) => {
  test.setTimeout(120_000);
  host = await startUiHost(dataDir, {});
  await page.goto(host.adminUrl);
  // Nothing crawled yet: a first run opens the wizard; the admin goes to Guilds from there.
  await expect(page.getByTestId('page-setup')).toBeVisible();
  await page.getByTestId('nav-guilds').click();
  // The list follows the bot: it appears once the bot is online in the simulated guild.
  const card = page.getByTestId(`guild-${host.discord.guildId}`);
  await expect(card).toContainText(host.discord.guildName, { timeout: 30_000 });
  await expect(card.getByTestId('guild-bot')).toHaveText('Bot present');
  await expect(card).toContainText('Not managed by GitGuild yet');
  // No Discord sign-in: the page says what it would add, and offers the generic invite.
  await expect(page.getByTestId('guilds-signin')).toBeVisible();
  await expect(page.getByTestId('guilds-invite-any')).toHaveAttribute('href', /permissions=\d+/);

  await card.getByTestId('guild-manage').click();
  await expect(page.getByTestId('page-guild')).toBeVisible();
  await expect(page.getByTestId('mappings-empty')).toBeVisible();
  await expect(page.getByTestId('presets')).toBeVisible();
  await page.goto(`${host.origin}/#/guilds`);
  await expect(card.getByTestId('guild-health-ok')).toBeVisible();
});

test('Members: search, link a member as admin, then unlink them', async ({ page }) => {
  test.setTimeout(180_000);
  host = await startUiHost(dataDir, { guild: true, crawl: true });
  const h = host;
  await page.goto(h.adminUrl);
  // The guild follows the simulated org (set on its page), so contributors can be listed.
  await page.goto(`${h.origin}/#/guilds/${h.discord.guildId}`);
  await page.getByTestId('guild-org').fill(h.org);
  await page.getByTestId('guild-save').click();
  await expect(page.getByTestId('guild-saved')).toBeVisible();
  await page.getByTestId('nav-members').click();
  const rows = page.getByTestId('member-row');
  await expect(rows).toHaveCount(h.discord.links.length);

  // Search by GitHub login or Discord name.
  const first = h.discord.links[0]!;
  await page.getByTestId('members-search').fill(first.githubLogin);
  await expect(rows.first()).toHaveAttribute('data-login', first.githubLogin);
  await page.getByTestId('members-search').fill('');

  // An active contributor nobody linked, and a member who has no link.
  const unlinked = page.getByTestId('unlinked-row');
  await expect(unlinked.first()).toBeVisible();
  const login = (await unlinked.first().locator('th').innerText()).trim();
  const guild = (await (
    await fetch(`${h.discord.controlUrl}/guilds/${h.discord.guildId}`)
  ).json()) as { members: { user: { id: string; bot?: boolean } }[] };
  const linked = new Set(h.discord.links.map((l) => l.discordUserId));
  const member = guild.members.find((m) => !m.user.bot && !linked.has(m.user.id))!;

  await page.getByTestId('admin-link-discord').fill(member.user.id);
  await page.getByTestId('admin-link-github').fill(login);
  await page.getByTestId('admin-link-submit').click();
  await expect(page.getByTestId('admin-link-done')).toContainText(`to ${login}`);
  const row = page.locator(`[data-testid="member-row"][data-discord-id="${member.user.id}"]`);
  await expect(row).toContainText(login);
  await expect(row).toContainText('admin');
  await expect(rows).toHaveCount(h.discord.links.length + 1);
  await expect(page.getByTestId('members-unlinked')).not.toContainText(login);

  // A login that is not a GitHub login is refused with the host's words.
  await page.getByTestId('admin-link-discord').fill(member.user.id);
  await page.getByTestId('admin-link-github').fill('not a login');
  await page.getByTestId('admin-link-submit').click();
  await expect(page.getByTestId('admin-link-error')).toContainText('GitHub login');

  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByTestId('member-unlink').click();
  await expect(row).toHaveCount(0);
  await expect(rows).toHaveCount(h.discord.links.length);
});

test('Mapping editor from the keyboard: arrow keys pick the role, typing sets the condition, Enter saves', async ({
  page,
}) => {
  test.setTimeout(180_000);
  host = await startUiHost(dataDir, { guild: true, crawl: true });
  const h = host;
  await page.goto(h.adminUrl);
  await page.goto(`${h.origin}/#/guilds/${h.discord.guildId}`);
  await expect(page.getByTestId('mappings-table')).toBeVisible();
  await page.getByTestId('mapping-new').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-mapping')).toBeVisible();
  // The first assignable role is preselected; the arrow key moves to the next one, skipping
  // roles GitGuild cannot assign.
  const [contributor, regular, core] = h.discord.roleIds.tiers as [string, string, string];
  await expect(page.getByTestId(`role-option-${core}`)).toBeChecked();
  await page.getByTestId(`role-option-${core}`).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId(`role-option-${regular}`)).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId(`role-option-${contributor}`)).toBeChecked();
  await page.getByTestId('condition-kind-c').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('condition-kind-c')).toHaveValue('rank');
  await page.getByTestId('condition-top-c').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await expect(page.getByTestId('mapping-summary')).toContainText('top 2 by merged PRs (all time)');
  await expect(page.getByTestId('preview-summary')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-guild')).toBeVisible();
  // A second mapping for Contributor, next to the demo's own.
  const rows = page.getByTestId('mappings-table').locator(`tr[data-role-id="${contributor}"]`);
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'top 2 by merged PRs (all time)' })).toHaveCount(1);

  // A mapping that does not exist says so and links back.
  await page.goto(`${h.origin}/#/guilds/${h.discord.guildId}/mappings/gone`);
  await expect(page.getByTestId('mapping-missing')).toContainText('no longer exists');
});
