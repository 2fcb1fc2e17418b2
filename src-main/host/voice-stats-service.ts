// The host side of voice stats: the org's numbers (stars, forks, open issues and PRs from GitHub;
// contributors and commits from the crawled contributions), the guild's layout from its settings,
// and the stored channel ids and rename times. One VoiceStatsChannels per bot client.
import type { Client } from 'discord.js';
import {
  VoiceStatsChannels,
  type VoiceStatsRecord,
} from '../../src-bot/voice-stats/voice-stats-channels.js';
import type { RenameLimit } from '../../src-bot/voice-stats/rename-budget.js';
import type { VoiceStatsPort } from '../../src-bot/ports.js';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { OrgRepoFacts } from '../scheduler/github-reader.js';
import { orgTotals } from '../stats/org-totals.js';
import type { ContributionIndex } from '../stats/contribution-index.js';
import type { Store } from '../store/index.js';
import type { Guild, VoiceStatKey } from '../store/types.js';

const REPO_STATS: readonly VoiceStatKey[] = ['stars', 'forks', 'open_prs', 'open_issues'];

export interface VoiceStatsServiceDeps {
  store: Store;
  indexFor: (org: string) => ContributionIndex;
  repoFacts: (org: string) => Promise<OrgRepoFacts>;
  client: () => Client | null;
  logger: Logger;
  renameLimit?: RenameLimit;
}

export class VoiceStatsService {
  private channels: { client: Client; manager: VoiceStatsChannels } | null = null;

  constructor(private readonly deps: VoiceStatsServiceDeps) {}

  async setup(guildId: string): Promise<{
    categoryId: string;
    channels: { key: VoiceStatKey; channelId: string; name: string; created: boolean }[];
  }> {
    const guild = this.guild(guildId);
    const values = await this.values(guild);
    const result = await this.manager().setup(guildId, guild.voiceStats, values);
    if (!guild.voiceStats.enabled)
      await this.deps.store.guilds.upsert({
        ...guild,
        voiceStats: { ...guild.voiceStats, enabled: true },
      });
    return {
      categoryId: result.categoryId,
      channels: result.channels.map((c) => ({ ...c, key: c.key as VoiceStatKey })),
    };
  }

  /** Renames what changed, for the scheduler; a guild without setup or with stats off is skipped. */
  async refresh(guildId: string): Promise<number> {
    const guild = this.deps.store.guilds.get(guildId);
    if (!guild?.enabled || !guild.voiceStats.enabled || !this.deps.client()) return 0;
    const values = await this.values(guild);
    return this.manager().refresh(guildId, guild.voiceStats, values).length;
  }

  dispose(): void {
    this.channels?.manager.dispose();
    this.channels = null;
  }

  private async values(guild: Guild): Promise<Record<string, number>> {
    if (!guild.org)
      throw new GitGuildError(
        'invalid_input',
        `${guild.name} follows no GitHub organisation yet.`,
        {
          hint: 'Pick the organisation in the guild settings first.',
        },
      );
    const keys = guild.voiceStats.stats.map((s) => s.key);
    const totals = orgTotals([], this.deps.indexFor(guild.org));
    const values: Record<string, number> = {
      contributors: totals.contributors,
      commits: totals.commits,
    };
    if (keys.some((k) => REPO_STATS.includes(k))) {
      const facts = await this.deps.repoFacts(guild.org);
      Object.assign(values, {
        stars: facts.stars,
        forks: facts.forks,
        open_prs: facts.openPrs,
        open_issues: facts.openIssues,
      });
    }
    return values;
  }

  private manager(): VoiceStatsChannels {
    const client = this.deps.client();
    if (!client)
      throw new GitGuildError('upstream_failed', 'The bot is not connected to Discord.', {
        hint: 'Check the bot status first.',
      });
    if (this.channels?.client !== client) {
      this.channels?.manager.dispose();
      const history = this.deps.store.history;
      this.channels = {
        client,
        manager: new VoiceStatsChannels(
          client,
          {
            load: (guildId) =>
              history.readSyncState((s) => {
                const r = s.voiceStats[guildId];
                return r ? (structuredClone(r) as VoiceStatsRecord) : null;
              }),
            save: (guildId, record) =>
              history.updateSyncState((s) => ({
                ...s,
                voiceStats: { ...s.voiceStats, [guildId]: record },
              })),
          },
          {
            logger: this.deps.logger.child('voice-stats'),
            ...(this.deps.renameLimit ? { renameLimit: this.deps.renameLimit } : {}),
          },
        ),
      };
    }
    return this.channels.manager;
  }

  private guild(guildId: string): Guild {
    const guild = this.deps.store.guilds.get(guildId);
    if (!guild)
      throw new GitGuildError('not_found', `Guild ${guildId} is not managed by GitGuild.`, {
        hint: 'Add it under Guilds first.',
      });
    return guild;
  }
}

/** The bot's VoiceStatsPort (/setup_voice_stats) over the service. */
export function voiceStatsPort(
  voiceStats: Pick<VoiceStatsService, 'setup'>,
  logger: Logger,
): VoiceStatsPort {
  return {
    setup: async (guildId, actor) => {
      const result = await voiceStats.setup(guildId);
      logger.info('voice stats set up', {
        guildId,
        actor,
        created: result.channels.filter((c) => c.created).length,
      });
      return {
        categoryId: result.categoryId,
        channels: result.channels.map((c) => ({
          id: c.channelId,
          name: c.name,
          created: c.created,
        })),
      };
    },
  };
}
