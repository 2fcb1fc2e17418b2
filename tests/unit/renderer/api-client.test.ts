import { describe, expect, it } from 'vitest';
import type { AdminEvent } from '../../../src-main/api/contract';
import { ApiError } from '../../../src-renderer/api/api-error';
import { clientFromTransport, createApiClient } from '../../../src-renderer/api/api-client';
import type { GitGuildBridge, RpcResult } from '../../../src-renderer/api/bridge';

function fakeBridge(answer: RpcResult<unknown>) {
  const invoked: [string, unknown][] = [];
  const listeners = new Set<(event: AdminEvent) => void>();
  const bridge: GitGuildBridge = {
    invoke: async (method, input) => {
      invoked.push([method, input]);
      return answer as never;
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { bridge, invoked, listeners };
}

// createApiClient only reads `gitguild` when the bridge exists, so a partial window suffices.
const windowWith = (bridge: GitGuildBridge) =>
  ({ gitguild: bridge }) as unknown as Window & typeof globalThis;

describe('createApiClient', () => {
  it('uses the Electron bridge when the preload installed one, and unwraps its answers', async () => {
    const { bridge, invoked } = fakeBridge({ ok: true, value: { timeZone: 'UTC' } });
    const client = createApiClient(windowWith(bridge));
    expect(client.transport).toBe('electron');
    await expect(client.api['settings.get']()).resolves.toEqual({ timeZone: 'UTC' });
    expect(invoked).toEqual([['settings.get', undefined]]);
  });

  it('turns a bridge error envelope into an ApiError that keeps identifier and issues', async () => {
    const { bridge } = fakeBridge({
      ok: false,
      error: {
        identifier: 'invalid_input',
        message: 'bad',
        issues: [{ path: 'timeZone', message: 'must be an IANA time zone' }],
      },
    });
    const error = await createApiClient(windowWith(bridge))
      .api['settings.update']({ timeZone: 'Mars/Base' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      identifier: 'invalid_input',
      issues: [{ path: 'timeZone', message: 'must be an IANA time zone' }],
    });
  });

  it('passes bridge events to subscribers until they unsubscribe', () => {
    const { bridge, listeners } = fakeBridge({ ok: true, value: null });
    const client = createApiClient(windowWith(bridge));
    const unsubscribe = client.onEvent(() => undefined);
    expect(listeners.size).toBe(1);
    unsubscribe();
    expect(listeners.size).toBe(0);
  });
});

describe('clientFromTransport', () => {
  it('is not mistaken for a promise when awaited', async () => {
    const client = clientFromTransport({
      kind: 'http',
      call: async () => null,
      subscribe: () => () => undefined,
    });
    expect(await client.api).toBe(client.api);
  });
});
