// The shape the Electron preload exposes on `window.gitguild`. It is declared once, in the api
// contract's folder (the preload lives in main and may not import the renderer); this re-exports it.
export type { GitGuildBridge, RpcErrorPayload, RpcResult } from '../../src-main/api/bridge';
