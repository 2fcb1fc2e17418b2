// Closing the window keeps GitGuild running in the tray: the bot and the scheduler live in the
// main process, and a closed window would end neither. The first time ever, a notification says
// where the app went; a small file in the data dir remembers that it was said.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface HideableWindow {
  hide(): void;
}

/** A yes/no that survives restarts. */
export interface OneTimeHint {
  shown(): boolean;
  markShown(): void;
}

export const TRAY_HINT = {
  title: 'GitGuild is still running',
  body: 'The bot and scheduled syncs keep going in the tray. Use Quit in the tray menu to stop them.',
};

export interface CloseToTrayDeps {
  isQuitting(): boolean;
  hint: OneTimeHint;
  notify(message: { title: string; body: string }): void;
}

/** Handles a window's `close` event: hide instead of close, unless the app is quitting. */
export function closeToTray(
  deps: CloseToTrayDeps,
  event: PreventableEvent,
  window: HideableWindow,
): void {
  if (deps.isQuitting()) return;
  event.preventDefault();
  window.hide();
  if (deps.hint.shown()) return;
  deps.hint.markShown();
  deps.notify(TRAY_HINT);
}

const HINT_FILE = 'desktop-hints.json';

/**
 * Keeps the hint flag in `<dataDir>/desktop-hints.json`. Losing the file costs one repeated
 * notification, so a plain write is enough (no store migration, no backup).
 */
export async function fileBackedHint(
  dataDir: string,
  onWriteError: (error: unknown) => void,
): Promise<OneTimeHint> {
  const path = join(dataDir, HINT_FILE);
  let shown = false;
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    shown =
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { trayHintShown?: unknown }).trayHintShown === true;
  } catch {
    shown = false;
  }
  return {
    shown: () => shown,
    markShown() {
      shown = true;
      writeFile(path, `${JSON.stringify({ trayHintShown: true })}\n`, { mode: 0o600 }).catch(
        onWriteError,
      );
    },
  };
}
