import { describe, expect, it } from 'vitest';
import { planGuildSync } from '../../../src-main/roles/planner.js';
import type { SyncPlan } from '../../../src-main/roles/plan-types.js';
import {
  counts,
  daysBefore,
  guild,
  input,
  mapping,
  member,
  metric,
  ROLE,
  snapshot,
} from './plan-fixture.js';

const A = '700000000000000001';
const B = '700000000000000002';
const C = '700000000000000003';
const D = '700000000000000004';

/** `{ userId: { add: [...roleIds], remove: [...roleIds] } }` for compact expectations. */
function diffOf(plan: SyncPlan): Record<string, { add: string[]; remove: string[] }> {
  return Object.fromEntries(
    plan.changes.map((c) => [
      c.userId,
      { add: c.add.map((a) => a.roleId), remove: c.remove.map((r) => r.roleId) },
    ]),
  );
}

describe('planGuildSync: metric thresholds', () => {
  it('gives a role once the metric reaches the threshold in the window, with the count as reason', () => {
    const plan = planGuildSync(
      input({
        mappings: [mapping(ROLE.active, metric('prs_merged', 3, 30))],
        snapshot: snapshot([member(A), member(B)]),
        links: { [A]: 'ada', [B]: 'bob' },
        counts: [
          counts('ada', 'prs_merged', '2025-06-20', 3),
          counts('bob', 'prs_merged', '2025-06-25', 2),
          // Outside the 30-day window: does not count for bob.
          counts('bob', 'prs_merged', '2025-04-01', 5),
        ],
      }),
    );
    expect(diffOf(plan)).toEqual({ [A]: { add: [ROLE.active], remove: [] } });
    expect(plan.changes[0]?.add[0]?.reason).toBe('merged PRs ≥ 3 (last 30 days): 3');
  });

  it('counts all time when the window is all time, and matches logins case-insensitively', () => {
    const plan = planGuildSync(
      input({
        mappings: [mapping(ROLE.active, metric('commits', 10))],
        snapshot: snapshot([member(A)]),
        links: { [A]: 'Ada' },
        counts: [
          counts('ada', 'commits', '2019-01-01', 6),
          counts('ada', 'commits', '2025-06-01', 4),
        ],
      }),
    );
    expect(diffOf(plan)).toEqual({ [A]: { add: [ROLE.active], remove: [] } });
  });
});

describe('planGuildSync: ranks (medals) with ties', () => {
  const medals = () => [
    mapping(
      ROLE.bronze,
      { kind: 'rank', metric: 'prs_merged', window: { kind: 'all_time' }, top: 3 },
      { group: 'medals' },
    ),
    mapping(
      ROLE.silver,
      { kind: 'rank', metric: 'prs_merged', window: { kind: 'all_time' }, top: 2 },
      { group: 'medals' },
    ),
    mapping(
      ROLE.gold,
      { kind: 'rank', metric: 'prs_merged', window: { kind: 'all_time' }, top: 1 },
      { group: 'medals' },
    ),
  ];

  it('gives tied first places gold each; the next contributor ranks third and gets bronze', () => {
    const plan = planGuildSync(
      input({
        mappings: medals(),
        snapshot: snapshot([member(A), member(B), member(C), member(D)]),
        links: { [A]: 'ada', [B]: 'bob', [C]: 'cy', [D]: 'dee' },
        counts: [
          counts('ada', 'prs_merged', '2025-01-01', 9),
          counts('bob', 'prs_merged', '2025-01-01', 9),
          counts('cy', 'prs_merged', '2025-01-01', 5),
          counts('dee', 'prs_merged', '2025-01-01', 1),
        ],
      }),
    );
    expect(diffOf(plan)).toEqual({
      [A]: { add: [ROLE.gold], remove: [] },
      [B]: { add: [ROLE.gold], remove: [] },
      [C]: { add: [ROLE.bronze], remove: [] },
    });
  });

  it('moves a medal when someone is overtaken (all-time ranks have no grace by default)', () => {
    const plan = planGuildSync(
      input({
        mappings: medals(),
        snapshot: snapshot([member(A, [ROLE.gold]), member(B, [ROLE.silver])]),
        links: { [A]: 'ada', [B]: 'bob' },
        counts: [
          counts('ada', 'prs_merged', '2025-01-01', 4),
          counts('bob', 'prs_merged', '2025-01-01', 7),
        ],
      }),
    );
    expect(diffOf(plan)).toEqual({
      [A]: { add: [ROLE.silver], remove: [ROLE.gold] },
      [B]: { add: [ROLE.gold], remove: [ROLE.silver] },
    });
  });
});

