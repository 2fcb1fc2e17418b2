// members.list over a real store: links, the guild's members as the bot's cache shows them (a
// plain snapshot, the shape the bot side fills), all-time counts from the crawled contributions,
// and the most active contributors nobody linked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESKTOP_ADMIN } from '../../../../src-main/api/caller.js';
import { membersHandlers } from '../../../../src-main/api/handlers/members.js';
import { ContributionIndexes } from '../../../../src-main/host/contribution-indexes.js';
import { createLogger, memorySink } from '../../../../src-main/log/logger.js';
import type { GuildSnapshot } from '../../../../src-main/roles/plan-types.js';
import { openStore, type Store } from '../../../../src-main/store/index.js';

const GUILD = '100';
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gitguild-members-'));
  store = await openStore({
    dataDir: dir,
    logger: createLogger('test', { level: 'error', sinks: [memorySink(100)] }),
  });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const snapshot: GuildSnapshot = {
  guildId: GUILD,
  guildName: 'Demo',
  botHighestPosition: 5,
  botRoleName: 'GitGuild',
  botCanManageRoles: true,
  roles: [
    { id: '201', name: 'Core', position: 3, managed: false, color: 0x9b59b6 },
    { id: '202', name: 'Moderator', position: 6, managed: false, color: 0xe67e22 },
  ],
  members: [
    { userId: '301', username: 'ada', bot: false, roles: ['201', '202'] },
    { userId: '302', username: 'bob', bot: false, roles: [] },
  ],
};

async function seed(): Promise<void> {
  await store.guilds.upsert({ id: GUILD, name: 'Demo', enabled: true, org: 'acme' });
  await store.mappings.upsert({
    id: 'm1',
    guildId: GUILD,
    roleId: '201',
    enabled: true,
    condition: { kind: 'linked' },
  });
  for (const [id, login] of [
    ['301', 'Ada-L'],
    ['399', 'gone'],
  ] as const)
    await store.links.linkMember({
      discordUserId: id,
      githubLogin: login,
      linkedBy: id,
      method: 'admin',
    });
  const counts = [
    { login: 'ada-l', repo: 'acme/r', metric: 'prs_merged', day: '2026-11-01', count: 3 },
    { login: 'ada-l', repo: 'acme/r', metric: 'commits', day: '2026-11-02', count: 7 },
    { login: 'carol', repo: 'acme/r', metric: 'commits', day: '2026-11-03', count: 9 },
    { login: 'dave', repo: 'acme/r', metric: 'reviews', day: '2026-11-03', count: 2 },
  ] as const;
  await store.contributions.commitRepoCrawl('acme', { id: 1, name: 'acme/r' }, [...counts], {
    through: '2026-11-04T00:00:00.000Z',
    headOid: null,
  });
  await store.contributions.recordCrawl({
    org: 'acme',
    startedAt: '2026-11-04T00:00:00.000Z',
    finishedAt: '2026-11-04T00:01:00.000Z',
    complete: true,
    missing: [],
    requests: 0,
  });
}

describe('members.list', () => {
  it('joins links, Discord names, managed roles and counts; lists unlinked contributors', async () => {
    await seed();
    const indexes = new ContributionIndexes(store.contributions);
    const handlers = membersHandlers({
      store,
      indexFor: (org) => indexes.get(org),
      snapshot: async () => snapshot,
    });
    const out = await handlers['members.list']({ guildId: GUILD }, { caller: DESKTOP_ADMIN });
    expect(out.botConnected).toBe(true);
    expect(out.members.map((m) => m.link.githubLogin)).toEqual(['Ada-L', 'gone']);
    const [ada, gone] = out.members;
    // Only roles an enabled mapping names are "managed"; the login matches case-insensitively.
    expect(ada!.member).toEqual({
      username: 'ada',
      managedRoles: [{ id: '201', name: 'Core', color: 0x9b59b6 }],
    });
    expect(ada!.totals).toMatchObject({ prs_merged: 3, commits: 7, reviews: 0 });
    expect(gone!.member).toBeNull();
    expect(out.unlinked).toEqual([
      { login: 'carol', total: 9, totals: expect.objectContaining({ commits: 9 }) },
      { login: 'dave', total: 2, totals: expect.objectContaining({ reviews: 2 }) },
    ]);
  });

  it('without the bot: links still listed, names unknown; an unmanaged guild is refused', async () => {
    await seed();
    const indexes = new ContributionIndexes(store.contributions);
    const handlers = membersHandlers({
      store,
      indexFor: (org) => indexes.get(org),
      snapshot: async () => null,
    });
    const out = await handlers['members.list']({ guildId: GUILD }, { caller: DESKTOP_ADMIN });
    expect(out.botConnected).toBe(false);
    expect(out.members.every((m) => m.member === null)).toBe(true);
    await expect(
      handlers['members.list']({ guildId: '999' }, { caller: DESKTOP_ADMIN }),
    ).rejects.toThrow('not managed');
  });
});
