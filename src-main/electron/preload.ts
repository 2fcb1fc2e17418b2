// The only code with ipcRenderer. It exposes exactly two functions on `window.gitguild` (call a
// method, subscribe to events); the renderer's api client turns them into named methods.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AdminEvent } from '../api/contract.js';
import type { GitGuildBridge } from '../api/bridge.js';
import { EVENT_CHANNEL, RPC_CHANNEL } from './channels.js';

const bridge: GitGuildBridge = {
  invoke: (method, input) => ipcRenderer.invoke(RPC_CHANNEL, method, input),
  onEvent(listener) {
    // The IpcRendererEvent (with its `sender`) stays here; the page gets only the payload.
    const forward = (_event: IpcRendererEvent, payload: AdminEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('gitguild', bridge);
