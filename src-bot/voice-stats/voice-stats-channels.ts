// Voice stats channels: a category of locked voice channels whose names show the org's numbers.
// Setup finds its category and channels again (by the ids it stored, then by name) before it
// creates anything, and runs one at a time per guild, so a restart or two setups at once never
// duplicate them; categories a racing host created are folded into the oldest. Renames happen
// only when the text changes, and at most as often as Discord allows (queued, latest text wins).
import {
  ChannelType,
  Events,
  OverwriteType,
  PermissionFlagsBits,
  type CategoryChannel,
  type Client,
  type Guild,
  type GuildBasedChannel,
  type NonThreadGuildBasedChannel,
  type VoiceChannel,
} from 'discord.js';
import type { BotLogger } from '../ports.js';
import { guildOf } from '../sync/snapshot.js';
import { channelName, matchesFormat, type NumberStyle } from './format.js';
import { DISCORD_RENAME_LIMIT, RenameBudget, type RenameLimit } from './rename-budget.js';

export interface VoiceStatsLayout {
  categoryName: string;
  stats: { key: string; format: string }[];
  numberStyle: NumberStyle;
}

/** What is remembered between runs (the host keeps it in its store). */
export interface VoiceStatsRecord {
  categoryId: string | null;
  /** Stat key → channel id. */
  channels: Record<string, string>;
  /** Channel id → the name GitGuild last gave it. */
  lastText: Record<string, string>;
  /** Channel id → recent rename times (ISO). */
  renames: Record<string, string[]>;
}

export interface VoiceStatsStatePort {
  load(guildId: string): VoiceStatsRecord | null;
  save(guildId: string, record: VoiceStatsRecord): Promise<void>;
}

export interface VoiceStatsOptions {
  renameLimit?: RenameLimit;
  now?: () => number;
  logger?: BotLogger;
}

interface PendingRename {
  guildId: string;
  name: string;
  timer: ReturnType<typeof setTimeout> | null;
}

const REASON = 'GitGuild voice stats';

/** A stats channel after setup; `created` is false for one that was already there. */
export interface SetupChannel {
  key: string;
  channelId: string;
  name: string;
  created: boolean;
}

export class VoiceStatsChannels {
  private readonly budget: RenameBudget;
  private readonly now: () => number;
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly pending = new Map<string, PendingRename>();
  /** Renames we sent and have not yet seen echoed by the gateway. */
  private readonly ours = new Set<string>();
  private stopped = false;
  private readonly onChannelUpdate = (
    before: GuildBasedChannel | NonThreadGuildBasedChannel | { id: string; name?: string },
    after: GuildBasedChannel | NonThreadGuildBasedChannel | { id: string; name?: string },
  ): void => this.noticeRename(before, after);

  constructor(
    private readonly client: Client,
    private readonly state: VoiceStatsStatePort,
    private readonly options: VoiceStatsOptions = {},
  ) {
    this.budget = new RenameBudget(options.renameLimit ?? DISCORD_RENAME_LIMIT);
    this.now = options.now ?? Date.now;
    client.on(Events.ChannelUpdate, this.onChannelUpdate);
  }

