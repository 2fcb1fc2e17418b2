// Applies the tray's pure view (tray-state.ts) to a tray: the icon for the state, the tooltip,
// the menu. Electron's Tray and Menu are passed in as ports, so tests put a recorder in their
// place. It only calls the tray when something changed; Linux's AppIndicator rebuilds its whole
// menu on every setContextMenu.
import {
  trayMenu,
  trayStateOf,
  trayTooltip,
  type TrayCommand,
  type TrayInput,
  type TrayMenuItem,
  type TrayMenuOptions,
  type TrayState,
} from './tray-state.js';

/** Electron's MenuItemConstructorOptions, the part we use. */
export interface MenuTemplateItem {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

export interface TrayPort<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
  destroy(): void;
}

export interface TrayControllerPorts<Image, Menu> {
  tray: TrayPort<Image, Menu>;
  buildMenu(template: MenuTemplateItem[]): Menu;
  iconFor(state: TrayState): Image;
  onCommand(command: TrayCommand): void;
  now(): Date;
  timeZone?: string;
}

export interface TrayView {
  state: TrayState;
  tooltip: string;
  menu: TrayMenuItem[];
}

export function menuTemplate(
  items: readonly TrayMenuItem[],
  onCommand: (command: TrayCommand) => void,
): MenuTemplateItem[] {
  return items.map((item): MenuTemplateItem => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'status':
        return { label: item.label, enabled: false };
      case 'command':
        return { label: item.label, enabled: item.enabled, click: () => onCommand(item.command) };
      case 'toggle':
        return {
          label: item.label,
          type: 'checkbox',
          checked: item.checked,
          enabled: item.enabled,
          click: () => onCommand(item.command),
        };
    }
  });
}

export class TrayController<Image, Menu> {
  private view: TrayView | null = null;
  private menuKey = '';
  private destroyed = false;

  constructor(private readonly ports: TrayControllerPorts<Image, Menu>) {}

  render(input: TrayInput, options: TrayMenuOptions): TrayView {
    const next: TrayView = {
      state: trayStateOf(input),
      tooltip: trayTooltip(input, { now: this.ports.now(), timeZone: this.ports.timeZone }),
      menu: trayMenu(input, options),
    };
    if (this.destroyed) return next;
    const { tray } = this.ports;
    if (this.view?.state !== next.state) tray.setImage(this.ports.iconFor(next.state));
    if (this.view?.tooltip !== next.tooltip) tray.setToolTip(next.tooltip);
    const menuKey = JSON.stringify(next.menu);
    if (menuKey !== this.menuKey) {
      tray.setContextMenu(this.ports.buildMenu(menuTemplate(next.menu, this.ports.onCommand)));
      this.menuKey = menuKey;
    }
    this.view = next;
    return next;
  }

  get current(): TrayView | null {
    return this.view;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.ports.tray.destroy();
  }
}
