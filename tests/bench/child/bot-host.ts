// Child process for tests/bench/bot.ts (in its own folder so the bench runner does not import it): a real host alone in its own process, pointed at a
// Discord simulator the parent runs. With `--bot` it starts the bot and waits until the managed
// guild's member cache is complete; without, it is the baseline (host, no bot). Prints one
// `BOT_HOST {json}` line with its memory after a full GC, then waits for SIGTERM.
// Usage: node --expose-gc --import tsx tests/bench/child/bot-host.ts --data-dir D --api URL --token T --guild ID [--bot]
import { parseArgs } from 'node:util';
import { createHost } from '../../../src-main/host/create-host.js';
import { createLogger } from '../../../src-main/log/logger.js';
import { DESKTOP_ADMIN } from '../../../src-main/api/caller.js';

const ADMIN = { caller: DESKTOP_ADMIN };
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    api: { type: 'string' },
    token: { type: 'string' },
    guild: { type: 'string' },
    bot: { type: 'boolean' },
  },
});
const dataDir = values['data-dir']!;
const guildId = values.guild!;
const logger = createLogger('bench-host', { level: 'warn', sinks: [] });
const host = await createHost({
  mode: 'headless',
  dataDir,
  logger,
  secrets: { backend: 'memory' },
});
await host.handlers['settings.update']({ discordApiBaseUrl: values.api! }, ADMIN);
const exported = await host.handlers['config.export'](undefined, ADMIN);
await host.handlers['config.import'](
  {
    document: { ...exported, guilds: [{ id: guildId, name: 'Bench guild', enabled: true }] },
  },
  ADMIN,
);
const started = performance.now();
if (values.bot) await host.secrets.set('discord.botToken', values.token!);
await host.start();
let members = 0;
if (values.bot) {
  const deadline = Date.now() + 120_000;
  while (!host.bot.membersComplete(guildId)) {
    if (Date.now() > deadline)
      throw new Error(`member cache not complete: ${JSON.stringify(host.health().bot)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  members = host.bot.client?.guilds.cache.get(guildId)?.members.cache.size ?? 0;
}
const readyMs = performance.now() - started;
const gc = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < 3; i += 1) {
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const usage = process.memoryUsage();
console.log(
  `BOT_HOST ${JSON.stringify({ rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, members, readyMs, users: host.bot.client?.users.cache.size ?? 0 })}`,
);
process.once('SIGTERM', () => {
  host.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
