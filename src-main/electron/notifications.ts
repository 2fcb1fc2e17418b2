// Native notifications without storms: the status says which notices hold, the ledger shows a
// notice once and again only when its content changes or after it went away and came back.
// Electron's Notification is injected, so de-duplication and click routing are unit-tested.
import type { Logger } from '../log/logger.js';
import type { DesktopPage } from './desktop-pages.js';

export interface Notice {
  /** Identity of the problem: one notification per key until its fingerprint changes. */
  key: string;
  /** What makes two reports of the same problem different (usually its message). */
  fingerprint: string;
  title: string;
  body: string;
  /** The page a click opens. */
  page: DesktopPage;
}

export class NotificationLedger {
  private readonly shown = new Map<string, string>();

  /**
   * Given every notice that holds now, returns the ones to show: new keys and keys whose
   * fingerprint changed. Keys that no longer hold are forgotten, so a problem that is fixed and
   * later comes back is announced again.
   */
  reconcile(current: readonly Notice[]): Notice[] {
    const fresh: Notice[] = [];
    const holding = new Set<string>();
    for (const notice of current) {
      holding.add(notice.key);
      if (this.shown.get(notice.key) === notice.fingerprint) continue;
      this.shown.set(notice.key, notice.fingerprint);
      fresh.push(notice);
    }
    for (const key of [...this.shown.keys()]) if (!holding.has(key)) this.shown.delete(key);
    return fresh;
  }
}

/** The slice of Electron's Notification the notifier uses. */
export interface NativeNotification {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface NotifierPorts {
  isSupported(): boolean;
  create(options: { title: string; body: string }): NativeNotification;
  openPage(page: DesktopPage): void;
  logger: Logger;
}

export class DesktopNotifier {
  private readonly ledger = new NotificationLedger();
  /** Notifications are kept referenced until closed: a collected one loses its click handler. */
  private readonly live = new Set<NativeNotification>();

  constructor(private readonly ports: NotifierPorts) {}

  /** Shows what is new among the notices that hold now; returns what it showed. */
  update(current: readonly Notice[]): Notice[] {
    const fresh = this.ledger.reconcile(current);
    for (const notice of fresh) this.show(notice);
    return fresh;
  }

  /** A one-off message (an action's result, the close-to-tray hint): not de-duplicated. */
  show(notice: Pick<Notice, 'title' | 'body'> & { page?: DesktopPage }): void {
    if (!this.ports.isSupported()) {
      this.ports.logger.info('notification not shown: not supported here', { title: notice.title });
      return;
    }
    const native = this.ports.create({ title: notice.title, body: notice.body });
    this.live.add(native);
    native.on('click', () => {
      this.live.delete(native);
      if (notice.page) this.ports.openPage(notice.page);
    });
    native.on('close', () => this.live.delete(native));
    native.show();
  }
}
