// The desktop shell's behaviour in one place, with every Electron object passed in: the host's
// events drive the tray and the notifications, the tray's commands drive the host, and closing
// the window hides it. main.ts only creates the Electron objects and forwards their events here,
// so the whole flow runs in tests against a real host with recorders for Tray, Menu and
// Notification.
import type { Health } from '../api/contract.js';
import type { Host } from '../host/host.js';
import {
  closeToTray,
  type HideableWindow,
  type OneTimeHint,
  type PreventableEvent,
} from './close-to-tray.js';
import type { Action, TrayActions } from './desktop-actions.js';
import type { DesktopPage } from './desktop-pages.js';
import { DesktopStatus } from './desktop-status.js';
import { DesktopNotifier, type NativeNotification } from './notifications.js';
import { TrayController, type TrayControllerPorts, type TrayView } from './tray-controller.js';
import type { TrayCommand } from './tray-state.js';

export interface ShellTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DesktopShellOptions<Image, Menu> {
  host: Pick<Host, 'events' | 'health' | 'logger'>;
  actions: TrayActions;
  tray: Omit<TrayControllerPorts<Image, Menu>, 'onCommand'>;
  notifications: {
    isSupported(): boolean;
    create(options: { title: string; body: string }): NativeNotification;
  };
  window: { show(): void; openPage(page: DesktopPage): void };
  launchAtLogin: { enabled(): boolean; set(enabled: boolean): Promise<void> };
  /** Starts quitting (Electron's `app.quit()`, which runs the quit sequence). */
  quit(): void;
  hint: OneTimeHint;
  now: () => number;
  /** Bot outages shorter than this are reconnects, not news (default one minute). */
  botOfflineGraceMs?: number;
  /**
   * How often the tray is redrawn with no event (default one minute), so the tooltip's times
   * stay right across midnight ("14:05" becomes "Tue 14:05"). Redrawing touches the tray only
   * when something changed.
   */
  redrawEveryMs?: number;
  timers?: ShellTimers;
}

/** What a test (or a curious developer in the main process) can see and do from outside. */
export interface DesktopProbe {
  tray(): TrayView | null;
  command(command: TrayCommand): Promise<void>;
}

export class DesktopShell<Image, Menu> {
  readonly status: DesktopStatus;
  readonly notifier: DesktopNotifier;
  private readonly tray: TrayController<Image, Menu>;
  private readonly timers: ShellTimers;
  private unsubscribe: (() => void) | null = null;
  private recheck: { at: number; handle: unknown } | null = null;
  private redraw: unknown = null;
  private quitting = false;

