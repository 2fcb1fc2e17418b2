import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuitSequence, type QuitStep } from '../../../src-main/electron/quit-sequence.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';

function preventable() {
  const event = { prevented: 0, preventDefault: () => (event.prevented += 1) };
  return event;
}

function sequence(steps: QuitStep[], timeoutMs = 5_000) {
  const log: string[] = [];
  const sink = memorySink(100);
  const quit = new QuitSequence({
    steps,
    timeoutMs,
    quitApp: () => log.push('quitApp'),
    logger: createLogger('test', { sinks: [sink] }),
  });
  return { quit, log, sink };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('quitting', () => {
  it('holds the first quit, runs the steps in order, then quits for real', async () => {
    const order: string[] = [];
    let releaseHost!: () => void;
    const hostStopped = new Promise<void>((resolve) => (releaseHost = resolve));
    const { quit, log } = sequence([
      { name: 'tray', run: () => void order.push('tray shows quitting') },
      {
        name: 'host',
        run: async () => {
          order.push('host stopping');
          await hostStopped;
          order.push('host stopped');
        },
      },
      { name: 'tray icon', always: true, run: () => void order.push('tray removed') },
    ]);
    const first = preventable();
    quit.onBeforeQuit(first);
    expect(first.prevented).toBe(1);
    expect(quit.quitting).toBe(true);
    await vi.waitFor(() => expect(order).toEqual(['tray shows quitting', 'host stopping']));
    expect(log).toEqual([]);

    // The admin presses Quit again while the host stops: still one sequence, still held.
    const again = preventable();
    quit.onBeforeQuit(again);
    expect(again.prevented).toBe(1);

    releaseHost();
    await quit.start();
    expect(order).toEqual(['tray shows quitting', 'host stopping', 'host stopped', 'tray removed']);
    expect(log).toEqual(['quitApp']);
    expect(quit.phase).toBe('done');

    // The app.quit() the sequence made comes back as before-quit and goes through.
    const final = preventable();
    quit.onBeforeQuit(final);
    expect(final.prevented).toBe(0);
  });

  it('quits anyway when the host does not stop within the bound, still removing the tray', async () => {
    vi.useFakeTimers();
    const order: string[] = [];
    const { quit, log, sink } = sequence(
      [
        { name: 'host', run: () => new Promise<void>(() => undefined) },
        { name: 'after host', run: () => void order.push('after host') },
        { name: 'tray icon', always: true, run: () => void order.push('tray removed') },
      ],
      10_000,
    );
    const done = quit.start();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(log).toEqual(['quitApp']);
    expect(order).toEqual(['tray removed']);
    expect(sink.records.map((r) => r.msg)).toEqual([
      'quit: gave up waiting',
      'quit: step skipped after the deadline',
    ]);
  });

  it('goes on after a step fails, and logs it', async () => {
    const order: string[] = [];
    const { quit, log, sink } = sequence([
      {
        name: 'host',
        run: () => {
          throw new Error('bot would not say goodbye');
        },
      },
      { name: 'tray icon', run: () => void order.push('tray removed') },
    ]);
    await quit.start();
    expect(order).toEqual(['tray removed']);
    expect(log).toEqual(['quitApp']);
    expect(sink.records[0]).toMatchObject({
      level: 'error',
      msg: 'quit: step failed; quitting anyway',
      step: 'host',
    });
  });
});
