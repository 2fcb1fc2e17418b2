import { describe, expect, it } from 'vitest';
import {
  auditReasonFor,
  inFlightRecord,
  recoveredEntries,
} from '../../../src-main/host/sync-audit.js';
import type { MemberPlan } from '../../../src-main/roles/plan-types.js';
import { GUILD_ID, member, ROLE, snapshot } from './plan-fixture.js';

const change = (userId: string): MemberPlan => ({
  userId,
  username: `user${userId.slice(-3)}`,
  githubLogin: 'ada',
  add: [{ roleId: ROLE.tier2, roleName: 'Tier 2', mappingId: 'm2', reason: 'commits ≥ 10: 12' }],
  remove: [
    { roleId: ROLE.tier1, roleName: 'Tier 1', mappingId: 'm2', reason: 'replaced by higher tier' },
  ],
});

describe('sync audit', () => {
  it('writes the audit-log reason with every change and its cause', () => {
    expect(auditReasonFor('sync-1', change('700000000000000001'))).toBe(
      'GitGuild sync sync-1: +Tier 2 (commits ≥ 10: 12); −Tier 1 (replaced by higher tier)',
    );
  });

  it('audits, after a crash, exactly the planned changes that reached Discord', () => {
    const [a, b, c] = ['700000000000000001', '700000000000000002', '700000000000000003'];
    const record = inFlightRecord('sync-1', 'scheduler', '2025-06-30T12:00:00.000Z', [
      change(a),
      change(b),
      change(c),
    ]);
    const now = snapshot([
      member(a, [ROLE.tier2]), // landed
      member(b, [ROLE.tier1]), // not yet
      // c left the guild
    ]);
    const entries = recoveredEntries(record, GUILD_ID, now, '2025-06-30T12:05:00.000Z');
    expect(entries.map((e) => [e.memberId, e.change, e.roleId])).toEqual([
      [a, 'add', ROLE.tier2],
      [a, 'remove', ROLE.tier1],
    ]);
    expect(entries[0]).toMatchObject({
      runId: 'sync-1',
      actor: 'scheduler',
      guildId: GUILD_ID,
      reason: 'commits ≥ 10: 12 (recorded after the run was interrupted)',
    });
  });
});