  constructor(private readonly options: DesktopShellOptions<Image, Menu>) {
    this.status = new DesktopStatus({
      now: options.now,
      botOfflineGraceMs: options.botOfflineGraceMs ?? 60_000,
    });
    this.notifier = new DesktopNotifier({
      ...options.notifications,
      openPage: (page) => options.window.openPage(page),
      logger: options.host.logger,
    });
    this.tray = new TrayController({
      ...options.tray,
      onCommand: (command) => void this.command(command),
    });
    this.timers = options.timers ?? {
      // Unref'd: a pending redraw must never keep a process alive that is otherwise done.
      setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
  }

  start(): void {
    this.status.onHealth(this.options.host.health());
    this.unsubscribe = this.options.host.events.subscribe((event) => {
      this.status.onEvent(event);
      if (event.type === 'status') this.learnGuildNames(event.health);
      this.refresh();
    });
    this.refresh();
    this.scheduleRedraw();
    this.learnGuildNames(this.options.host.health());
  }

  private guildJobs: string | null = null;

  /**
   * Events name guilds by id only. The names are read at start and again whenever the set of
   * guilds the scheduler syncs changes (a guild was added or enabled), so a notification about a
   * timed run says "Acme", not an id.
   */
  private learnGuildNames(health: Health): void {
    const key = (health.scheduler.jobs ?? [])
      .filter((job) => job.kind === 'guild-sync')
      .map((job) => job.id)
      .sort()
      .join(',');
    if (key === this.guildJobs) return;
    this.guildJobs = key;
    void this.options.actions.guildNames().then((guilds) => this.status.nameGuilds(guilds));
  }

  private scheduleRedraw(): void {
    this.redraw = this.timers.setTimeout(() => {
      this.refresh();
      this.scheduleRedraw();
    }, this.options.redrawEveryMs ?? 60_000);
  }

  /** Redraws the tray and shows whatever notices are new. */
  refresh(): void {
    this.tray.render(this.status.trayInput(), {
      launchAtLogin: this.options.launchAtLogin.enabled(),
      quitting: this.quitting,
    });
    if (this.quitting) return;
    this.notifier.update(this.status.notices());
    for (const announcement of this.status.takeAnnouncements()) this.notifier.show(announcement);
    this.scheduleRecheck();
  }

  /** A bot-offline notice becomes due after its grace period with no event to trigger a look. */
  private scheduleRecheck(): void {
    const due = this.status.botOfflineNoticeDueAt();
    const wait = due === null ? null : due - this.options.now();
    if (this.recheck && (wait === null || this.recheck.at !== due)) {
      this.timers.clearTimeout(this.recheck.handle);
      this.recheck = null;
    }
    if (due === null || wait === null || wait <= 0 || this.recheck) return;
    this.recheck = {
      at: due,
      handle: this.timers.setTimeout(() => {
        this.recheck = null;
        this.refresh();
      }, wait),
    };
  }

  async command(command: TrayCommand): Promise<void> {
    const { actions, window, launchAtLogin } = this.options;
    const run = async (action: Action): Promise<void> => {
      const outcome = await action();
      for (const notice of outcome.notices) {
        this.notifier.show({ title: notice.title, body: notice.message, page: notice.page });
      }
      this.status.expectRuns(outcome.runs);
      // Held notices: told once, whether the tray's answer or the run's event comes first.
      this.status.needConfirmation(outcome.confirmations);
      if (outcome.openPage) window.openPage(outcome.openPage);
      this.status.onHealth(this.options.host.health());
      this.refresh();
    };
    switch (command) {
      case 'open':
        window.show();
        return;
      case 'sync-now':
        return run(actions.syncNow);
      case 'pause-sync':
        return run(actions.pauseSync);
      case 'resume-sync':
        return run(actions.resumeSync);
      case 'start-bot':
        return run(actions.startBot);
      case 'stop-bot':
        return run(actions.stopBot);
      case 'launch-at-login':
        try {
          await launchAtLogin.set(!launchAtLogin.enabled());
        } catch (error) {
          this.options.host.logger.warn('could not change launch at login', { error });
          this.notifier.show({
            title: 'Launch at login was not changed',
            body: error instanceof Error ? error.message : String(error),
            page: 'settings',
          });
        }
        this.refresh();
        return;
      case 'quit':
        this.options.quit();
        return;
    }
  }

  /** The window's `close` handler: hide to the tray unless quitting. */
  onWindowClose(event: PreventableEvent, window: HideableWindow): void {
    closeToTray(
      {
        isQuitting: () => this.quitting,
        hint: this.options.hint,
        notify: (message) => this.notifier.show(message),
      },
      event,
      window,
    );
  }

  /** First step of quitting: the tray says so and offers nothing new. */
  markQuitting(): void {
    this.quitting = true;
    this.refresh();
  }

  get isQuitting(): boolean {
    return this.quitting;
  }

  probe(): DesktopProbe {
    return { tray: () => this.tray.current, command: (command) => this.command(command) };
  }

  /** Last step of quitting: stop listening and remove the tray icon. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.recheck) this.timers.clearTimeout(this.recheck.handle);
    this.recheck = null;
    if (this.redraw !== null) this.timers.clearTimeout(this.redraw);
    this.redraw = null;
    this.tray.destroy();
  }
}
