// Child process for guild-view.spec.ts: the demo's simulators and headless host (guild managed,
// members linked, tier roles mapped), with one crawl finished, so the guild view has stats to
// ask for. Prints one `GUILD_READY {json}` line, then runs until SIGTERM.
// Usage: node --import tsx tests/e2e/harness/guild-harness.ts --data-dir DIR
import { parseArgs } from 'node:util';
import { seedDemoGuild } from '../../../scripts/demo-setup.js';
import { settingsForSimulators, startSimulators } from '../../../sim/index.js';
import { DESKTOP_ADMIN } from '../../../src-main/api/caller.js';
import { createLogger } from '../../../src-main/log/logger.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import { openStore } from '../../../src-main/store/index.js';
import { startHeadless } from '../../../src-main/web/start-headless.js';
import type { GuildReady } from '../guild-host.js';

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir is required');

  const logger = createLogger('gitguild-e2e-guild', { level: 'info' });
  const sims = await startSimulators({ seed: 1, preset: 'demo' });
  const { github, discord } = sims;
  logger.addSecret(github.token);
  logger.addSecret(discord.botToken);

  const store = await openStore({ dataDir, logger });
  await store.settings.update(settingsForSimulators(sims));
  await seedDemoGuild(store, sims);
  await store.close();

  const secrets = await openSecretStore({ backend: 'memory', logger });
  await secrets.set('discord.botToken', discord.botToken);
  await secrets.set('github.token', github.token);
  const running = await startHeadless({
    dataDir,
    logger,
    secrets: { store: secrets },
    port: 0,
    env: {},
  });
  process.once('SIGTERM', () => {
    Promise.all([running.stop(), sims.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });

  const { host } = running;
  let finished = false;
  host.events.subscribe((e) => {
    if (e.type === 'crawl-finished') finished = true;
  });
  await host.handlers['crawl.run'](undefined, { caller: DESKTOP_ADMIN });
  await waitFor(() => finished, 'the crawl');
  await waitFor(() => host.health().bot.state === 'ready', 'the bot');
  await waitFor(() => discord.control.commands().length > 0, 'slash commands');

  const link = discord.guild.links[0]!;
  const member = discord.guild.members.find((m) => m.user.id === link.discordUserId)!;
  const ready: GuildReady = {
    guildViewUrl: discord.webUrl,
    guildName: discord.guild.guild.name,
    linkedMember: {
      id: member.user.id,
      name: member.nick ?? member.user.global_name ?? member.user.username,
    },
    githubLogin: link.githubLogin,
  };
  console.log(`GUILD_READY ${JSON.stringify(ready)}`);
}

main().catch((error: unknown) => {
  console.error(
    `guild harness: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
