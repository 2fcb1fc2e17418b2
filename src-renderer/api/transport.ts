// A transport moves one call or one event between the UI and the host. The client turns it into
// named methods; pages never see which transport they have.
import type { AdminEvent, MethodName } from '../../src-main/api/contract';

export interface AdminTransport {
  readonly kind: 'electron' | 'http';
  call(method: MethodName, input: unknown): Promise<unknown>;
  subscribe(listener: (event: AdminEvent) => void): () => void;
}
