// Faults a test queues for the next N API requests: secondary rate limits, 5xx, latency.

export type SimFault =
  | { kind: 'secondary'; count: number; retryAfterSeconds?: number }
  | { kind: 'server-error'; count: number; status?: 500 | 502 | 503 | 504 }
  | { kind: 'latency'; count: number; ms: number };

export class FaultQueue {
  private queue: { fault: SimFault; left: number }[] = [];

  add(fault: SimFault): void {
    if (!Number.isInteger(fault.count) || fault.count < 1)
      throw new Error(`a fault needs a positive integer count, got ${fault.count}`);
    if (fault.kind === 'latency' && !(fault.ms >= 0))
      throw new Error('a latency fault needs ms >= 0');
    this.queue.push({ fault, left: fault.count });
  }

  /** The fault the next request suffers, if any; consumes one use of it. */
  take(): SimFault | null {
    const head = this.queue[0];
    if (!head) return null;
    head.left--;
    if (head.left <= 0) this.queue.shift();
    return head.fault;
  }

  clear(): void {
    this.queue = [];
  }
}
