// A real sync setup for integration tests: the Discord simulator with the demo guild (tier roles
// below the bot, an integration role, Moderator and Admin above it), a discord.js client with the
// Server Members intent, a store in a temp dir with links, crawled contributions and tier
// mappings, and the host's SyncService over them. Nothing of ours is mocked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { EventHub } from '../../../src-main/api/event-hub.js';
import type { AdminEvent } from '../../../src-main/api/contract.js';
import { ContributionIndexes } from '../../../src-main/host/contribution-indexes.js';
import { SyncService } from '../../../src-main/host/sync-service.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { openStore, type Store } from '../../../src-main/store/index.js';
import type { DailyCount, GuildInput, MappingInput } from '../../../src-main/store/types.js';
import {
  startDiscordSim,
  type CallRecord,
  type DiscordSim,
  type StartDiscordSimOptions,
} from '../../../sim/discord/index.js';
import { generateGuild, type GuildScenario } from '../../../sim/scenarios/guild.js';

export const ORG = 'acme';
export const PATCH_MEMBER = 'PATCH /guilds/:guild_id/members/:user_id';

export interface SyncRig {
  sim: DiscordSim;
  scenario: GuildScenario;
  guildId: string;
  client: Client;
  store: Store;
  sync: SyncService;
  events: AdminEvent[];
  dataDir: string;
  /** Calls the simulator saw since `mark()`. */
  calls(): CallRecord[];
  mark(): void;
  roles(userId: string): string[];
  close(): Promise<void>;
}

export interface RigOptions {
  seed?: number;
  sim?: Omit<StartDiscordSimOptions, 'guild' | 'seed'>;
  guild?: Partial<GuildInput>;
  /** Use this data dir (kept on close); seeded only when `seedStore` says so. */
  dataDir?: string;
  /** Write guild, mappings, links and contributions (default: when the data dir is new). */
  seedStore?: boolean;
  /** Reuse a running simulator. */
  reuse?: { sim: DiscordSim; scenario: GuildScenario };
}

/** Login dev<i> has (3i mod 70) commits: some below the first tier, some in each tier. */
export function linkedCommits(index: number): number {
  return (index * 3) % 70;
}

export async function connectClient(sim: DiscordSim): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
    rest: { api: sim.restUrl },
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(sim.botToken);
  await ready;
  return client;
}

export async function syncRig(options: RigOptions = {}): Promise<SyncRig> {
  const seed = options.seed ?? 5;
  const scenario =
    options.reuse?.scenario ??
    generateGuild({
      seed,
      preset: 'demo',
      githubLogins: Array.from({ length: 40 }, (_, i) => `dev${i}`),
    });
  const sim =
    options.reuse?.sim ??
    (await startDiscordSim({
      guild: scenario,
      heartbeatIntervalMs: 1000,
      // Discord's member bucket is 10 per 10 s; tests use a faster one unless they say otherwise.
      rateLimits: { routes: { [PATCH_MEMBER]: { limit: 25, windowMs: 1000 } } },
      ...options.sim,
    }));
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'gitguild-sync-')));
  const sink = memorySink(20_000);
  const logger = createLogger('test', { level: 'debug', sinks: [sink] });
  const store = await openStore({ dataDir, logger });
  const guildId = scenario.guild.id;
  if (options.seedStore ?? !options.dataDir) await seedStore(store, scenario, options.guild ?? {});
  const client = await connectClient(sim);
  const hub = new EventHub(logger);
  const events: AdminEvent[] = [];
  hub.subscribe((e) => events.push(e));
  const indexes = new ContributionIndexes(store.contributions);
  const sync = new SyncService({
    store,
    indexFor: (org) => indexes.get(org),
    client: () => client,
    events: hub,
    logger,
  });
  await sync.start();
  let from = sim.control.callLog().length;
  return {
    sim,
    scenario,
    guildId,
    client,
    store,
    sync,
    events,
    dataDir,
    calls: () => sim.control.callLog().slice(from),
    mark: () => {
      from = sim.control.callLog().length;
    },
    roles: (userId) => [...sim.control.member(userId).roles].sort(),
    async close() {
      await sync.stop();
      await client.destroy();
      await store.close();
      if (!options.reuse) await sim.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function tierMappings(scenario: GuildScenario): MappingInput[] {
  const [contributor, regular, core] = scenario.roleIds.tiers as [string, string, string];
  const guildId = scenario.guild.id;
  const tier = (id: string, roleId: string, threshold: number, order: number): MappingInput => ({
    id,
    guildId,
    roleId,
    enabled: true,
    order,
    group: 'Commits',
    condition: { kind: 'metric', metric: 'commits', window: { kind: 'all_time' }, threshold },
  });
  return [
    tier('contributor', contributor, 1, 1),
    tier('regular', regular, 20, 2),
    tier('core', core, 50, 3),
    // Names a role above the bot: reported as a problem, never touched.
    {
      id: 'mods',
      guildId,
      roleId: scenario.roleIds.aboveBot[0]!,
      enabled: true,
      order: 4,
      condition: { kind: 'linked' },
    },
  ];
}

async function seedStore(store: Store, scenario: GuildScenario, guild: Partial<GuildInput>) {
  await store.settings.update({ githubOrgs: [ORG] });
  await store.guilds.upsert({
    id: scenario.guild.id,
    name: scenario.guild.name,
    enabled: true,
    org: ORG,
    maxChangesPerRun: 1000,
    ...guild,
  });
  await store.mappings.upsertMany(tierMappings(scenario));
  for (const link of scenario.links)
    await store.links.linkMember({
      discordUserId: link.discordUserId,
      githubLogin: link.githubLogin,
      linkedBy: link.discordUserId,
      method: 'device_flow',
    });
  const counts: DailyCount[] = Array.from({ length: 40 }, (_, i) => ({
    login: `dev${i}`,
    repo: `${ORG}/app`,
    metric: 'commits',
    day: '2025-01-15',
    count: linkedCommits(i),
  }));
  await store.contributions.commitRepoCrawl(
    ORG,
    { id: 1, name: `${ORG}/app` },
    counts.filter((c) => c.count > 0),
    { through: '2025-02-01T00:00:00Z', headOid: null },
  );
  await store.contributions.recordCrawl({
    org: ORG,
    startedAt: '2025-02-01T00:00:00.000Z',
    finishedAt: '2025-02-01T00:01:00.000Z',
    complete: true,
    missing: [],
    requests: 1,
  });
}

export const isWrite = (c: CallRecord): boolean =>
  c.method !== 'GET' && c.route !== null && c.status !== 0;
export const isRead = (c: CallRecord): boolean =>
  c.method === 'GET' && c.route !== 'GET /gateway/bot';
