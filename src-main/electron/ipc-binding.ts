// Binds the whole AdminApi to one IPC channel. Every call gets the trusted-sender check and the
// schema check (inside invokeMethod) here, so no handler has to remember either; answers go back
// as envelopes because Electron would strip the identifier and hint from a thrown error.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { toRpcErrorPayload } from '../api/error-payload.js';
import { invokeMethod } from '../api/invoke.js';
import type { Host } from '../host/host.js';
import type { RpcResult } from '../api/bridge.js';
import { EVENT_CHANNEL, RPC_CHANNEL } from './channels.js';
import { isTrustedSender, originForLog } from './security.js';

export interface AdminApiBinding {
  /** Forwards AdminEvents to this window until it is destroyed or the returned function runs. */
  attach(contents: WebContents): () => void;
  unbind(): void;
}

export function bindAdminApi(host: Pick<Host, 'handlers' | 'events' | 'logger'>): AdminApiBinding {
  const { logger } = host;

  async function answer(
    event: IpcMainInvokeEvent,
    method: unknown,
    input: unknown,
  ): Promise<RpcResult<unknown>> {
    if (!isTrustedSender(event.senderFrame)) {
      const from = event.senderFrame ? originForLog(event.senderFrame.url) : 'a destroyed frame';
      logger.warn('ipc call refused: untrusted sender', { from });
      return {
        ok: false,
        error: { identifier: 'forbidden', message: 'This window may not call the GitGuild host.' },
      };
    }
    if (typeof method !== 'string') {
      return {
        ok: false,
        error: { identifier: 'invalid_input', message: 'The method name must be a string.' },
      };
    }
    try {
      return { ok: true, value: await invokeMethod(host.handlers, method, input) };
    } catch (error) {
      const payload = toRpcErrorPayload(error);
      if (payload.identifier === 'internal') logger.error('ipc call failed', { method, error });
      return { ok: false, error: payload };
    }
  }

  ipcMain.handle(RPC_CHANNEL, answer);

  return {
    attach(contents) {
      const unsubscribe = host.events.subscribe((event) => {
        if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
      });
      contents.once('destroyed', unsubscribe);
      return unsubscribe;
    },
    unbind() {
      ipcMain.removeHandler(RPC_CHANNEL);
    },
  };
}
