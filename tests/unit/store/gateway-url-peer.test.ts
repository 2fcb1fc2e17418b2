import { describe, expect, it } from 'vitest';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { networkPeerChanges, peerTransportProblem } from '../../../src-main/store/network-peers.js';
import { DEFAULT_SETTINGS, SETTINGS_PEER_PATHS } from '../../../src-main/store/types.js';
import { handlerFixture } from '../api/handler-fixture.js';

describe('the Discord gateway URL setting', () => {
  it('is a network peer: wss anywhere, plain ws only to loopback, empty to ask Discord', () => {
    expect(peerTransportProblem('')).toBeNull();
    expect(peerTransportProblem('wss://gateway.discord.gg')).toBeNull();
    expect(peerTransportProblem('ws://127.0.0.1:4000/gateway')).toBeNull();
    expect(peerTransportProblem('ws://gateway.example.org')).toMatch(/must use wss/);
    expect(DEFAULT_SETTINGS.discordGatewayUrl).toBe('');
  });

  it('is refused by settings.update over plain ws to another host, naming the field', async () => {
    const f = await handlerFixture();
    try {
      const error = await invokeMethod(f.handlers, 'settings.update', {
        discordGatewayUrl: 'ws://192.168.1.20:4000/gateway',
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        message: expect.stringMatching(/discordGatewayUrl: must use wss/),
      });
      expect(f.store.settings.get().discordGatewayUrl).toBe('');
      await invokeMethod(f.handlers, 'settings.update', {
        discordGatewayUrl: 'wss://gw.example.org',
      });
      expect(f.store.settings.get().discordGatewayUrl).toBe('wss://gw.example.org');
    } finally {
      await f.close();
    }
  });

  it('counts as a peer change an imported configuration must confirm', () => {
    const changes = networkPeerChanges(SETTINGS_PEER_PATHS, DEFAULT_SETTINGS, {
      ...DEFAULT_SETTINGS,
      discordGatewayUrl: 'wss://elsewhere.example.org',
    });
    expect(changes).toEqual([
      { setting: 'discordGatewayUrl', current: '', proposed: 'wss://elsewhere.example.org' },
    ]);
  });
});
