// Quitting in order. Electron's `before-quit` is prevented once; then, with one shared deadline,
// the steps run in turn (stop taking UI calls, stop the host: scheduler and crawl first because
// they write, then the bot, then wait for the store's queued writes; finally the tray goes); then
// the app quits for real. If the host does not stop within the bound the app quits anyway: every
// store write is a temp file renamed into place, so an interrupted write leaves the old file whole.
import type { Logger } from '../log/logger.js';
import type { PreventableEvent } from './close-to-tray.js';

export interface QuitStep {
  name: string;
  run(): Promise<void> | void;
  /** Quick cleanup that runs even after the deadline passed (removing the tray icon). */
  always?: boolean;
}

export interface QuitTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface QuitSequenceOptions {
  steps: readonly QuitStep[];
  /** The longest the steps may take together before the app quits regardless. */
  timeoutMs: number;
  /** Quits for real; the sequence lets the `before-quit` this causes through. */
  quitApp(): void;
  logger: Logger;
  timers?: QuitTimers;
}

export type QuitPhase = 'running' | 'stopping' | 'done';

export class QuitSequence {
  private current: QuitPhase = 'running';
  private finished: Promise<void> | null = null;

  constructor(private readonly options: QuitSequenceOptions) {}

  get phase(): QuitPhase {
    return this.current;
  }

  /** True from the first quit request on: windows may close, the tray offers nothing new. */
  get quitting(): boolean {
    return this.current !== 'running';
  }

  /** Electron's `before-quit` handler. */
  onBeforeQuit(event: PreventableEvent): void {
    if (this.current === 'done') return;
    event.preventDefault();
    this.start();
  }

  /** Starts the sequence (or returns the one under way); resolves once `quitApp` was called. */
  start(): Promise<void> {
    if (!this.finished) {
      this.current = 'stopping';
      this.finished = this.run();
    }
    return this.finished;
  }

  private async run(): Promise<void> {
    const { logger, timeoutMs } = this.options;
    const timers = this.options.timers ?? {
      setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
      clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    let timedOut = false;
    let timer: unknown;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = timers.setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const attempt = (step: QuitStep): Promise<'done' | 'failed'> =>
      Promise.resolve()
        .then(() => step.run())
        .then(
          () => 'done' as const,
          (error: unknown) => {
            logger.error('quit: step failed; quitting anyway', { step: step.name, error });
            return 'failed' as const;
          },
        );
    for (const step of this.options.steps) {
      if (timedOut) {
        if (step.always) await attempt(step);
        else logger.warn('quit: step skipped after the deadline', { step: step.name });
        continue;
      }
      if ((await Promise.race([attempt(step), deadline])) === 'timeout') {
        timedOut = true;
        logger.warn('quit: gave up waiting', { step: step.name, timeoutMs });
      }
    }
    timers.clearTimeout(timer);
    this.current = 'done';
    this.options.quitApp();
  }
}
