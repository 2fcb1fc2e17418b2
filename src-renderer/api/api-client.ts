// The renderer's only way to reach the host. Picks the Electron bridge when the preload put one
// on `window`, HTTP otherwise. Method names come from the contract's types: the client is a
// Proxy, so adding a method to the contract needs no change here (and no runtime zod import).
import { EventSource } from 'eventsource';
import type { AdminApiClient, AdminEvent, MethodName } from '../../src-main/api/contract';
import type { GitGuildBridge } from './bridge';
import { createBridgeTransport } from './bridge-transport';
import { createHttpTransport } from './http-transport';
import { takeSessionToken } from './session-token';
import type { AdminTransport } from './transport';

export interface GitGuildClient {
  /** One named async function per AdminApi method, e.g. `api['settings.get']()`. */
  readonly api: AdminApiClient;
  /** Status and progress events; returns a function that unsubscribes. */
  onEvent(listener: (event: AdminEvent) => void): () => void;
  readonly transport: AdminTransport['kind'];
}

/** Wraps any transport into named methods. Exported for tests and for the Electron/HTTP parity. */
export function clientFromTransport(transport: AdminTransport): GitGuildClient {
  const api = new Proxy({} as AdminApiClient, {
    get(_target, property) {
      // `then` must stay undefined or `await client.api` would treat the proxy as a promise.
      if (typeof property !== 'string' || property === 'then') return undefined;
      return (input?: unknown) => transport.call(property as MethodName, input);
    },
  });
  return { api, onEvent: (listener) => transport.subscribe(listener), transport: transport.kind };
}

declare global {
  interface Window {
    /** Present only inside the Electron shell, installed by the preload. */
    gitguild?: GitGuildBridge;
  }
}

export function createApiClient(win: Window & typeof globalThis = window): GitGuildClient {
  if (win.gitguild) return clientFromTransport(createBridgeTransport(win.gitguild));
  const token = takeSessionToken({
    location: win.location,
    history: win.history,
    storage: win.sessionStorage,
  });
  return clientFromTransport(
    createHttpTransport({
      baseUrl: win.location.origin,
      token,
      fetch: win.fetch.bind(win),
      openEventStream: (url, init) => new EventSource(url, init),
    }),
  );
}
