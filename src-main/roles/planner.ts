// The sync planner: for every member, the managed roles they should hold (mappings, tier
// groups, grace periods), diffed with the roles they hold. Pure: the same input gives the same
// plan, and a dry run is exactly this plan.
//
// A role is given as soon as its condition holds; a held role whose condition fails stays until
// the failure has lasted the mapping's grace period. Within a tier group a member keeps only the
// highest tier they reach (a role in grace still counts as reached, so a tier does not step down
// and back up). Conditions whose data is missing leave the role as it is.
import type { Mapping, SyncProblem } from '../store/types.js';
import { evaluateCondition, needsContributions, needsDirectory, teamsOf } from './conditions.js';
import { graceDaysOf } from './describe.js';
import { invitees, linkedElsewhere } from './invite-list.js';
import type {
  GuildGraceState,
  HeldInGrace,
  MemberPlan,
  PlanInput,
  RoleChange,
  SnapshotMember,
  SyncPlan,
} from './plan-types.js';
import { checkRoleAccess } from './role-checks.js';

const DAY_MS = 86_400_000;

interface MappingOutcome {
  mapping: Mapping;
  qualifies: boolean;
  reason: string;
  graceSince: string | null;
}

export function planGuildSync(input: PlanInput): SyncPlan {
  const { guild, snapshot, now } = input;
  const enabled = input.mappings
    .filter((m) => m.enabled && m.guildId === guild.id)
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  const access = checkRoleAccess(snapshot, enabled);
  const active = enabled.filter((m) => access.usable.has(m.roleId));
  const problems: SyncProblem[] = [...access.problems, ...dataProblems(input, active)];

  const changes: MemberPlan[] = [];
  const heldInGrace: HeldInGrace[] = [];
  const nextGrace: GuildGraceState = {};
  let membersChecked = 0;
  const members = [...snapshot.members].sort((a, b) => compareIds(a.userId, b.userId));
  for (const member of members) {
    // Other bots are never touched: their roles belong to whoever installed them.
    if (member.bot) continue;
    if (input.onlyMembers && !input.onlyMembers.has(member.userId)) continue;
    membersChecked += 1;
    const login = input.links.get(member.userId) ?? null;
    const held = new Set(member.roles);
    if (login === null) {
      if (!guild.removeRolesOnUnlink) continue;
      const remove = [...access.usable.values()]
        .filter((r) => held.has(r.id))
        .map((r) => ({
          roleId: r.id,
          roleName: r.name,
          mappingId: null,
          reason: 'not linked to GitHub',
        }));
      if (remove.length > 0)
        changes.push({
          userId: member.userId,
          username: member.username,
          githubLogin: null,
          add: [],
          remove,
        });
      continue;
    }
    const outcomes = active.map((m) => judge(m, member, login, held, input));
    const plan = diff(member, login, outcomes, held, access.usable);
    for (const o of outcomes) {
      if (!o.graceSince || !o.qualifies) continue;
      (nextGrace[member.userId] ??= {})[o.mapping.id] = o.graceSince;
      heldInGrace.push({
        userId: member.userId,
        roleId: o.mapping.roleId,
        mappingId: o.mapping.id,
        removeAfter: new Date(
          Date.parse(o.graceSince) + graceDaysOf(o.mapping) * DAY_MS,
        ).toISOString(),
      });
    }
    if (plan.add.length > 0 || plan.remove.length > 0) changes.push(plan);
  }
  // Members outside a partial plan keep their stored grace entries untouched.
  if (input.onlyMembers) {
    for (const [userId, entries] of Object.entries(input.grace))
      if (!input.onlyMembers.has(userId)) nextGrace[userId] = { ...entries };
  }

  const totalAdds = changes.reduce((n, c) => n + c.add.length, 0);
  const totalRemoves = changes.reduce((n, c) => n + c.remove.length, 0);
  return {
    guildId: guild.id,
    generatedAt: now.toISOString(),
    membersChecked,
    changes,
    totalAdds,
    totalRemoves,
    roles: roleCounts(changes, access.usable),
    problems,
    capExceeded: totalAdds + totalRemoves > guild.maxChangesPerRun,
    cap: guild.maxChangesPerRun,
    heldInGrace,
    linkedNotInGuild: input.onlyMembers ? [] : linkedElsewhere(input),
    topUnlinked: input.onlyMembers ? [] : invitees(input),
    nextGrace,
  };
}

