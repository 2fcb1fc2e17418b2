// A real bot against the Discord simulator, over a real store: the host's own ports (stats,
// charts, guild settings) on a temp data dir seeded with a scenario org's exact daily counts,
// the simulated guild configured as managed, its scenario links stored, and tier mappings on the
// scenario's tier roles. Tests inject slash commands through the simulator's control API and
// read the answers back from it, attachments included.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageFlags, type APIEmbed, type APIMessage } from 'discord-api-types/v10';
import {
  startDiscordSim,
  type DiscordSim,
  type InteractionView,
} from '../../../sim/discord/index.js';
import type { InteractionOptionValue } from '../../../sim/discord/interaction-factory.js';
import { generateGuild, type GuildScenario } from '../../../sim/scenarios/guild.js';
import {
  contributorLogins,
  generateOrg,
  orgTruth,
  type OrgPreset,
  type SimOrg,
} from '../../../sim/scenarios/org.js';
import { DiscordBot, type DiscordBotOptions } from '../../../src-bot/client.js';
import type { BotPorts } from '../../../src-bot/ports.js';
import { inProcessRenderer, type ChartRenderer } from '../../../src-main/charts/chart-renderer.js';
import { createBotPorts, type BotPortServices } from '../../../src-main/host/bot-ports.js';
import { ContributionIndexes } from '../../../src-main/host/contribution-indexes.js';
import { createLogger, memorySink, type LogRecord } from '../../../src-main/log/logger.js';
import { openStore, type Store } from '../../../src-main/store/index.js';
import type { DailyCount } from '../../../src-main/store/types.js';
import { rigServices, type RigServices } from './rig-services.js';

export interface RigOptions {
  seed?: number;
  preset?: OrgPreset;
  /** The scenario's activity ends this many days ago (default 0: up to now). */
  quietDays?: number;
  /** 'complete' (default), 'partial' (two repos missing) or 'none' (never crawled). */
  crawl?: 'complete' | 'partial' | 'none';
  /** Configure the simulated guild as managed (default true). */
  managed?: boolean;
  /** Configure the org in settings and on the guild (default true). */
  org?: boolean;
  /** Store the scenario's links (default true). */
  links?: boolean;
  /** Tier mappings on the scenario's tier roles (default true). */
  mappings?: boolean;
  /** Ports to use instead of the host's own services (a port that fails on purpose). */
  ports?: Partial<BotPortServices>;
  renderer?: ChartRenderer;
  bot?: Partial<Pick<DiscordBotOptions, 'deferAfterMs' | 'onInteractionAnswered' | 'commands'>>;
  sim?: Parameters<typeof startDiscordSim>[0];
}

export interface Answer {
  view: InteractionView;
  /** The first response's type: 4 (reply) or 5 (deferred). */
  callbackType: number;
  ephemeral: boolean;
  /** The answer as the member sees it: the original response after any edit. */
  message: APIMessage;
  embeds: APIEmbed[];
  /** All visible text (content, titles, descriptions, fields, footers), for `toContain`. */
  text: string;
  files: { filename: string; contentType: string; data: Buffer }[];
  followUps: APIMessage[];
}

export interface BotRig {
  sim: DiscordSim;
  store: Store;
  org: SimOrg;
  guild: GuildScenario;
  bot: DiscordBot;
  ports: BotPorts;
  /** The host's services behind the ports (links, sync). */
  services: RigServices;
  logs: LogRecord[];
  /** Members by role in the scenario. */
  people: {
    admin: string;
    /** Linked, with contributions. */
    linked: string;
    unlinked: string;
    /** Linked, ranked below the top ten by all-time commits. */
    outsideTop: string;
  };
  run(
    userId: string,
    commandName: string,
    options?: Record<string, InteractionOptionValue>,
    wait?: { timeoutMs?: number; followUps?: number },
  ): Promise<Answer>;
  close(): Promise<void>;
}

const TIERS = [1, 5, 20];

export function embedText(embeds: APIEmbed[]): string {
  return embeds
    .flatMap((e) => [
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text,
    ])
    .filter(Boolean)
    .join('\n');
}

async function seedContributions(
  store: Store,
  org: SimOrg,
  now: number,
  crawl: RigOptions['crawl'],
) {
  const truth = orgTruth(org, { includeBots: false });
  const byRepo = new Map<string, DailyCount[]>();
  for (const row of truth) byRepo.set(row.repo, [...(byRepo.get(row.repo) ?? []), row]);
  const repos = [...byRepo.keys()].sort();
  const missing = crawl === 'partial' ? repos.slice(0, 2) : [];
  const through = new Date(now).toISOString();
  for (const [i, repo] of repos.entries()) {
    if (missing.includes(repo)) continue;
    await store.contributions.commitRepoCrawl(
      org.login,
      { id: i + 1, name: repo },
      byRepo.get(repo) ?? [],
      { through, headOid: null },
    );
  }
  await store.contributions.recordCrawl({
    org: org.login,
    startedAt: new Date(now - 60_000).toISOString(),
    finishedAt: through,
    complete: missing.length === 0,
    missing: missing.map((repo) => ({
      repo,
      reason: 'GitHub answered 451 (unavailable for legal reasons)',
    })),
    requests: 42,
  });
}

