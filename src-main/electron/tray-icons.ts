// Which icon file each platform's tray gets (drawn by scripts/generate-icons.mjs into
// assets/tray, copied to dist/renderer/tray by the renderer build). Electron's nativeImage picks
// up the @1.5x/@2x files beside the named one by itself, and treats a name ending in "Template"
// as a macOS template image (black and clear, tinted by the menu bar).
import type { TrayState } from './tray-state.js';

export function trayIconFile(state: TrayState, platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return `${state}Template.png`;
    case 'win32':
      // 16 px at 100%, with @1.5x (24 px) and @2x (32 px) beside it.
      return `${state}-16.png`;
    default:
      // Linux status notifiers draw at 22-24 px; @2x (48 px) for HiDPI panels.
      return `${state}-24.png`;
  }
}
