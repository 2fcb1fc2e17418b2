import { describe, expect, it } from 'vitest';
import { actorOf, DESKTOP_ADMIN } from '../../../src-main/api/caller.js';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { handlerFixture } from './handler-fixture.js';

describe('who the audit log names', () => {
  it('names the desktop, the API token and a dashboard session apart', () => {
    expect(actorOf(DESKTOP_ADMIN)).toBe('admin:desktop');
    expect(actorOf({ kind: 'admin', via: 'api-token' })).toBe('admin:api-token');
    expect(
      actorOf({
        kind: 'session',
        session: {
          sessionId: 's1',
          userId: '123456789012345678',
          username: 'ada',
          guildIds: async () => new Set<string>(),
        },
      }),
    ).toBe('admin:123456789012345678');
  });

  it('records the caller of a guild change, not a fixed name', async () => {
    const f = await handlerFixture();
    try {
      await invokeMethod(
        f.handlers,
        'guilds.update',
        { id: '223456789012345678', name: 'Acme' },
        { caller: { kind: 'admin', via: 'api-token' } },
      );
      const entries = f.store.history.audit({});
      expect(entries.map((e) => e.actor)).toEqual(['admin:api-token']);
    } finally {
      await f.close();
    }
  });
});
