import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  TRAY_HINT,
  closeToTray,
  fileBackedHint,
  type OneTimeHint,
} from '../../../src-main/electron/close-to-tray.js';

function closeEvent() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}
function windowRecorder() {
  const window = { hidden: 0, hide: () => (window.hidden += 1) };
  return window;
}
function memoryHint(): OneTimeHint {
  let shown = false;
  return { shown: () => shown, markShown: () => (shown = true) };
}

describe('closing the window', () => {
  it('hides it instead, and says so in a notification the first time only', () => {
    const notes: { title: string }[] = [];
    const deps = {
      isQuitting: () => false,
      hint: memoryHint(),
      notify: (n: { title: string }) => notes.push(n),
    };
    const window = windowRecorder();
    const first = closeEvent();
    closeToTray(deps, first, window);
    const second = closeEvent();
    closeToTray(deps, second, window);
    expect([first.prevented, second.prevented]).toEqual([true, true]);
    expect(window.hidden).toBe(2);
    expect(notes).toEqual([TRAY_HINT]);
  });

  it('lets the window close while GitGuild quits', () => {
    const notes: unknown[] = [];
    const window = windowRecorder();
    const event = closeEvent();
    closeToTray(
      { isQuitting: () => true, hint: memoryHint(), notify: (n) => notes.push(n) },
      event,
      window,
    );
    expect(event.prevented).toBe(false);
    expect(window.hidden).toBe(0);
    expect(notes).toEqual([]);
  });
});

describe('the remembered tray hint', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  it('is shown once across restarts', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gitguild-hint-'));
    const errors: unknown[] = [];
    const first = await fileBackedHint(dir, (e) => errors.push(e));
    expect(first.shown()).toBe(false);
    first.markShown();
    await expect
      .poll(() => readFile(join(dir!, 'desktop-hints.json'), 'utf8').catch(() => ''))
      .toContain('true');
    const afterRestart = await fileBackedHint(dir, (e) => errors.push(e));
    expect(afterRestart.shown()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('treats a missing or damaged file as not shown and reports a failed write', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gitguild-hint-'));
    const errors: unknown[] = [];
    const missingDir = join(dir, 'gone');
    const hint = await fileBackedHint(missingDir, (e) => errors.push(e));
    expect(hint.shown()).toBe(false);
    hint.markShown();
    expect(hint.shown()).toBe(true);
    await expect.poll(() => errors.length).toBe(1);
  });
});
