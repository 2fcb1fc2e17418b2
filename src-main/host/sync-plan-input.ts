// Gathers what the planner needs for one guild from the store: its settings and mappings, every
// link, the org's contribution facts (only once the org has been crawled), the org directory
// and the grace state, so the sync service and the live preview build plans the same way.
import { ContributionFacts, directoryFacts } from '../roles/facts.js';
import type { GuildSnapshot, PlanInput } from '../roles/plan-types.js';
import type { ContributionIndex } from '../stats/contribution-index.js';
import type { Store } from '../store/index.js';
import type { Guild, Mapping } from '../store/types.js';

export interface PlanSources {
  store: Pick<Store, 'links' | 'history' | 'contributions'>;
  indexFor: (org: string) => ContributionIndex;
}

export function buildPlanInput(
  sources: PlanSources,
  guild: Guild,
  mappings: Mapping[],
  snapshot: GuildSnapshot,
  now: Date,
  onlyMembers?: ReadonlySet<string>,
): PlanInput {
  const { store } = sources;
  const org = guild.org;
  const crawled = org !== null && store.contributions.lastCrawl(org) !== undefined;
  const stored = store.history.readSyncState((s) => ({
    grace: structuredClone(s.grace[guild.id] ?? {}),
    directory: org === null ? undefined : s.directory[org.toLowerCase()],
  }));
  return {
    guild,
    mappings,
    snapshot,
    links: new Map(store.links.list().map((l) => [l.discordUserId, l.githubLogin])),
    contributions: crawled && org ? new ContributionFacts(sources.indexFor(org), now) : null,
    directory: stored.directory ? directoryFacts(stored.directory) : null,
    grace: stored.grace,
    now,
    ...(onlyMembers ? { onlyMembers } : {}),
  };
}