/** One mapping for one member: does it apply, counting the grace period of a held role? */
function judge(
  mapping: Mapping,
  member: SnapshotMember,
  login: string,
  held: ReadonlySet<string>,
  input: PlanInput,
): MappingOutcome {
  const result = evaluateCondition(mapping.condition, login, input);
  const has = held.has(mapping.roleId);
  if (result.verdict === 'yes')
    return { mapping, qualifies: true, reason: result.because, graceSince: null };
  if (result.verdict === 'unknown') {
    // Missing data changes nothing: a held role stays (with its grace clock as it was).
    const since = input.grace[member.userId]?.[mapping.id] ?? null;
    return { mapping, qualifies: has, reason: result.because, graceSince: has ? since : null };
  }
  if (!has) return { mapping, qualifies: false, reason: result.because, graceSince: null };
  const since = input.grace[member.userId]?.[mapping.id] ?? input.now.toISOString();
  const graceMs = graceDaysOf(mapping) * DAY_MS;
  const inGrace = input.now.getTime() - Date.parse(since) < graceMs;
  return {
    mapping,
    qualifies: inGrace,
    reason:
      graceMs === 0
        ? `no longer: ${result.because}`
        : `no longer: ${result.because}, since ${since.slice(0, 10)} (grace ${graceDaysOf(mapping)} d over)`,
    graceSince: inGrace ? since : null,
  };
}

/** Applies tier groups, then compares the wanted managed roles with the held ones. */
function diff(
  member: SnapshotMember,
  login: string,
  outcomes: MappingOutcome[],
  held: ReadonlySet<string>,
  usable: ReadonlyMap<string, { name: string }>,
): MemberPlan {
  const topOfGroup = new Map<string, MappingOutcome>();
  for (const o of outcomes)
    if (o.qualifies && o.mapping.group !== null) topOfGroup.set(o.mapping.group, o);
  const wanted = new Map<string, MappingOutcome>();
  const superseded = new Map<string, MappingOutcome>();
  for (const o of outcomes) {
    const top = o.mapping.group === null ? o : topOfGroup.get(o.mapping.group);
    if (o.qualifies && top === o) {
      if (!wanted.has(o.mapping.roleId)) wanted.set(o.mapping.roleId, o);
    } else if (o.qualifies && top) superseded.set(o.mapping.roleId, top);
  }
  const add: RoleChange[] = [];
  const remove: RoleChange[] = [];
  for (const [roleId, role] of usable) {
    const want = wanted.get(roleId);
    if (want && !held.has(roleId)) {
      add.push({ roleId, roleName: role.name, mappingId: want.mapping.id, reason: want.reason });
    } else if (!want && held.has(roleId)) {
      const higher = superseded.get(roleId);
      const failing = outcomes.find((o) => o.mapping.roleId === roleId);
      remove.push({
        roleId,
        roleName: role.name,
        mappingId: higher?.mapping.id ?? failing?.mapping.id ?? null,
        reason: higher
          ? `replaced by higher tier ${usable.get(higher.mapping.roleId)?.name ?? higher.mapping.roleId} in ${higher.mapping.group}`
          : (failing?.reason ?? 'no mapping applies'),
      });
    }
  }
  return { userId: member.userId, username: member.username, githubLogin: login, add, remove };
}

function dataProblems(input: PlanInput, active: Mapping[]): SyncProblem[] {
  const problems: SyncProblem[] = [];
  const org = input.guild.org;
  if (active.some((m) => needsContributions(m.condition) || needsDirectory(m.condition))) {
    if (org === null) {
      problems.push({
        code: 'no_org',
        message:
          'This guild follows no GitHub organisation, so contribution and membership conditions cannot be checked.',
        fix: 'Pick the organisation in the guild settings.',
      });
      return problems;
    }
  }
  if (!input.contributions && active.some((m) => needsContributions(m.condition))) {
    problems.push({
      code: 'no_crawl',
      message: `${org} has not been crawled yet, so contribution conditions are not checked; held roles are kept.`,
      fix: 'Run a crawl (Stats → Crawl now) or wait for the scheduler.',
    });
  }
  const needsDir = active.some((m) => needsDirectory(m.condition));
  if (needsDir && !input.directory) {
    problems.push({
      code: 'no_directory',
      message: `Members and teams of ${org} have not been read yet; team and org conditions keep held roles as they are.`,
      fix: 'They are read before each scheduled sync; check that the GitHub token may read the org’s members.',
    });
  }
  if (input.directory) {
    const teams = new Set(active.flatMap((m) => teamsOf(m.condition)));
    for (const team of teams) {
      const why = input.directory.missingTeams.get(team);
      if (why || !input.directory.teams.has(team))
        problems.push({
          code: 'team_unreadable',
          message: `Team ${team} of ${org} could not be read${why ? `: ${why}` : ''}.`,
          fix: 'Check the team slug, and that the GitHub token can see the team (read:org).',
        });
    }
  }
  return problems;
}

function roleCounts(
  changes: MemberPlan[],
  usable: ReadonlyMap<string, { name: string }>,
): SyncPlan['roles'] {
  const counts = new Map<string, { added: number; removed: number }>();
  for (const c of changes) {
    for (const a of c.add)
      (
        counts.get(a.roleId) ?? counts.set(a.roleId, { added: 0, removed: 0 }).get(a.roleId)!
      ).added += 1;
    for (const r of c.remove)
      (
        counts.get(r.roleId) ?? counts.set(r.roleId, { added: 0, removed: 0 }).get(r.roleId)!
      ).removed += 1;
  }
  return [...usable]
    .filter(([id]) => counts.has(id))
    .map(([roleId, role]) => ({ roleId, name: role.name, ...counts.get(roleId)! }));
}

export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
