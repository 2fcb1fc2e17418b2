// The shape the Electron preload exposes on `window.gitguild`. Declared beside the contract it
// carries, so the preload (main side) and the renderer (`import type` only) share one definition.
import type { AdminEvent, MethodInput, MethodName, MethodOutput } from './contract.js';
import type { RpcErrorPayload } from './error-payload.js';

export type { RpcErrorPayload };

/**
 * Electron rewrites errors thrown by `ipcMain.handle` into a generic message, dropping the
 * identifier, so the binding returns an envelope instead of throwing.
 */
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcErrorPayload };

export interface GitGuildBridge {
  invoke<M extends MethodName>(
    method: M,
    input?: MethodInput<M>,
  ): Promise<RpcResult<MethodOutput<M>>>;
  /** Returns a function that unsubscribes. */
  onEvent(listener: (event: AdminEvent) => void): () => void;
}
