import { describe, expect, it } from 'vitest';
import type { AdminEvent } from '../../../src-main/api/contract.js';
import { EventHub } from '../../../src-main/api/event-hub.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';

const progress: AdminEvent = { type: 'progress', job: 'crawl', done: 1, total: 3 };

describe('EventHub', () => {
  it('delivers a published event to every subscriber', () => {
    const hub = new EventHub();
    const a: AdminEvent[] = [];
    const b: AdminEvent[] = [];
    hub.subscribe((e) => a.push(e));
    hub.subscribe((e) => b.push(e));
    hub.publish(progress);
    expect(a).toEqual([progress]);
    expect(b).toEqual([progress]);
  });

  it('stops delivering after unsubscribe', () => {
    const hub = new EventHub();
    const seen: AdminEvent[] = [];
    const unsubscribe = hub.subscribe((e) => seen.push(e));
    unsubscribe();
    hub.publish(progress);
    expect(seen).toEqual([]);
    expect(hub.listenerCount).toBe(0);
  });

  it('keeps delivering to others and logs when one listener throws', () => {
    const sink = memorySink();
    const hub = new EventHub(createLogger('test', { sinks: [sink] }));
    const seen: AdminEvent[] = [];
    hub.subscribe(() => {
      throw new Error('listener broke');
    });
    hub.subscribe((e) => seen.push(e));
    hub.publish(progress);
    expect(seen).toEqual([progress]);
    expect(sink.records.some((r) => r.level === 'error' && r.msg === 'event listener failed')).toBe(
      true,
    );
  });

  it('lets a listener unsubscribe itself during delivery without skipping others', () => {
    const hub = new EventHub();
    const seen: string[] = [];
    const off = hub.subscribe(() => {
      seen.push('first');
      off();
    });
    hub.subscribe(() => seen.push('second'));
    hub.publish(progress);
    hub.publish(progress);
    expect(seen).toEqual(['first', 'second', 'second']);
  });
});
