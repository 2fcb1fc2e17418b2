// Voice stats channels against both simulators: numbers read from GitHub (stars, forks, open PRs
// and issues) and from the stored contributions, a locked category found again after a restart
// or a lost state and never duplicated by racing setups, and renames that stay inside Discord's
// 2-per-window limit without a single 429.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelType, PermissionFlagsBits, type Client } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VoiceStatsChannels } from '../../../src-bot/voice-stats/voice-stats-channels.js';
import { formatNumber } from '../../../src-bot/voice-stats/format.js';
import { ContributionIndexes } from '../../../src-main/host/contribution-indexes.js';
import { VoiceStatsService } from '../../../src-main/host/voice-stats-service.js';
import { silentLogger } from '../../../src-main/log/logger.js';
import { GitHubOrgReader } from '../../../src-main/scheduler/github-reader.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import { openStore, type Store } from '../../../src-main/store/index.js';
import { settingsForSimulators, startSimulators, type Simulators } from '../../../sim/index.js';
import { orgTruth } from '../../../sim/scenarios/org.js';
import { connectClient } from '../sync/sync-rig.js';

const WINDOW_MS = 1500;
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Rig {
  sims: Simulators;
  store: Store;
  client: Client;
  guildId: string;
  service: () => VoiceStatsService;
}

