// `npm run demo`: GitGuild working end to end without any credentials. Starts the local GitHub
// and Discord simulators, points a fresh headless host at them (data in .tmp/demo, secrets in
// memory only), waits for the bot, and prints the admin URL. Nothing here leaves 127.0.0.1.
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { settingsForSimulators, startSimulators } from '../sim/index.js';
import { createLogger, type LogLevel } from '../src-main/log/logger.js';
import { openSecretStore } from '../src-main/secrets/index.js';
import { openStore } from '../src-main/store/index.js';
import { startHeadless } from '../src-main/web/start-headless.js';
import { seedDemoGuild } from './demo-setup.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'Usage: npm run demo -- [--seed N] [--port P] [--data-dir DIR]   (port 0 = any free port, the default)';

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65535)
    throw new Error(`--port must be a number from 0 to 65535, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  const port = parsePort(values.port);
  const dataDir = values['data-dir'] ?? join(root, '.tmp', 'demo');

  const level = (process.env['GITGUILD_LOG_LEVEL'] as LogLevel | undefined) ?? 'warn';
  const logger = createLogger('gitguild-demo', { level });
  const sims = await startSimulators({ seed, preset: 'demo' });
  const { github, discord } = sims;
  logger.addSecret(github.token);
  logger.addSecret(discord.botToken);

  // A demo starts from a clean slate each time: the simulators' ports and data are new too.
  await rm(dataDir, { recursive: true, force: true });
  // Settings go in before the host starts, so the bot's first connection already goes to the simulator.
  const store = await openStore({ dataDir, logger });
  await store.settings.update(settingsForSimulators(sims));
  // The simulated guild is managed, its members linked and its tier roles mapped.
  await seedDemoGuild(store, sims);
  await store.close();

  const secrets = await openSecretStore({ backend: 'memory', logger });
  await secrets.set('discord.botToken', discord.botToken);
  await secrets.set('discord.clientSecret', discord.clientSecret);
  await secrets.set('github.token', github.token);
  const app = github.oauthApps[0];
  if (app) await secrets.set('github.clientSecret', app.clientSecret);

  const running = await startHeadless({
    dataDir,
    logger,
    secrets: { store: secrets },
    port,
    env: {},
  });
  const stop = async (): Promise<void> => {
    await running.stop();
    await sims.close();
  };
  let signals = 0;
  const onSignal = (): void => {
    signals += 1;
    if (signals > 1) process.exit(1);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const bot = await waitForBot(running.host.health, 15_000);
  console.log(
    [
      `GitGuild demo (seed ${seed}): simulated GitHub org "${github.org.login}" with ${github.org.repos.length} repos, simulated Discord guild "${discord.guild.guild.name}"`,
      `  GitHub simulator  ${github.apiUrl}`,
      `  Discord simulator ${discord.restUrl}`,
      `  Bot               ${bot.state}${bot.state === 'ready' ? ` in ${bot.guilds} guild(s)` : bot.detail ? `: ${bot.detail}` : ''}`,
      `  Data              ${dataDir} (wiped at each demo start; secrets are in memory only)`,
      `  Host started in   ${running.startupMs} ms`,
      '',
      `GitGuild admin UI: ${running.server.adminUrl}`,
      `Discord guild view: ${discord.webUrl}   (what members see; run slash commands as anyone)`,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
}

async function waitForBot(
  health: () => { bot: { state: string; guilds: number; detail?: string } },
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { bot } = health();
    if (bot.state === 'ready' || bot.state === 'error' || Date.now() > deadline) return bot;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
