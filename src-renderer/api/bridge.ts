// The shape the Electron preload exposes on `window.gitguild`. Declared here, next to its only
// consumer, and checked against the preload with `satisfies`, so the two sides cannot drift.
import type {
  AdminEvent,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../src-main/api/contract';
import type { RpcErrorPayload } from '../../src-main/api/error-payload';

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