async function rig(): Promise<Rig> {
  const sims = await startSimulators({ seed: 4, preset: 'tiny' });
  cleanup.push(() => sims.close());
  sims.discord.control.setRateLimits({ channelRename: { limit: 2, windowMs: WINDOW_MS } });
  const dataDir = await mkdtemp(join(tmpdir(), 'gitguild-voice-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const store = await openStore({ dataDir, logger: silentLogger });
  cleanup.push(() => store.close());
  await store.settings.update(settingsForSimulators(sims));
  const guildId = sims.discord.guild.guild.id;
  await store.guilds.upsert({
    id: guildId,
    name: 'Demo',
    enabled: true,
    org: sims.github.org.login,
  });
  const byRepo = new Map<string, ReturnType<typeof orgTruth>>();
  for (const c of orgTruth(sims.github.org)) byRepo.set(c.repo, [...(byRepo.get(c.repo) ?? []), c]);
  let repoId = 0;
  for (const [repo, counts] of byRepo)
    await store.contributions.commitRepoCrawl(
      sims.github.org.login,
      { id: (repoId += 1), name: repo },
      counts,
      { through: new Date().toISOString(), headOid: null },
    );
  const secrets = await openSecretStore({ backend: 'memory', logger: silentLogger });
  await secrets.set('github.token', sims.github.token);
  const client = await connectClient(sims.discord);
  cleanup.push(() => client.destroy());
  const reader = new GitHubOrgReader({
    settings: store.settings,
    secrets,
    logger: silentLogger,
    userAgent: 'GitGuild-test',
  });
  const indexes = new ContributionIndexes(store.contributions);
  return {
    sims,
    store,
    client,
    guildId,
    service: () => {
      const service = new VoiceStatsService({
        store,
        indexFor: (org) => indexes.get(org),
        repoFacts: (org) => reader.repoFacts(org),
        client: () => client,
        logger: silentLogger,
        renameLimit: { limit: 2, windowMs: WINDOW_MS },
      });
      cleanup.push(async () => service.dispose());
      return service;
    },
  };
}

const statsChannels = (r: Rig) => {
  const guild = r.sims.discord.control.guild();
  const categories = guild.channels.filter(
    (c) => c.type === ChannelType.GuildCategory && c.name === '📊 GitHub Stats',
  );
  return {
    categories,
    voice: guild.channels.filter(
      (c) => c.type === ChannelType.GuildVoice && categories.some((k) => k.id === c.parent_id),
    ),
  };
};

describe('voice stats channels', () => {
  it('creates a locked category of six channels named from GitHub and the crawl', async () => {
    const r = await rig();
    const result = await r.service().setup(r.guildId);
    const org = r.sims.github.org;
    const kept = org.repos.filter((x) => !x.archived && !x.fork);
    const stars = kept.reduce((n, x) => n + x.stars, 0);
    const openPrs = kept.reduce((n, x) => n + x.pulls.filter((p) => p.state === 'open').length, 0);
    const contributors = new Set(orgTruth(org).map((c) => c.login)).size;
    expect(result.channels.map((c) => c.name)).toEqual([
      `⭐ Stars: ${formatNumber(stars, 'full')}`,
      expect.stringMatching(/^🍴 Forks: [\d,]+$/),
      `👥 Contributors: ${formatNumber(contributors, 'full')}`,
      `🔀 Open PRs: ${formatNumber(openPrs, 'full')}`,
      expect.stringMatching(/^🐛 Open issues: [\d,]+$/),
      expect.stringMatching(/^📝 Commits: [\d,]+$/),
    ]);
    const { categories, voice } = statsChannels(r);
    expect(categories).toHaveLength(1);
    expect(voice.map((c) => c.name)).toEqual(result.channels.map((c) => c.name));
    for (const channel of voice) {
      const everyone = channel.permission_overwrites?.find((o) => o.id === r.guildId);
      expect(BigInt(everyone?.deny ?? '0') & PermissionFlagsBits.Connect).toBe(
        PermissionFlagsBits.Connect,
      );
    }
    expect(r.store.guilds.get(r.guildId)?.voiceStats.enabled).toBe(true);
  });

  it('never duplicates: racing setups, a restart and a lost state all end with the same channels', async () => {
    const r = await rig();
    const service = r.service();
    const [a, b] = await Promise.all([service.setup(r.guildId), service.setup(r.guildId)]);
    expect(b.categoryId).toBe(a.categoryId);
    expect(b.channels.map((c) => c.channelId)).toEqual(a.channels.map((c) => c.channelId));
    // A restart: a new service over the same store.
    const again = await r.service().setup(r.guildId);
    expect(again.channels.map((c) => c.channelId)).toEqual(a.channels.map((c) => c.channelId));
    // The stored ids are gone (history discarded): found again by name.
    await r.store.history.updateSyncState((s) => ({ ...s, voiceStats: {} }));
    const found = await r.service().setup(r.guildId);
    expect(found.categoryId).toBe(a.categoryId);
    expect(found.channels.map((c) => c.channelId)).toEqual(a.channels.map((c) => c.channelId));
    const { categories, voice } = statsChannels(r);
    expect(categories).toHaveLength(1);
    expect(voice).toHaveLength(6);
  });

  it('folds in a category a racing host created, keeping the oldest', async () => {
    const r = await rig();
    const first = await r.service().setup(r.guildId);
    // Another GitGuild (its own store) sets up at the same time and makes its own copy.
    const guild = r.client.guilds.cache.get(r.guildId)!;
    const twin = await guild.channels.create({
      name: '📊 GitHub Stats',
      type: ChannelType.GuildCategory,
    });
    await guild.channels.create({
      name: '⭐ Stars: 1',
      type: ChannelType.GuildVoice,
      parent: twin.id,
    });
    const again = await r.service().setup(r.guildId);
    expect(again.categoryId).toBe(first.categoryId);
    await vi.waitFor(() => expect(statsChannels(r).categories).toHaveLength(1));
    expect(statsChannels(r).voice).toHaveLength(6);
  });

  it('renames only on change, at most twice per window per channel, and never meets a 429', async () => {
    const r = await rig();
    const layout = {
      categoryName: 'Numbers',
      stats: [{ key: 'stars', format: '⭐ {value}' }],
      numberStyle: 'full' as const,
    };
    let saved: Parameters<ConstructorParameters<typeof VoiceStatsChannels>[1]['save']>[1] | null =
      null;
    const channels = new VoiceStatsChannels(
      r.client,
      {
        load: () => (saved ? structuredClone(saved) : null),
        save: async (_g, rec) => void (saved = structuredClone(rec)),
      },
      { renameLimit: { limit: 2, windowMs: WINDOW_MS } },
    );
    cleanup.push(async () => channels.dispose());
    const { channels: made } = await channels.setup(r.guildId, layout, { stars: 100 });
    const channelId = made[0]!.channelId;
    r.sims.discord.control.clearCallLog();
    expect(channels.refresh(r.guildId, layout, { stars: 100 })).toEqual([]); // same text: nothing
    for (const stars of [101, 102, 103, 104, 105]) {
      channels.refresh(r.guildId, layout, { stars });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await vi.waitFor(
      () =>
        expect(r.sims.discord.control.guild().channels.find((c) => c.id === channelId)?.name).toBe(
          '⭐ 105',
        ),
      { timeout: 3 * WINDOW_MS, interval: 50 },
    );
    const renames = r.sims.discord.control
      .callLog()
      .filter((c) => c.method === 'PATCH' && c.path.endsWith(`/channels/${channelId}`));
    expect(renames.every((c) => c.status === 200)).toBe(true);
    expect(renames.length).toBeLessThanOrEqual(3);
    for (const call of renames) {
      const inWindow = renames.filter((c) => c.at >= call.at && c.at < call.at + WINDOW_MS);
      expect(inWindow.length).toBeLessThanOrEqual(2);
    }
  });
});