  /** Stops pending renames and the gateway listener. */
  dispose(): void {
    this.stopped = true;
    this.client.off(Events.ChannelUpdate, this.onChannelUpdate);
    for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer);
    this.pending.clear();
  }

  /** Creates or finds the category and channels, then names them from `values`. */
  setup(
    guildId: string,
    layout: VoiceStatsLayout,
    values: Record<string, number>,
  ): Promise<{ categoryId: string; channels: SetupChannel[] }> {
    return this.locked(guildId, async () => {
      const guild = guildOf(this.client, guildId);
      const record = this.load(guildId);
      const existed = new Set(guild.channels.cache.keys());
      const category = await this.ensureCategory(guild, layout, record);
      const channels: SetupChannel[] = [];
      for (const stat of layout.stats) {
        const text = channelName(stat.format, values[stat.key] ?? 0, layout.numberStyle);
        const channel = await this.ensureChannel(guild, category, stat, text, record);
        record.channels[stat.key] = channel.id;
        channels.push({
          key: stat.key,
          channelId: channel.id,
          name: text,
          created: !existed.has(channel.id),
        });
      }
      // Channels for stats the admin switched off go away.
      const wanted = new Set(layout.stats.map((s) => s.key));
      for (const [key, id] of Object.entries(record.channels)) {
        if (wanted.has(key)) continue;
        await guild.channels.cache
          .get(id)
          ?.delete(REASON)
          .catch(() => undefined);
        delete record.channels[key];
        delete record.lastText[id];
        delete record.renames[id];
      }
      await this.state.save(guildId, record);
      for (const c of channels) this.requestRename(guildId, c.channelId, c.name);
      return { categoryId: category.id, channels };
    });
  }

  /** Renames the channels whose text changed; needs a previous setup (else does nothing). */
  refresh(guildId: string, layout: VoiceStatsLayout, values: Record<string, number>): string[] {
    const record = this.state.load(guildId);
    if (!record) return [];
    const queued: string[] = [];
    for (const stat of layout.stats) {
      const id = record.channels[stat.key];
      if (!id) continue;
      const text = channelName(stat.format, values[stat.key] ?? 0, layout.numberStyle);
      if (this.requestRename(guildId, id, text)) queued.push(id);
    }
    return queued;
  }

  /** Queues a rename unless the channel already has that name; true when one is pending. */
  private requestRename(guildId: string, channelId: string, name: string): boolean {
    if (this.stopped) return false;
    const channel = this.client.guilds.cache.get(guildId)?.channels.cache.get(channelId);
    const current = this.pending.get(channelId);
    if (channel?.name === name) {
      if (current?.timer) clearTimeout(current.timer);
      this.pending.delete(channelId);
      return false;
    }
    if (current) {
      current.name = name; // the newest text wins; one rename sends it
      return true;
    }
    this.pending.set(channelId, { guildId, name, timer: null });
    this.schedule(channelId);
    return true;
  }

  private schedule(channelId: string): void {
    const pending = this.pending.get(channelId);
    if (!pending || this.stopped) return;
    const now = this.now();
    const wait = Math.max(0, this.budget.nextAllowedAt(channelId, now) - now);
    pending.timer = setTimeout(() => void this.flush(channelId), wait);
  }

  private async flush(channelId: string): Promise<void> {
    const pending = this.pending.get(channelId);
    if (!pending || this.stopped) return;
    pending.timer = null;
    const now = this.now();
    if (this.budget.nextAllowedAt(channelId, now) > now) return this.schedule(channelId);
    const channel = this.client.guilds.cache.get(pending.guildId)?.channels.cache.get(channelId);
    if (!channel || channel.name === pending.name) {
      this.pending.delete(channelId);
      return;
    }
    const name = pending.name;
    this.budget.record(channelId, now);
    this.ours.add(channelId);
    try {
      await channel.edit({ name, reason: REASON });
      await this.remember(pending.guildId, channelId, name);
    } catch (error) {
      this.options.logger?.warn('voice stats rename failed', { channelId, error });
    } finally {
      this.ours.delete(channelId);
    }
    // A newer text may have arrived while this one was in flight.
    const after = this.pending.get(channelId);
    if (after && after.name !== name) this.schedule(channelId);
    else this.pending.delete(channelId);
  }

  private async remember(guildId: string, channelId: string, name: string): Promise<void> {
    await this.locked(guildId, async () => {
      const record = this.load(guildId);
      record.lastText[channelId] = name;
      record.renames[channelId] = this.budget
        .recent(channelId, this.now())
        .map((t) => new Date(t).toISOString());
      await this.state.save(guildId, record);
    });
  }

  private async ensureCategory(
    guild: Guild,
    layout: VoiceStatsLayout,
    record: VoiceStatsRecord,
  ): Promise<CategoryChannel> {
    const categories = guild.channels.cache
      .filter((c): c is CategoryChannel => c.type === ChannelType.GuildCategory)
      .sort((a, b) => compareIds(a.id, b.id));
    let category =
      (record.categoryId ? categories.get(record.categoryId) : undefined) ??
      categories.find((c) => c.name === layout.categoryName);
    if (!category) {
      category = await guild.channels.create({
        name: layout.categoryName,
        type: ChannelType.GuildCategory,
        permissionOverwrites: this.lockedOverwrites(guild),
        reason: REASON,
      });
    }
    record.categoryId = category.id;
    // Another GitGuild (or a setup racing from elsewhere) may have made its own copy: fold it in.
    for (const twin of categories.values()) {
      if (twin.id === category.id || twin.name !== category.name) continue;
      const children = guild.channels.cache.filter((c) => c.parentId === twin.id);
      const ownStats = children.every(
        (c) =>
          c.type === ChannelType.GuildVoice &&
          layout.stats.some((s) => matchesFormat(s.format, c.name)),
      );
      if (!ownStats) continue;
      for (const child of children.values()) await child.delete(REASON).catch(() => undefined);
      await twin.delete(REASON).catch(() => undefined);
    }
    return category;
  }

  private async ensureChannel(
    guild: Guild,
    category: CategoryChannel,
    stat: { key: string; format: string },
    text: string,
    record: VoiceStatsRecord,
  ): Promise<VoiceChannel> {
    const inCategory = guild.channels.cache
      .filter(
        (c): c is VoiceChannel => c.type === ChannelType.GuildVoice && c.parentId === category.id,
      )
      .sort((a, b) => compareIds(a.id, b.id));
    const stored = record.channels[stat.key];
    const found =
      (stored ? inCategory.get(stored) : undefined) ??
      inCategory.find((c) => matchesFormat(stat.format, c.name));
    // Duplicates of the same stat (from a racing setup) go; the oldest stays.
    for (const c of inCategory.values())
      if (c.id !== found?.id && matchesFormat(stat.format, c.name))
        await c.delete(REASON).catch(() => undefined);
    if (found) return found;
    const channel = await guild.channels.create({
      name: text,
      type: ChannelType.GuildVoice,
      parent: category.id,
      permissionOverwrites: this.lockedOverwrites(guild),
      reason: REASON,
    });
    record.lastText[channel.id] = text;
    return channel;
  }

  /** Everyone sees the channels, nobody joins them (GitGuild keeps the right to manage them). */
  private lockedOverwrites(guild: Guild) {
    return [
      {
        id: guild.id,
        type: OverwriteType.Role,
        allow: [PermissionFlagsBits.ViewChannel],
        deny: [PermissionFlagsBits.Connect],
      },
    ];
  }

  private noticeRename(
    before: { id: string; name?: string },
    after: { id: string; name?: string },
  ): void {
    if (before.name === after.name || this.ours.has(after.id)) return;
    if (!this.pending.has(after.id) && !this.isOurs(after.id)) return;
    // Someone renamed it by hand: that counts against the same Discord limit.
    this.budget.record(after.id, this.now());
  }

  private isOurs(channelId: string): boolean {
    for (const guild of this.client.guilds.cache.values()) {
      const record = this.state.load(guild.id);
      if (record && Object.values(record.channels).includes(channelId)) return true;
    }
    return false;
  }

  private load(guildId: string): VoiceStatsRecord {
    const record = structuredClone(
      this.state.load(guildId) ?? { categoryId: null, channels: {}, lastText: {}, renames: {} },
    );
    for (const [channelId, times] of Object.entries(record.renames))
      this.budget.restore(channelId, [
        ...new Set([
          ...times.map((t) => Date.parse(t)),
          ...this.budget.recent(channelId, this.now()),
        ]),
      ]);
    return record;
  }

  private locked<T>(guildId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(guildId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.locks.set(guildId, settled);
    return next;
  }
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
