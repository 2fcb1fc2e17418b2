// A separate GitGuild process that applies a sync to the simulator, so a test can SIGKILL it in
// the middle of the run. Usage: apply-child.ts <dataDir> <guildId>, with SIM_REST_URL and
// SIM_BOT_TOKEN in the environment. Prints "started <runId>" and "done <outcome>".
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { EventHub } from '../../../src-main/api/event-hub.js';
import { ContributionIndexes } from '../../../src-main/host/contribution-indexes.js';
import { SyncService } from '../../../src-main/host/sync-service.js';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';

const [dataDir, guildId] = process.argv.slice(2) as [string, string];
const store = await openStore({ dataDir, logger: silentLogger });
const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
  rest: { api: process.env['SIM_REST_URL'] ?? '' },
});
const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
await client.login(process.env['SIM_BOT_TOKEN'] ?? '');
await ready;
const indexes = new ContributionIndexes(store.contributions);
const sync = new SyncService({
  store,
  indexFor: (org) => indexes.get(org),
  client: () => client,
  events: new EventHub(),
  logger: silentLogger,
});
await sync.start();
const summary = await sync.run(guildId, {
  dryRun: false,
  trigger: 'manual',
  actor: 'admin:child',
  confirm: true,
});
process.stdout.write(`done ${summary.outcome}\n`);
await client.destroy();
await store.close();
