// Keeps the member cache of managed guilds complete: one full member request per guild and
// gateway session (Discord sends only the bot itself in GUILD_CREATE for large guilds), then
// discord.js follows GUILD_MEMBER_ADD/UPDATE/REMOVE. A rate-limited request waits and retries.
import type { Guild } from 'discord.js';
import type { BotLogger } from './ports.js';

const MAX_ATTEMPTS = 3;

export class ManagedMemberCache {
  /** Guilds whose full member list arrived in the current session. */
  private readonly complete = new Set<string>();
  private readonly pending = new Map<string, Promise<void>>();
  private generation = 0;

  constructor(private readonly logger: BotLogger) {}

  isComplete(guildId: string): boolean {
    return this.complete.has(guildId);
  }

  /** A new gateway session (not a resume) may have missed member events: fetch again. */
  newSession(): void {
    this.generation += 1;
    this.complete.clear();
    this.pending.clear();
  }

  ensure(guild: Guild): Promise<void> {
    if (this.complete.has(guild.id)) return Promise.resolve();
    let run = this.pending.get(guild.id);
    if (!run) {
      run = this.fetchAll(guild, this.generation).finally(() => this.pending.delete(guild.id));
      this.pending.set(guild.id, run);
    }
    return run;
  }

  private async fetchAll(guild: Guild, generation: number): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const started = performance.now();
      try {
        const members = await guild.members.fetch();
        if (generation !== this.generation) return;
        this.complete.add(guild.id);
        this.logger.info('member cache complete', {
          guildId: guild.id,
          members: members.size,
          ms: Math.round(performance.now() - started),
        });
        return;
      } catch (error) {
        // @discordjs/util's GatewayRateLimitError (not re-exported by discord.js) carries Discord's wait.
        const retryAfter = (error as { data?: { retry_after?: unknown } }).data?.retry_after;
        const waitMs = typeof retryAfter === 'number' ? Math.ceil(retryAfter * 1000) : 5000;
        this.logger.warn('member list request failed', {
          guildId: guild.id,
          attempt,
          waitMs,
          error,
        });
        if (attempt === MAX_ATTEMPTS || generation !== this.generation) throw error;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }
}