describe('planGuildSync: GitHub membership and combinations', () => {
  it('gives a team role to team members and an org role to org members', () => {
    const plan = planGuildSync(
      input({
        mappings: [
          mapping(ROLE.team, { kind: 'team', team: 'Core' }),
          mapping(ROLE.tier1, { kind: 'org_member' }),
        ],
        snapshot: snapshot([member(A), member(B, [ROLE.team])]),
        links: { [A]: 'ada', [B]: 'bob' },
        teams: { core: ['ADA'] },
        orgMembers: ['ada', 'bob'],
      }),
    );
    expect(diffOf(plan)).toEqual({
      [A]: { add: [ROLE.team, ROLE.tier1], remove: [] },
      [B]: { add: [ROLE.tier1], remove: [ROLE.team] },
    });
    expect(plan.changes[1]?.remove[0]?.reason).toBe('no longer: member of team Core: no');
  });

  it('leaves team roles as they are while team membership has not been read, and says why', () => {
    const plan = planGuildSync(
      input({
        mappings: [mapping(ROLE.team, { kind: 'team', team: 'core' })],
        snapshot: snapshot([member(A, [ROLE.team]), member(B)]),
        links: { [A]: 'ada', [B]: 'bob' },
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems.map((p) => p.code)).toEqual(['no_directory']);
  });

  it('gives a "linked" role to every linked member and combines conditions with all/any', () => {
    const plan = planGuildSync(
      input({
        mappings: [
          mapping(ROLE.tier1, { kind: 'linked' }),
          mapping(ROLE.tier2, {
            kind: 'all',
            of: [
              metric('issues', 1),
              { kind: 'any', of: [metric('commits', 5), { kind: 'org_member' }] },
            ],
          }),
        ],
        snapshot: snapshot([member(A), member(B), member(C)]),
        links: { [A]: 'ada', [B]: 'bob', [C]: 'cy' },
        orgMembers: ['bob'],
        counts: [
          counts('ada', 'issues', '2025-05-01', 2),
          counts('ada', 'commits', '2025-05-01', 5),
          counts('bob', 'issues', '2025-05-01', 1),
          counts('cy', 'commits', '2025-05-01', 50),
        ],
      }),
    );
    expect(diffOf(plan)).toEqual({
      [A]: { add: [ROLE.tier1, ROLE.tier2], remove: [] },
      [B]: { add: [ROLE.tier1, ROLE.tier2], remove: [] },
      [C]: { add: [ROLE.tier1], remove: [] },
    });
    expect(plan.changes[0]?.add[1]?.reason).toBe(
      'issues opened ≥ 1 (all time): 2 and commits ≥ 5 (all time): 5',
    );
  });
});

describe('planGuildSync: tier groups, order and enabled', () => {
  const tiers = () => [
    mapping(ROLE.tier1, metric('commits', 1), { group: 'Commits', order: 1 }),
    mapping(ROLE.tier2, metric('commits', 10), { group: 'Commits', order: 2 }),
    mapping(ROLE.tier3, metric('commits', 100), { group: 'Commits', order: 3 }),
  ];

  it('gives only the highest tier reached and replaces the lower one on promotion', () => {
    const plan = planGuildSync(
      input({
        mappings: tiers(),
        snapshot: snapshot([member(A, [ROLE.tier1]), member(B)]),
        links: { [A]: 'ada', [B]: 'bob' },
        counts: [
          counts('ada', 'commits', '2025-01-01', 12),
          counts('bob', 'commits', '2025-01-01', 150),
        ],
      }),
    );
    expect(diffOf(plan)).toEqual({
      [A]: { add: [ROLE.tier2], remove: [ROLE.tier1] },
      [B]: { add: [ROLE.tier3], remove: [] },
    });
    expect(plan.changes[0]?.remove[0]?.reason).toBe('replaced by higher tier Tier 2 in Commits');
  });

  it('ranks tiers by order, not by threshold', () => {
    const plan = planGuildSync(
      input({
        mappings: [
          mapping(ROLE.tier1, metric('commits', 1), { group: 'g', order: 9 }),
          mapping(ROLE.tier2, metric('commits', 10), { group: 'g', order: 1 }),
        ],
        snapshot: snapshot([member(A)]),
        links: { [A]: 'ada' },
        counts: [counts('ada', 'commits', '2025-01-01', 12)],
      }),
    );
    expect(diffOf(plan)).toEqual({ [A]: { add: [ROLE.tier1], remove: [] } });
  });

  it('never touches the role of a disabled mapping: it is no longer managed', () => {
    const plan = planGuildSync(
      input({
        mappings: [mapping(ROLE.active, metric('commits', 1000), { enabled: false })],
        snapshot: snapshot([member(A, [ROLE.active])]),
        links: { [A]: 'ada' },
      }),
    );
    expect(plan.changes).toEqual([]);
  });
});

describe('planGuildSync: grace periods (no flapping)', () => {
  const windowed = () => mapping(ROLE.active, metric('prs_merged', 2, 30));

  it('keeps a windowed role for 7 days after its condition fails, then removes it', () => {
    const m = windowed();
    const base = {
      mappings: [m],
      snapshot: snapshot([member(A, [ROLE.active])]),
      links: { [A]: 'ada' },
      counts: [counts('ada', 'prs_merged', '2025-05-01', 5)],
    };
    const first = planGuildSync(input(base));
    expect(first.changes).toEqual([]);
    expect(first.nextGrace).toEqual({ [A]: { [m.id]: '2025-06-30T12:00:00.000Z' } });
    expect(first.heldInGrace).toEqual([
      { userId: A, roleId: ROLE.active, mappingId: m.id, removeAfter: '2025-07-07T12:00:00.000Z' },
    ]);
    const sixDays = planGuildSync(input({ ...base, grace: { [A]: { [m.id]: daysBefore(6) } } }));
    expect(sixDays.changes).toEqual([]);
    const eightDays = planGuildSync(input({ ...base, grace: { [A]: { [m.id]: daysBefore(8) } } }));
    expect(diffOf(eightDays)).toEqual({ [A]: { add: [], remove: [ROLE.active] } });
    expect(eightDays.changes[0]?.remove[0]?.reason).toContain('grace 7 d over');
    expect(eightDays.nextGrace).toEqual({});
  });

  it('forgets the grace clock when the condition holds again', () => {
    const m = windowed();
    const plan = planGuildSync(
      input({
        mappings: [m],
        snapshot: snapshot([member(A, [ROLE.active])]),
        links: { [A]: 'ada' },
        counts: [counts('ada', 'prs_merged', '2025-06-29', 2)],
        grace: { [A]: { [m.id]: daysBefore(5) } },
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.nextGrace).toEqual({});
  });

  it('removes membership roles at once (grace 0) and honours an explicit grace per mapping', () => {
    const team = mapping(ROLE.team, { kind: 'org_member' });
    const allTime = mapping(ROLE.tier1, metric('commits', 5), { graceDays: 3 });
    const plan = planGuildSync(
      input({
        mappings: [team, allTime],
        snapshot: snapshot([member(A, [ROLE.team, ROLE.tier1])]),
        links: { [A]: 'ada' },
        orgMembers: [],
        grace: { [A]: { [allTime.id]: daysBefore(2) } },
      }),
    );
    expect(diffOf(plan)).toEqual({ [A]: { add: [], remove: [ROLE.team] } });
    expect(plan.nextGrace).toEqual({ [A]: { [allTime.id]: daysBefore(2) } });
  });

  it('does not step a tier down and back up: the held higher tier stays through its grace', () => {
    const t1 = mapping(ROLE.tier1, metric('reviews', 1, 30), { group: 'Reviews', order: 1 });
    const t2 = mapping(ROLE.tier2, metric('reviews', 10, 30), { group: 'Reviews', order: 2 });
    const base = {
      mappings: [t1, t2],
      snapshot: snapshot([member(A, [ROLE.tier2])]),
      links: { [A]: 'ada' },
      counts: [counts('ada', 'reviews', '2025-06-20', 4)],
    };
    expect(planGuildSync(input(base)).changes).toEqual([]);
    const later = planGuildSync(input({ ...base, grace: { [A]: { [t2.id]: daysBefore(7.5) } } }));
    expect(diffOf(later)).toEqual({ [A]: { add: [ROLE.tier1], remove: [ROLE.tier2] } });
  });
});

describe('planGuildSync: what is never touched', () => {
  it('reports a mapped role at or above the bot with the fix, and leaves it alone', () => {
    const plan = planGuildSync(
      input({
        mappings: [mapping(ROLE.aboveBot, { kind: 'linked' })],
        snapshot: snapshot([member(A), member(B, [ROLE.aboveBot])]),
        links: { [A]: 'ada' },
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'role_above_bot',
        roleId: ROLE.aboveBot,
        fix: "Move GitGuild's role above Moderator in Server Settings → Roles.",
      }),
    ]);
  });

  it('refuses integration-managed roles, @everyone and deleted roles as problems', () => {
    const plan = planGuildSync(
      input({
        mappings: [
          mapping(ROLE.integration, { kind: 'linked' }),
          mapping('500000000000000000', { kind: 'linked' }),
          mapping('699999999999999999', { kind: 'linked' }),
        ],
        snapshot: snapshot([member(A, [ROLE.integration])]),
        links: {},
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems.map((p) => p.code)).toEqual([
      'role_integration_managed',
      'role_everyone',
      'role_missing',
    ]);
  });

  it('keeps a member’s unmanaged roles: only managed roles appear in the plan', () => {
    const plan = planGuildSync(
      input({
        mappings: [mapping(ROLE.active, metric('commits', 1))],
        snapshot: snapshot([member(A, [ROLE.unmanaged, ROLE.aboveBot, ROLE.integration])]),
        links: { [A]: 'ada' },
        counts: [counts('ada', 'commits', '2025-06-01', 1)],
      }),
    );
    expect(diffOf(plan)).toEqual({ [A]: { add: [ROLE.active], remove: [] } });
  });

  it('plans nothing when GitGuild lacks Manage Roles, and says how to fix it', () => {
    const snap = { ...snapshot([member(A)]), botCanManageRoles: false };
    const plan = planGuildSync(
      input({
        mappings: [mapping(ROLE.tier1, { kind: 'linked' })],
        snapshot: snap,
        links: { [A]: 'a' },
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems[0]).toMatchObject({ code: 'missing_manage_roles' });
  });

  it('leaves other bots alone', () => {
    const plan = planGuildSync(
      input({
        mappings: [mapping(ROLE.tier1, { kind: 'linked' })],
        snapshot: snapshot([member(A, [ROLE.tier1], true)]),
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.membersChecked).toBe(0);
  });
});

describe('planGuildSync: unlinked members', () => {
  const setup = (removeRolesOnUnlink: boolean) =>
    input({
      guild: guild({ removeRolesOnUnlink }),
      mappings: [
        mapping(ROLE.tier1, { kind: 'linked' }),
        mapping(ROLE.tier2, metric('commits', 1)),
      ],
      snapshot: snapshot([member(A, [ROLE.tier1, ROLE.tier2, ROLE.unmanaged])]),
    });

  it('takes every managed role from an unlinked member, keeping unmanaged ones', () => {
    const plan = planGuildSync(setup(true));
    expect(diffOf(plan)).toEqual({ [A]: { add: [], remove: [ROLE.tier1, ROLE.tier2] } });
    expect(plan.changes[0]?.remove[0]?.reason).toBe('not linked to GitHub');
  });

  it('leaves unlinked members alone when the guild says so', () => {
    expect(planGuildSync(setup(false)).changes).toEqual([]);
  });
});

describe('planGuildSync: the plan around the changes', () => {
  it('flags a plan over the safety cap, counting adds and removes', () => {
    const plan = planGuildSync(
      input({
        guild: guild({ maxChangesPerRun: 2 }),
        mappings: [mapping(ROLE.tier1, { kind: 'linked' })],
        snapshot: snapshot([member(A), member(B), member(C)]),
        links: { [A]: 'a', [B]: 'b', [C]: 'c' },
      }),
    );
    expect(plan).toMatchObject({ totalAdds: 3, totalRemoves: 0, capExceeded: true, cap: 2 });
    expect(plan.roles).toEqual([{ roleId: ROLE.tier1, name: 'Tier 1', added: 3, removed: 0 }]);
  });

  it('keeps held roles and adds none while the org has never been crawled', () => {
    const plan = planGuildSync(
      input({
        mappings: [mapping(ROLE.tier1, metric('commits', 1))],
        snapshot: snapshot([member(A, [ROLE.tier1]), member(B)]),
        links: { [A]: 'ada', [B]: 'bob' },
        contributions: null,
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems.map((p) => p.code)).toEqual(['no_crawl']);
  });

  it('lists linked members missing from the guild and the top unlinked contributors', () => {
    const plan = planGuildSync(
      input({
        snapshot: snapshot([member(A)]),
        links: { [A]: 'ada', [D]: 'gone' },
        counts: [
          counts('ada', 'commits', '2025-06-01', 50),
          counts('zed', 'commits', '2025-06-01', 3),
          counts('yan', 'reviews', '2025-06-01', 9),
          counts('old', 'commits', '2024-01-01', 99),
          counts('dependabot[bot]', 'commits', '2025-06-01', 99),
        ],
      }),
    );
    expect(plan.linkedNotInGuild).toEqual([{ discordUserId: D, githubLogin: 'gone' }]);
    expect(plan.topUnlinked).toEqual([
      { login: 'yan', contributions: 9 },
      { login: 'zed', contributions: 3 },
    ]);
  });

  it('plans only the given members for a join or link, keeping the others’ grace state', () => {
    const m = mapping(ROLE.tier1, { kind: 'linked' });
    const plan = planGuildSync(
      input({
        mappings: [m],
        snapshot: snapshot([member(A), member(B)]),
        links: { [A]: 'ada', [B]: 'bob' },
        grace: { [C]: { other: daysBefore(1) } },
        onlyMembers: new Set([B]),
      }),
    );
    expect(diffOf(plan)).toEqual({ [B]: { add: [ROLE.tier1], remove: [] } });
    expect(plan.membersChecked).toBe(1);
    expect(plan.nextGrace).toEqual({ [C]: { other: daysBefore(1) } });
  });

  it('is deterministic: the same input gives the same plan', () => {
    const make = () =>
      input({
        mappings: [mapping(ROLE.tier1, { kind: 'linked' }, { id: 'fixed' })],
        snapshot: snapshot([member(B), member(A)]),
        links: { [A]: 'ada', [B]: 'bob' },
      });
    expect(planGuildSync(make())).toEqual(planGuildSync(make()));
    expect(planGuildSync(make()).changes.map((c) => c.userId)).toEqual([A, B]);
  });
});
