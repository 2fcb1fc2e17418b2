import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import { manualClock, tempDataDir } from './temp-data-dir.js';

const ALICE = '100000000000000001';
const BOB = '100000000000000002';

describe('links repository', () => {
  it('links a member with who linked them, when and how, and finds them both ways', async () => {
    const clock = manualClock('2025-03-10T12:00:00.000Z');
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger, now: clock.now });
    const link = await store.links.linkMember({
      discordUserId: ALICE,
      githubLogin: 'Alice-Dev',
      linkedBy: ALICE,
      method: 'device_flow',
    });
    expect(link).toEqual({
      discordUserId: ALICE,
      githubLogin: 'Alice-Dev',
      linkedBy: ALICE,
      linkedAt: '2025-03-10T12:00:00.000Z',
      method: 'device_flow',
    });
    expect(store.links.byGithubLogin('alice-dev')?.discordUserId).toBe(ALICE);
    const reopened = await openStore({ dataDir, logger: silentLogger });
    expect(reopened.links.byDiscordUser(ALICE)).toEqual(link);
    expect(reopened.links.count()).toBe(1);
  });

  it('replaces a member’s previous link when they link another account', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.links.linkMember({
      discordUserId: ALICE,
      githubLogin: 'old-login',
      linkedBy: ALICE,
      method: 'device_flow',
    });
    await store.links.linkMember({
      discordUserId: ALICE,
      githubLogin: 'new-login',
      linkedBy: ALICE,
      method: 'web_oauth',
    });
    expect(store.links.list().map((l) => l.githubLogin)).toEqual(['new-login']);
    expect(store.links.byGithubLogin('old-login')).toBeUndefined();
  });

  it('refuses to give one GitHub login to two members', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.links.linkMember({
      discordUserId: ALICE,
      githubLogin: 'shared',
      linkedBy: ALICE,
      method: 'device_flow',
    });
    await expect(
      store.links.linkMember({
        discordUserId: BOB,
        githubLogin: 'SHARED',
        linkedBy: BOB,
        method: 'admin',
      }),
    ).rejects.toMatchObject({
      identifier: 'conflict',
    });
    expect(store.links.count()).toBe(1);
  });

  it('unlinks a member and reports what was removed', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.links.linkMember({
      discordUserId: ALICE,
      githubLogin: 'alice',
      linkedBy: BOB,
      method: 'admin',
    });
    expect((await store.links.unlinkMember(ALICE))?.githubLogin).toBe('alice');
    expect(await store.links.unlinkMember(ALICE)).toBeUndefined();
    expect(store.links.byGithubLogin('alice')).toBeUndefined();
  });

  it('rejects a malformed request naming the field', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await expect(
      store.links.linkMember({
        discordUserId: 'not-a-snowflake',
        githubLogin: 'a',
        linkedBy: ALICE,
        method: 'admin',
      }),
    ).rejects.toMatchObject({
      identifier: 'invalid_input',
      message: expect.stringContaining('discordUserId'),
    });
  });

  it('stores one link per line with the schema version', async () => {
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger });
    await store.links.linkMember({
      discordUserId: ALICE,
      githubLogin: 'alice',
      linkedBy: ALICE,
      method: 'admin',
    });
    await store.links.linkMember({
      discordUserId: BOB,
      githubLogin: 'bob',
      linkedBy: BOB,
      method: 'admin',
    });
    const text = await readFile(join(dataDir, 'links.json'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ schemaVersion: 1 });
    expect(text.split('\n').filter((l) => l.includes('"githubLogin"'))).toHaveLength(2);
  });
});
