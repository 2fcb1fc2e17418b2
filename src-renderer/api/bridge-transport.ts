// The Electron transport: the preload's `window.gitguild` bridge, whose envelopes we unwrap into
// values or ApiErrors so pages handle both transports the same way.
import { ApiError } from './api-error';
import type { GitGuildBridge } from './bridge';
import type { AdminTransport } from './transport';

export function createBridgeTransport(bridge: GitGuildBridge): AdminTransport {
  return {
    kind: 'electron',
    async call(method, input) {
      // The bridge's generic signature ties input to method; here both arrive untyped from the
      // client proxy, and the main process validates the input against the schema anyway.
      const result = await bridge.invoke(method, input as never);
      if (result.ok) return result.value;
      throw ApiError.fromPayload(result.error);
    },
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
