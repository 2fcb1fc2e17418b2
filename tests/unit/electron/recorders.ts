// Recorders standing in for Electron's Tray, Menu and Notification: they keep what the shell set
// on them, and let a test click a menu item or a notification the way a user would.
import type { MenuTemplateItem, TrayPort } from '../../../src-main/electron/tray-controller.js';
import type { NativeNotification } from '../../../src-main/electron/notifications.js';
import type { TrayState } from '../../../src-main/electron/tray-state.js';

/** What Menu.buildFromTemplate would build: here, the template itself. */
export interface RecordedMenu {
  items: MenuTemplateItem[];
}

export type TrayCall =
  | { call: 'setImage'; image: string }
  | { call: 'setToolTip'; text: string }
  | { call: 'setContextMenu'; menu: RecordedMenu }
  | { call: 'destroy' };

export class RecordingTray implements TrayPort<string, RecordedMenu> {
  readonly calls: TrayCall[] = [];
  image: string | null = null;
  tooltip: string | null = null;
  menu: RecordedMenu | null = null;
  destroyed = false;

  setImage(image: string): void {
    this.calls.push({ call: 'setImage', image });
    this.image = image;
  }
  setToolTip(text: string): void {
    this.calls.push({ call: 'setToolTip', text });
    this.tooltip = text;
  }
  setContextMenu(menu: RecordedMenu): void {
    this.calls.push({ call: 'setContextMenu', menu });
    this.menu = menu;
  }
  destroy(): void {
    this.calls.push({ call: 'destroy' });
    this.destroyed = true;
  }

  /** Labels as a user reads them; disabled items in brackets, checked boxes with a tick. */
  labels(): string[] {
    return (this.menu?.items ?? []).map((item) => {
      if (item.type === 'separator') return '---';
      const label = `${item.type === 'checkbox' ? (item.checked ? '[x] ' : '[ ] ') : ''}${item.label ?? ''}`;
      return item.enabled === false ? `(${label})` : label;
    });
  }

  /** Clicks the menu item with this label, as Electron would (only enabled items respond). */
  click(label: string): void {
    const item = this.menu?.items.find((i) => i.label === label);
    if (!item) throw new Error(`no menu item "${label}" in ${JSON.stringify(this.labels())}`);
    if (item.enabled === false) throw new Error(`menu item "${label}" is disabled`);
    item.click?.();
  }
}

export const recordingMenuBuilder = (template: MenuTemplateItem[]): RecordedMenu => ({
  items: template,
});

/** Icon "images" are their names, so a test reads which state's icon is up. */
export const iconName = (state: TrayState): string => `icon:${state}`;

export class RecordingNotification implements NativeNotification {
  shown = false;
  private readonly listeners = new Map<string, (() => void)[]>();
  constructor(
    readonly title: string,
    readonly body: string,
  ) {}
  show(): void {
    this.shown = true;
  }
  on(event: 'click' | 'close', listener: () => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  click(): void {
    for (const listener of this.listeners.get('click') ?? []) listener();
  }
}

export class RecordingNotifications {
  readonly created: RecordingNotification[] = [];
  supported = true;
  isSupported = (): boolean => this.supported;
  create = ({ title, body }: { title: string; body: string }): RecordingNotification => {
    const notification = new RecordingNotification(title, body);
    this.created.push(notification);
    return notification;
  };
  titles(): string[] {
    return this.created.filter((n) => n.shown).map((n) => n.title);
  }
}