export async function startBotRig(options: RigOptions = {}): Promise<BotRig> {
  const seed = options.seed ?? 5;
  const now = Date.now();
  const org = generateOrg({
    seed,
    preset: options.preset ?? 'demo',
    now: now - (options.quietDays ?? 0) * 86_400_000,
  });
  const guild = generateGuild({ seed, preset: 'demo', githubLogins: contributorLogins(org) });
  const sim = await startDiscordSim({ guild, ...options.sim });
  const dir = await mkdtemp(join(tmpdir(), 'gitguild-bot-rig-'));
  const sink = memorySink(50_000);
  const logger = createLogger('bot-test', { level: 'debug', sinks: [sink] });
  const store = await openStore({ dataDir: dir, logger });
  await store.settings.update({
    timeZone: 'UTC',
    githubOrgs: options.org === false ? [] : [org.login],
    discordApiBaseUrl: sim.restUrl,
  });
  if (options.managed !== false)
    await store.guilds.upsert({
      id: guild.guild.id,
      name: guild.guild.name,
      enabled: true,
      org: options.org === false ? null : org.login,
    });
  if (options.links !== false)
    for (const link of guild.links)
      await store.links.linkMember({ ...link, linkedBy: link.discordUserId, method: 'admin' });
  if (options.mappings !== false && options.managed !== false)
    for (const [i, roleId] of guild.roleIds.tiers.entries())
      await store.mappings.upsert({
        id: `tier-${i}`,
        guildId: guild.guild.id,
        roleId,
        condition: {
          kind: 'metric',
          metric: 'prs_merged',
          window: { kind: 'all_time' },
          threshold: TIERS[i] ?? 100,
        },
        group: 'tiers',
        order: i,
        enabled: true,
      });
  if (options.crawl !== 'none') await seedContributions(store, org, now, options.crawl);

  const indexes = new ContributionIndexes(store.contributions);
  // Charts are drawn on the main thread here: the worker thread is tested on its own
  // (tests/unit/charts/chart-renderer.test.ts) and through the host (host/bot-lifecycle.test.ts),
  // and one tsx-loaded worker per rig would only slow a busy machine.
  // Links, sync, audit and voice stats are the host's own services, over this store and the bot.
  const running: { bot?: DiscordBot } = {};
  const services = await rigServices({
    store,
    indexes,
    logger,
    client: () => running.bot?.client ?? null,
    org,
  });
  const { ports, renderer } = createBotPorts(
    { store, indexes, logger, renderer: options.renderer ?? inProcessRenderer() },
    { ...services.services, ...options.ports },
  );
  const bot = new DiscordBot({
    endpoints: { apiBaseUrl: sim.restUrl, gatewayUrl: null },
    logger: logger.child('bot'),
    ports,
    ...options.bot,
  });
  running.bot = bot;
  await bot.start(sim.botToken);
  await waitFor(() => bot.status.state === 'ready', 'the bot to be ready');
  if (options.managed !== false) {
    await waitFor(() => bot.membersComplete(guild.guild.id), 'the member cache');
    await waitFor(() => sim.control.commands().length > 0, 'slash command registration');
  }

  const truthLogins = new Set(orgTruth(org, { includeBots: false }).map((r) => r.login));
  const linkedWithData = guild.links.find(
    (l) => truthLogins.has(l.githubLogin) && l.discordUserId !== guild.guild.ownerId,
  );
  const commits = new Map<string, number>();
  for (const r of orgTruth(org, { includeBots: false }))
    if (r.metric === 'commits') commits.set(r.login, (commits.get(r.login) ?? 0) + r.count);
  const ranked = [...commits].sort((a, b) => b[1] - a[1]).map(([login]) => login);
  const outsideTop = guild.links.find((l) => ranked.indexOf(l.githubLogin) >= 12);
  const linkedIds = new Set(guild.links.map((l) => l.discordUserId));
  const unlinked = guild.members.find(
    (m) => !m.user.bot && !linkedIds.has(m.user.id) && m.roles.length === 0,
  );
  if (!linkedWithData || !unlinked || !outsideTop)
    throw new Error('scenario lacks a linked, an unlinked or a lower-ranked member');

  const rig: BotRig = {
    sim,
    store,
    org,
    guild,
    bot,
    ports,
    services,
    logs: sink.records,
    people: {
      admin: guild.guild.ownerId,
      linked: linkedWithData.discordUserId,
      unlinked: unlinked.user.id,
      outsideTop: outsideTop.discordUserId,
    },
    async run(userId, commandName, commandOptions = {}, wait = {}) {
      const { id } = sim.control.injectInteraction({
        userId,
        commandName,
        options: commandOptions,
      });
      const view = await answerOf(sim, id, wait.timeoutMs ?? 15_000, wait.followUps ?? 0);
      const message = view.original!;
      const files = message.attachments.map((a) => sim.control.attachment(a.id));
      return {
        view,
        callbackType: view.callback!.type,
        ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
        message,
        embeds: message.embeds,
        text: [message.content, embedText(message.embeds)].join('\n'),
        files,
        followUps: view.followUps,
      };
    },
    async close() {
      await bot.stop();
      await services.close();
      await renderer.close();
      await sim.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** The interaction's final answer: a reply, or a deferral followed by its edit. */
export async function answerOf(
  sim: DiscordSim,
  id: string,
  timeoutMs: number,
  followUps: number,
): Promise<InteractionView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = sim.control.interaction(id);
    const answered =
      view.callback !== null &&
      (view.callback.type !== 5 || view.history.some((h) => h.kind === 'edit-original')) &&
      view.followUps.length >= followUps;
    if (answered) return view;
    if (Date.now() > deadline)
      throw new Error(
        `/${view.commandName} (${id}) got no answer in ${timeoutMs} ms: ${JSON.stringify(view.history)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function waitFor(
  check: () => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
