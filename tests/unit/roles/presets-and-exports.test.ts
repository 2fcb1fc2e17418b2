import { describe, expect, it } from 'vitest';
import { auditCsv, syncRunsCsv } from '../../../src-main/roles/history-csv.js';
import { planGuildSync } from '../../../src-main/roles/planner.js';
import { PRESETS, presetMappingId } from '../../../src-main/roles/presets.js';
import { tierProgress } from '../../../src-main/roles/tier-progress.js';
import { ContributionFacts } from '../../../src-main/roles/facts.js';
import { ContributionIndex } from '../../../src-main/stats/contribution-index.js';
import { MappingSchema, type AuditEntry, type SyncRun } from '../../../src-main/store/types.js';
import { counts, GUILD_ID, input, member, NOW, snapshot } from './plan-fixture.js';

describe('presets', () => {
  it('reproduces the Python bot’s tiers: thresholds, names and colours, lowest tier first', () => {
    const roles = PRESETS['python-bot-tiers'].roles;
    expect(roles.filter((r) => r.group === 'Merged PRs').map((r) => r.name)).toEqual([
      '🌸 1+ PRs',
      '🌺 6+ PRs',
      '🌻 16+ PRs',
      '🌷 31+ PRs',
      '🌹 51+ PRs',
    ]);
    const threshold = (group: string) =>
      roles
        .filter((r) => r.group === group)
        .map((r) => (r.condition.kind === 'metric' ? r.condition.threshold : -1));
    expect(threshold('Merged PRs')).toEqual([1, 6, 16, 31, 51]);
    expect(threshold('Issues')).toEqual([1, 6, 16, 31, 51]);
    expect(threshold('Commits')).toEqual([1, 51, 101, 251, 501]);
    expect(roles.find((r) => r.name === '🌸 1+ PRs')?.color).toBe(0xffb6c1);
    expect(roles.find((r) => r.name === '⭐ 501+ Commits')?.color).toBe(0xc88cff);
  });

  it('gives medals to the all-time top 3 by merged PRs, one medal each', () => {
    const preset = PRESETS['pr-medals'];
    expect(preset.roles.map((r) => r.name)).toEqual([
      '🔮 PR Bronze',
      '💫 PR Runner-up',
      '✨ PR Champion',
    ]);
    const roleIds = ['600000000000000013', '600000000000000012', '600000000000000011']; // bronze, silver, gold
    const mappings = preset.roles.map((r, i) =>
      MappingSchema.parse({
        id: presetMappingId('pr-medals', r.key, GUILD_ID),
        guildId: GUILD_ID,
        roleId: roleIds[i],
        enabled: true,
        order: i,
        group: r.group,
        condition: r.condition,
      }),
    );
    const users = ['700000000000000001', '700000000000000002', '700000000000000003'];
    const plan = planGuildSync(
      input({
        mappings,
        snapshot: snapshot(users.map((u) => member(u))),
        links: { [users[0]!]: 'a', [users[1]!]: 'b', [users[2]!]: 'c' },
        counts: [
          counts('a', 'prs_merged', '2024-01-01', 30),
          counts('b', 'prs_merged', '2024-01-01', 20),
          counts('c', 'prs_merged', '2024-01-01', 10),
        ],
      }),
    );
    expect(plan.changes.map((c) => c.add.map((a) => a.roleName))).toEqual([
      ['Gold'],
      ['Silver'],
      ['Bronze'],
    ]);
  });

  it('has a review preset whose windowed tiers get the default grace', () => {
    expect(
      PRESETS.reviews.roles.every((r) => JSON.stringify(r.condition).includes('reviews')),
    ).toBe(true);
    expect(presetMappingId('reviews', 'reviews-10', GUILD_ID)).toBe(
      `reviews-reviews-10-${GUILD_ID}`,
    );
  });
});

describe('tier progress', () => {
  it('names the tier reached and how far the next one is', () => {
    const mappings = PRESETS['python-bot-tiers'].roles.map((r, i) =>
      MappingSchema.parse({
        id: `t${i}`,
        guildId: GUILD_ID,
        roleId: String(600000000000000100 + i),
        enabled: true,
        order: i,
        group: r.group,
        label: r.name,
        condition: r.condition,
      }),
    );
    const facts = new ContributionFacts(
      new ContributionIndex([counts('ada', 'prs_merged', '2025-01-01', 7)]),
      NOW,
    );
    const progress = tierProgress(mappings, facts, 'ada', () => undefined);
    expect(progress.find((p) => p.group === 'Merged PRs')).toMatchObject({
      metric: 'prs_merged',
      current: { name: '🌺 6+ PRs', threshold: 6 },
      next: { name: '🌻 16+ PRs', threshold: 16, remaining: 9 },
    });
    expect(progress.find((p) => p.group === 'Issues')).toMatchObject({
      current: null,
      next: { threshold: 1, remaining: 1 },
    });
  });
});

describe('CSV exports', () => {
  it('quotes separators and neutralises formula cells from user-controlled names', () => {
    const entry: AuditEntry = {
      at: '2025-06-30T12:00:00.000Z',
      actor: 'scheduler',
      action: 'role.add',
      memberName: '=HYPERLINK("http://x")',
      roleName: 'Core, "team"',
      change: 'add',
      reason: 'merged PRs ≥ 16',
    };
    const csv = auditCsv([entry]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'at,actor,action,guild_id,run_id,member_id,member,role_id,role,change,reason,target',
    );
    expect(row).toBe(
      `2025-06-30T12:00:00.000Z,scheduler,role.add,,,,"'=HYPERLINK(""http://x"")",,"Core, ""team""",add,merged PRs ≥ 16,`,
    );
  });

  it('writes one row per run with its counts', () => {
    const run: SyncRun = {
      id: 'r1',
      kind: 'sync',
      guildId: GUILD_ID,
      trigger: 'schedule',
      actor: 'scheduler',
      dryRun: false,
      full: false,
      startedAt: '2025-06-30T12:00:00.000Z',
      finishedAt: '2025-06-30T12:00:05.000Z',
      durationMs: 5000,
      outcome: 'partial',
      counts: {
        membersChecked: 40,
        membersChanged: 3,
        membersFailed: 1,
        rolesAdded: 2,
        rolesRemoved: 2,
        writes: 3,
        reads: 0,
      },
      errors: [{ memberId: '700000000000000001', message: 'Missing Permissions' }],
      problems: [],
    };
    expect(syncRunsCsv([run]).split('\r\n')[1]).toBe(
      `r1,sync,${GUILD_ID},schedule,scheduler,false,false,2025-06-30T12:00:00.000Z,2025-06-30T12:00:05.000Z,5000,partial,40,3,1,2,2,3,0,700000000000000001: Missing Permissions,`,
    );
  });
});
