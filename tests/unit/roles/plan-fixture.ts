// Builds planner inputs from a few lines: a guild with GitGuild's role at position 10, members
// holding role ids, links, daily counts and mappings. Real stats index, real schemas.
import { directoryFacts, ContributionFacts } from '../../../src-main/roles/facts.js';
import type { GuildSnapshot, PlanInput } from '../../../src-main/roles/plan-types.js';
import { ContributionIndex } from '../../../src-main/stats/contribution-index.js';
import {
  GuildSchema,
  MappingSchema,
  type DailyCount,
  type GuildInput,
  type Mapping,
  type MappingCondition,
  type Metric,
} from '../../../src-main/store/types.js';

export const GUILD_ID = '500000000000000000';
export const NOW = new Date('2025-06-30T12:00:00.000Z');
export const ROLE = {
  tier1: '600000000000000001',
  tier2: '600000000000000002',
  tier3: '600000000000000003',
  active: '600000000000000004',
  team: '600000000000000005',
  unmanaged: '600000000000000006',
  integration: '600000000000000007',
  aboveBot: '600000000000000008',
  bot: '600000000000000009',
  gold: '600000000000000011',
  silver: '600000000000000012',
  bronze: '600000000000000013',
} as const;

export function snapshot(members: GuildSnapshot['members']): GuildSnapshot {
  const role = (id: string, name: string, position: number, managed = false) => ({
    id,
    name,
    position,
    managed,
    color: 0,
  });
  return {
    guildId: GUILD_ID,
    guildName: 'Test guild',
    botHighestPosition: 10,
    botRoleName: 'GitGuild',
    botCanManageRoles: true,
    roles: [
      role(GUILD_ID, '@everyone', 0),
      role(ROLE.tier1, 'Tier 1', 1),
      role(ROLE.tier2, 'Tier 2', 2),
      role(ROLE.tier3, 'Tier 3', 3),
      role(ROLE.active, 'Active', 4),
      role(ROLE.team, 'Core team', 5),
      role(ROLE.unmanaged, 'Artist', 6),
      role(ROLE.integration, 'Twitch Sub', 7, true),
      role(ROLE.gold, 'Gold', 8),
      role(ROLE.silver, 'Silver', 8),
      role(ROLE.bronze, 'Bronze', 9),
      role(ROLE.bot, 'GitGuild', 10, true),
      role(ROLE.aboveBot, 'Moderator', 11),
    ],
    members,
  };
}

export const member = (userId: string, roles: string[] = [], bot = false) => ({
  userId,
  username: `user${userId.slice(-3)}`,
  bot,
  roles,
});

export function guild(over: Partial<GuildInput> = {}) {
  return GuildSchema.parse({ id: GUILD_ID, name: 'Acme', enabled: true, org: 'acme', ...over });
}

let mappingSeq = 0;
export function mapping(
  roleId: string,
  condition: MappingCondition,
  over: Partial<Mapping> = {},
): Mapping {
  mappingSeq += 1;
  return MappingSchema.parse({
    id: `m${mappingSeq}`,
    guildId: GUILD_ID,
    roleId,
    enabled: true,
    order: mappingSeq,
    condition,
    ...over,
  });
}

export const metric = (
  m: Metric,
  threshold: number,
  days: number | 'all' = 'all',
): MappingCondition => ({
  kind: 'metric',
  metric: m,
  window: days === 'all' ? { kind: 'all_time' } : { kind: 'rolling', days },
  threshold,
});

/** `n` events of a metric for a login on a day (YYYY-MM-DD). */
export const counts = (login: string, m: Metric, day: string, n: number): DailyCount => ({
  login,
  repo: 'acme/app',
  metric: m,
  day,
  count: n,
});

export function input(
  over: Omit<Partial<PlanInput>, 'links'> & {
    counts?: DailyCount[];
    links?: Record<string, string>;
    teams?: Record<string, string[]>;
    orgMembers?: string[];
  },
): PlanInput {
  const { counts: daily, links, teams, orgMembers, ...rest } = over;
  return {
    guild: guild(),
    mappings: [],
    snapshot: snapshot([]),
    links: new Map(Object.entries(links ?? {})),
    contributions: new ContributionFacts(new ContributionIndex(daily ?? []), NOW),
    directory:
      teams || orgMembers
        ? directoryFacts({
            fetchedAt: NOW.toISOString(),
            members: orgMembers ?? [],
            teams: teams ?? {},
            missingTeams: {},
          })
        : null,
    grace: {},
    now: NOW,
    ...rest,
  };
}

export const daysBefore = (days: number): string =>
  new Date(NOW.getTime() - days * 86_400_000).toISOString();
