// Every page in both themes: axe finds no serious or critical violation, and a 1280×800
// screenshot of each is written to test-results/screenshots/<page>-<theme>.png (the README's
// pictures are picked from there into assets/screenshots/).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startUiHost, type RunningUiHost } from './ui-host.js';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** Each page, how to reach it, and what shows it has finished loading. */
const PAGES: { name: string; hash: string; ready: string }[] = [
  { name: 'setup', hash: '#/setup', ready: 'setup-verdict' },
  { name: 'guilds', hash: '#/guilds', ready: 'guild-health-ok' },
  { name: 'guild', hash: '#/guilds/{guild}', ready: 'mappings-table' },
  {
    name: 'mapping-editor',
    hash: '#/guilds/{guild}/mappings/demo-tier-3',
    ready: 'preview-summary',
  },
  { name: 'mapping-new', hash: '#/guilds/{guild}/mappings/new', ready: 'preview-summary' },
  { name: 'stats', hash: '#/stats', ready: 'chart-trend' },
  { name: 'members', hash: '#/members', ready: 'member-row' },
  { name: 'sync', hash: '#/sync', ready: 'audit-row' },
  { name: 'data', hash: '#/store', ready: 'store-ok' },
  { name: 'settings', hash: '#/settings', ready: 'host-data-dir' },
];

let dataDir: string;
let host: RunningUiHost | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = await mkdtemp(join(tmpdir(), 'gitguild-e2e-pages-'));
  // The demo: the simulated org crawled, the simulated guild managed with its links; then, as an
  // admin would, its organisation set, a preset applied and one sync run, so every page has data.
  host = await startUiHost(dataDir, { guild: true, crawl: true });
  await mkdir(SCREENSHOTS, { recursive: true });
  const guildId = host.discord.guildId;
  await rpc('scheduler.pause', {});
  await rpc('guilds.update', { id: guildId, org: host.org, auditChannelId: null });
  await rpc('mappings.applyPreset', { guildId, preset: 'python-bot-tiers' });
  const run = (await rpc('sync.run', { guildId, confirm: true })) as { status: string };
  expect(run.status).toBe('started');
  await expect
    .poll(
      async () =>
        ((await rpc('sync.status', { guildId })) as { running: unknown[] }).running.length,
      {
        timeout: 120_000,
      },
    )
    .toBe(0);
});
test.afterAll(async () => {
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

async function rpc(method: string, input: unknown): Promise<unknown> {
  const token = new URL(host!.adminUrl).hash.replace('#token=', '');
  const res = await fetch(`${host!.origin}/api/rpc/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as unknown;
  expect(res.ok, `${method}: ${JSON.stringify(body)}`).toBe(true);
  return body;
}

async function open(page: Page, hash: string, ready: string): Promise<void> {
  await page.goto(`${host!.origin}/${hash.replace('{guild}', host!.discord.guildId)}`);
  // Charts load their own chunk after the data; slow on a busy machine.
  await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 30_000 });
}

for (const theme of ['light', 'dark'] as const) {
  test(`every page in the ${theme} theme: no serious or critical axe violations, and a screenshot`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    // A CSP refusal (say, a library injecting a style) or a script error shows up here.
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    // The token comes in the fragment once; the tab keeps it for the later navigations.
    await page.goto(host!.adminUrl);
    await page.evaluate((t) => localStorage.setItem('gitguild.theme', t), theme);
    await page.reload();
    const failures: string[] = [];
    for (const { name, hash, ready } of PAGES) {
      await open(page, hash, ready);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // Let charts finish drawing before the picture.
      await page.waitForTimeout(name === 'stats' ? 400 : 150);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${theme}.png`) });
      const results = await new AxeBuilder({ page }).analyze();
      for (const v of results.violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        const targets = v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ');
        failures.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${targets}`);
      }
    }
    expect(failures).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
}
