// Fan-out of typed AdminEvents to every transport (IPC windows, SSE clients). A listener that
// throws is logged and kept from breaking the others or the publisher.
import type { Logger } from '../log/logger.js';
import type { AdminEvent } from './contract.js';

export type AdminEventListener = (event: AdminEvent) => void;

export class EventHub {
  private readonly listeners = new Set<AdminEventListener>();

  constructor(private readonly logger?: Logger) {}

  /** Returns the unsubscribe function. */
  subscribe(listener: AdminEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  publish(event: AdminEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger?.error('event listener failed', { eventType: event.type, error });
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
