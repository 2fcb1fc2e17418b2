// The admin's whole role workflow through the UI, against a real headless host, the GitHub
// simulator (one crawl finished) and the Discord simulator (the bot online in the demo guild):
// Guilds shows the guild and its health; the Guild page sets a small safety cap; a preset is applied (its roles are created on Discord); the mapping editor's live preview
// changes as a threshold changes; the mapping is saved; the Sync page's dry run shows the plan;
// applying asks to confirm (over the cap), then applies; the simulated guild's members hold
// exactly the roles the plan said; the run is in the history and its changes in the audit log.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startUiHost, type RunningUiHost } from './ui-host.js';

let dataDir: string;
let host: RunningUiHost | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-roles-'));
});
test.afterEach(async () => {
  const info = test.info();
  if (host && info.status !== info.expectedStatus)
    await info.attach('host log', { body: host.log() });
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

interface SimGuild {
  roles: { id: string; name: string }[];
  members: { user: { id: string; bot?: boolean }; roles: string[] }[];
}

async function simGuild(h: RunningUiHost): Promise<SimGuild> {
  const res = await fetch(`${h.discord.controlUrl}/guilds/${h.discord.guildId}`);
  expect(res.ok).toBe(true);
  return (await res.json()) as SimGuild;
}

function holders(guild: SimGuild, roleId: string): number {
  return guild.members.filter((m) => m.roles.includes(roleId)).length;
}

/** Per role in a plan table: [added, removed]. */
async function planCounts(page: Page, testId: string): Promise<Map<string, [number, number]>> {
  const rows = page.getByTestId(testId).locator('tbody tr');
  const out = new Map<string, [number, number]>();
  for (const row of await rows.all()) {
    const id = (await row.getAttribute('data-role-id'))!;
    const gain = Number((await row.getByTestId('role-gain').innerText()).replace(/[^\d]/g, ''));
    const loss = Number((await row.getByTestId('role-loss').innerText()).replace(/[^\d]/g, ''));
    out.set(id, [gain, loss]);
  }
  return out;
}

async function gainOf(page: Page, roleId: string): Promise<number> {
  const row = page.getByTestId('preview-roles').locator(`tr[data-role-id="${roleId}"]`);
  if ((await row.count()) === 0) return 0;
  return Number((await row.getByTestId('role-gain').innerText()).replace(/[^\d]/g, ''));
}

test('preset, live preview, save, dry run, confirm and apply: the simulated guild changes, history and audit show it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  host = await startUiHost(dataDir, { guild: true, crawl: true });
  const h = host;
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(h.adminUrl);

  // Timed runs paused first, so every change below comes from this admin's clicks.
  await page.goto(`${h.origin}/#/sync`);
  await expect(page.getByTestId('scheduler-state')).toHaveText('Running');
  await page.getByTestId('scheduler-toggle').click();
  await expect(page.getByTestId('scheduler-state')).toHaveText('Paused');

  // Guilds: the demo guild with the bot, following the simulated org, healthy.
  await page.goto(`${h.origin}/#/guilds`);
  const card = page.getByTestId(`guild-${h.discord.guildId}`);
  await expect(card).toContainText(h.discord.guildName);
  await expect(card).toContainText(`Organisation: ${h.org}`);
  await expect(card.getByTestId('guild-bot')).toHaveText('Bot present');
  await expect(card.getByTestId('guild-health-ok')).toBeVisible();
  await card.getByTestId('guild-open').click();

  // Guild: a safety cap of 5 changes.
  await expect(page.getByTestId('page-guild')).toBeVisible();
  await expect(page.getByTestId('guild-org')).toHaveValue(h.org);
  await page.getByTestId('guild-cap').fill('5');
  await page.getByTestId('guild-save').click();
  await expect(page.getByTestId('guild-saved')).toBeVisible();
  await expect(page.getByTestId('mappings-table').locator('tbody tr')).toHaveCount(3);

  // Preset: the old bot's tiers, with their roles created on Discord.
  await page.getByTestId('preset-apply-python-bot-tiers').click();
  await expect(page.getByTestId('preset-result')).toContainText('15 mappings saved');
  await expect(page.getByTestId('preset-result')).toContainText('15 roles created on Discord');
  await expect(page.getByTestId('mappings-table').locator('tbody tr')).toHaveCount(18);
  const afterPreset = await simGuild(h);
  expect(afterPreset.roles.map((r) => r.name)).toContain('🌸 1+ PRs');

  // Mapping editor: Core (merged PRs ≥ 20); the live preview follows the threshold unsaved.
  const coreRole = h.discord.roleIds.tiers[2]!;
  await page
    .getByTestId('mappings-table')
    .locator(`tr[data-role-id="${coreRole}"]`)
    .getByTestId('mapping-edit')
    .click();
  await expect(page.getByTestId('page-mapping')).toBeVisible();
  await expect(page.getByTestId(`role-option-${coreRole}`)).toBeChecked();
  await expect(page.getByTestId('preview-summary')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('preview-loading')).toHaveCount(0);
  const gainAt20 = await gainOf(page, coreRole);
  await page.getByTestId('condition-threshold-c').fill('1');
  await expect(page.getByTestId('mapping-summary')).toContainText('merged PRs ≥ 1 (all time)');
  await expect
    .poll(
      async () =>
        (await page.getByTestId('preview-loading').count()) === 0 && gainOf(page, coreRole),
      {
        timeout: 20_000,
      },
    )
    .toBeGreaterThan(gainAt20);
  // Managed and above-the-bot roles cannot be picked.
  const roles = await simGuild(h);
  const admin = roles.roles.find((r) => r.name === 'Admin')!;
  await expect(page.getByTestId(`role-option-${admin.id}`)).toBeDisabled();
  await page.getByTestId('mapping-save').click();
  await expect(page.getByTestId('page-guild')).toBeVisible();
  await expect(
    page
      .getByTestId('mappings-table')
      .locator(`tr[data-role-id="${coreRole}"]`)
      .getByTestId('mapping-condition'),
  ).toHaveText('merged PRs ≥ 1 (all time)');

  // Sync: a dry run shows the full plan and changes nothing.
  await page.goto(`${h.origin}/#/sync`);
  await page.getByTestId('sync-dry-run').click();
  await expect(page.getByTestId('sync-answer')).toHaveAttribute('data-status', 'dry_run');
  await expect(page.getByTestId('sync-plan-cap')).toBeVisible();
  const plan = await planCounts(page, 'sync-plan-roles');
  expect(plan.size).toBeGreaterThan(0);
  const before = await simGuild(h);
  for (const roleId of plan.keys())
    expect(holders(before, roleId)).toBe(holders(afterPreset, roleId));
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-dry-run', 'true');

  // Sync now: over the cap of 5, so it asks; confirming applies in the background.
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-answer')).toHaveAttribute(
    'data-status',
    'needs_confirmation',
  );
  await page.getByTestId('sync-confirm').click();
  await expect(page.getByTestId('sync-answer')).toHaveAttribute('data-status', 'started');
  const runId = (await page.getByTestId('sync-answer').getAttribute('data-run-id'))!;
  // Discord's pace (the simulator's rate limits): the run shows its progress while it applies.
  await expect(page.getByTestId('sync-progress')).toBeVisible();
  const applied = page.locator(`[data-testid="history-row"][data-run-id="${runId}"]`);
  await expect(applied).toHaveAttribute('data-outcome', 'ok', { timeout: 120_000 });
  await expect(applied).toHaveAttribute('data-dry-run', 'false');
  await expect(page.getByTestId('sync-progress')).toHaveCount(0);

  // The simulated guild: each role gained and lost exactly what the plan said.
  const after = await simGuild(h);
  let changes = 0;
  for (const [roleId, [added, removed]] of plan) {
    expect(holders(after, roleId), `holders of ${roleId}`).toBe(
      holders(before, roleId) + added - removed,
    );
    changes += added + removed;
  }
  expect(changes).toBeGreaterThan(5);

  // History and audit log: the applied run, and one audit entry per role change.
  await page.getByTestId('audit-run').selectOption(runId);
  await expect(page.getByTestId('audit-row')).toHaveCount(Math.min(changes, 300), {
    timeout: 20_000,
  });
  await page.getByTestId('audit-change').selectOption('add');
  const adds = [...plan.values()].reduce((sum, [a]) => sum + a, 0);
  await expect(page.getByTestId('audit-row')).toHaveCount(Math.min(adds, 300));
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);

  // Members: managed roles now show next to the links.
  await page.goto(`${h.origin}/#/members`);
  await expect(page.getByTestId('member-row').first()).toBeVisible();
  const withCore = after.members.find((m) => m.roles.includes(coreRole) && !m.user.bot)!;
  await expect(
    page.locator(`[data-testid="member-row"][data-discord-id="${withCore.user.id}"]`),
  ).toContainText('Core');

  expect(consoleErrors).toEqual([]);
});
