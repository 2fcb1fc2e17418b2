// The tray icon: the app keeps running (bot, scheduler) with its window closed, so the tray is
// where the admin sees its state at a glance and gets the window back or quits.
import { Menu, Tray, nativeImage } from 'electron';
import type { Health } from '../api/contract.js';
import { trayTooltip } from './tray-tooltip.js';

export interface AppTrayOptions {
  iconPath: string;
  onOpen: () => void;
  onQuit: () => void;
}

export function createAppTray(options: AppTrayOptions): {
  showHealth(health: Health): void;
  destroy(): void;
} {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  tray.setToolTip('GitGuild');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open GitGuild', click: options.onOpen },
      { type: 'separator' },
      { label: 'Quit GitGuild', click: options.onQuit },
    ]),
  );
  tray.on('click', options.onOpen);
  return {
    showHealth: (health) => tray.setToolTip(trayTooltip(health)),
    destroy: () => tray.destroy(),
  };
}
