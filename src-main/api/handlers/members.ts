// members.list: reads the guild's members from the bot's gateway-fed cache (no REST reads), the
// links from the store and all-time counts from the org's contribution index.
import type { GuildSnapshot } from '../../roles/plan-types.js';
import type { ContributionIndex } from '../../stats/contribution-index.js';
import type { Store } from '../../store/index.js';
import { METRICS, type Metric } from '../../store/types.js';
import { GitGuildError } from '../../errors.js';
import type { HandlersFor } from '../handler-types.js';

export interface MembersHandlerDeps {
  store: Pick<Store, 'guilds' | 'mappings' | 'links' | 'contributions'>;
  indexFor: (org: string) => ContributionIndex;
  /** The guild as the bot sees it; null when the bot is not connected to it. */
  snapshot: (guildId: string) => Promise<GuildSnapshot | null>;
}

const UNLINKED_SHOWN = 25;

export function membersHandlers(deps: MembersHandlerDeps): HandlersFor<'members.list'> {
  return {
    'members.list': async ({ guildId }) => {
      const guild = deps.store.guilds.get(guildId);
      if (!guild)
        throw new GitGuildError('not_found', `Guild ${guildId} is not managed by GitGuild.`, {
          hint: 'Turn it on under Guilds first.',
        });
      const snapshot = await deps.snapshot(guildId).catch(() => null);
      const managed = new Set(
        deps.store.mappings
          .list(guildId)
          .filter((m) => m.enabled)
          .map((m) => m.roleId),
      );
      const roles = new Map((snapshot?.roles ?? []).map((r) => [r.id, r]));
      const inGuild = new Map((snapshot?.members ?? []).map((m) => [m.userId, m]));
      const crawled =
        guild.org !== null && deps.store.contributions.lastCrawl(guild.org) !== undefined;
      const index = crawled && guild.org ? deps.indexFor(guild.org) : null;
      const byLower = new Map((index?.logins() ?? []).map((l) => [l.toLowerCase(), l]));
      const totalsOf = (login: string): Record<Metric, number> => {
        const key = byLower.get(login.toLowerCase());
        const out = {} as Record<Metric, number>;
        for (const metric of METRICS) {
          const series = key && index ? index.series(key, metric) : undefined;
          out[metric] = series ? (series.prefix[series.prefix.length - 1] ?? 0) : 0;
        }
        return out;
      };
      const links = deps.store.links.list();
      const members = links
        .map((link) => {
          const member = inGuild.get(link.discordUserId);
          return {
            link: { ...link },
            member: member
              ? {
                  username: member.username,
                  managedRoles: member.roles
                    .filter((id) => managed.has(id))
                    .map((id) => roles.get(id))
                    .filter((r) => r !== undefined)
                    .sort((a, b) => b.position - a.position)
                    .map((r) => ({ id: r.id, name: r.name, color: r.color })),
                }
              : null,
            totals: index ? totalsOf(link.githubLogin) : null,
          };
        })
        .sort(
          (a, b) =>
            Number(b.member !== null) - Number(a.member !== null) ||
            a.link.githubLogin.localeCompare(b.link.githubLogin),
        );
      const linkedLogins = new Set(links.map((l) => l.githubLogin.toLowerCase()));
      const unlinked = index
        ? index
            .logins()
            .filter((login) => !linkedLogins.has(login.toLowerCase()))
            .map((login) => {
              const totals = totalsOf(login);
              return { login, totals, total: METRICS.reduce((sum, m) => sum + totals[m], 0) };
            })
            .filter((c) => c.total > 0)
            .sort((a, b) => b.total - a.total || a.login.localeCompare(b.login))
            .slice(0, UNLINKED_SHOWN)
        : [];
      return { guildId, org: guild.org, botConnected: snapshot !== null, members, unlinked };
    },
  };
}
