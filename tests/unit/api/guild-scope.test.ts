// The guild scope of dashboard sessions: found in any input or event that names a guildId, so
// methods and events added later are covered without a list to keep up to date.
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../src-main/api/caller.js';
import { eventVisible } from '../../../src-main/api/event-scope.js';
import { authorizeCall, guildIdsIn } from '../../../src-main/api/guild-scope.js';

const session = (guilds: string[]): Caller => ({
  kind: 'session',
  session: {
    sessionId: 's1',
    userId: '42',
    username: 'admin',
    guildIds: async () => new Set(guilds),
  },
});

describe('guild scope', () => {
  it('finds guildId at any depth, in objects and arrays', () => {
    expect(guildIdsIn({ guildId: '1' })).toEqual(['1']);
    expect(
      guildIdsIn({ mapping: { guildId: '2', roleId: '9' }, list: [{ guildId: '3' }] }),
    ).toEqual(['2', '3']);
    expect(guildIdsIn({ guildIds: ['4'] })).toEqual([]);
    expect(guildIdsIn(undefined)).toEqual([]);
  });

  it('lets a session call only its own methods and methods on guilds it manages', async () => {
    const caller = session(['1', '2']);
    await expect(authorizeCall(caller, 'auth.session.status', undefined)).resolves.toBeUndefined();
    await expect(
      authorizeCall(caller, 'auth.discord.invite', { guildId: '1' }),
    ).resolves.toBeUndefined();
    await expect(
      authorizeCall(caller, 'auth.discord.invite', { guildId: '3' }),
    ).rejects.toMatchObject({
      identifier: 'forbidden',
    });
    // One foreign guild among several is enough to refuse.
    await expect(
      authorizeCall(caller, 'links.list', { a: { guildId: '1' }, b: { guildId: '3' } }),
    ).rejects.toMatchObject({ identifier: 'forbidden' });
    await expect(
      authorizeCall(caller, 'settings.update', { timeZone: 'UTC' }),
    ).rejects.toMatchObject({
      identifier: 'forbidden',
      message: "settings.update is for the host's admin only.",
    });
    await expect(
      authorizeCall({ kind: 'admin', via: 'api-token' }, 'settings.update', {}),
    ).resolves.toBeUndefined();
  });

  it('shows a session the status and its own guilds events only', () => {
    const caller = session(['1']);
    const guilds = new Set(['1']);
    const status = { type: 'status', health: {} } as never;
    const linkChanged = {
      type: 'link-changed',
      discordUserId: '5',
      githubLogin: 'x',
      actor: 'a',
    } as const;
    expect(eventVisible(caller, status, guilds)).toBe(true);
    expect(eventVisible(caller, linkChanged, guilds)).toBe(false);
    expect(eventVisible(caller, { ...linkChanged, guildId: '1' } as never, guilds)).toBe(true);
    expect(eventVisible(caller, { ...linkChanged, guildId: '2' } as never, guilds)).toBe(false);
    expect(eventVisible({ kind: 'admin', via: 'desktop' }, linkChanged, new Set())).toBe(true);
  });
});
