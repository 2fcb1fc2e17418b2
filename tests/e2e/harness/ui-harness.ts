// Child process for the UI specs: the GitHub and Discord simulators plus a headless host pointed
// at them, with the secrets and data each spec asks for. Prints one `UI_READY {json}` line, then
// runs until SIGTERM.
// Usage: node --import tsx tests/e2e/harness/ui-harness.ts --data-dir DIR
//          [--secrets none|github|bot|both] [--contributors N] [--partial] [--crawl-latency-ms MS]
//          [--guild] [--crawl]
// --guild: the simulated guild is managed (demo links and tier mappings, scripts/demo-setup.ts)
// and the bot is ready before the ready line; --crawl: one crawl of the simulated org finished.
import { parseArgs } from 'node:util';
import { seedDemoGuild } from '../../../scripts/demo-setup.js';
import { DESKTOP_ADMIN } from '../../../src-main/api/caller.js';
import { settingsForSimulators, startSimulators } from '../../../sim/index.js';
import { createLogger } from '../../../src-main/log/logger.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import { openStore } from '../../../src-main/store/index.js';
import { startHeadless } from '../../../src-main/web/start-headless.js';
import type { UiHostReady } from '../ui-host.js';
import { seedContributions } from './seed-contributions.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      secrets: { type: 'string', default: 'both' },
      contributors: { type: 'string', default: '0' },
      partial: { type: 'boolean', default: false },
      'crawl-latency-ms': { type: 'string', default: '0' },
      guild: { type: 'boolean', default: false },
      crawl: { type: 'boolean', default: false },
    },
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir is required');
  const contributors = Number(values.contributors);
  const secretsWanted = values.secrets ?? 'both';

  const logger = createLogger('gitguild-e2e-ui', { level: 'warn' });
  const sims = await startSimulators({ seed: 1, preset: 'demo' });
  const { github, discord } = sims;
  logger.addSecret(github.token);
  logger.addSecret(discord.botToken);

  const store = await openStore({ dataDir, logger });
  await store.settings.update(settingsForSimulators(sims));
  let seeded = 0;
  if (contributors > 0) {
    const result = await seedContributions(store, {
      org: github.org.login,
      contributors,
      now: new Date(),
      partial: values.partial ?? false,
    });
    seeded = result.rows;
  }
  if (values.guild) await seedDemoGuild(store, sims);
  await store.close();

  const secrets = await openSecretStore({ backend: 'memory', logger });
  if (secretsWanted === 'bot' || secretsWanted === 'both')
    await secrets.set('discord.botToken', discord.botToken);
  if (secretsWanted === 'github' || secretsWanted === 'both')
    await secrets.set('github.token', github.token);
  const latency = Number(values['crawl-latency-ms']);
  if (latency > 0) github.control.injectFault({ kind: 'latency', count: 400, ms: latency });

  const running = await startHeadless({
    dataDir,
    logger,
    secrets: { store: secrets },
    port: 0,
    env: {},
  });
  process.once('SIGTERM', () => {
    running
      .stop()
      .then(() => sims.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
  const { host } = running;
  if (values.crawl) {
    let finished = false;
    host.events.subscribe((e) => {
      if (e.type === 'crawl-finished') finished = true;
    });
    await host.handlers['crawl.run'](undefined, { caller: DESKTOP_ADMIN });
    await waitFor(() => finished, 'the crawl');
  }
  if (values.guild) {
    await waitFor(() => host.health().bot.state === 'ready', 'the bot');
    // The guild follows the org, so the scheduler's first sync gives the demo tiers at start
    // (at Discord's pace): specs begin once it is over, with a quiet guild.
    const guildId = discord.guild.guild.id;
    let quiet = false;
    while (!quiet) {
      const status = await host.handlers['sync.status']({ guildId }, { caller: DESKTOP_ADMIN });
      quiet = status.running.length === 0 && status.guilds.some((g) => g.lastRun !== null);
      if (!quiet) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const scenario = discord.guild;
  const ready: UiHostReady = {
    adminUrl: running.server.adminUrl,
    org: github.org.login,
    githubToken: github.token,
    botToken: discord.botToken,
    seededRows: seeded,
    discord: {
      controlUrl: discord.controlUrl,
      guildViewUrl: discord.webUrl,
      guildId: scenario.guild.id,
      guildName: scenario.guild.name,
      roleIds: { tiers: scenario.roleIds.tiers },
      links: scenario.links,
    },
  };
  console.log(`UI_READY ${JSON.stringify(ready)}`);
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

main().catch((error: unknown) => {
  console.error(
    `ui harness: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
