// Admin sign-in from the desktop app: the host is configured exactly as main.ts configures it
// (desktopHostConfig), with a recorder standing in for Electron's shell.openExternal that then
// plays the browser against the simulators. The sign-in page opens in the system browser and the
// sign-in completes. (The check that keeps non-web addresses from the system is unit-tested in
// tests/unit/electron/system-browser.test.ts: settings already refuse such base URLs.)
import { afterEach, describe, expect, it } from 'vitest';
import { desktopHostConfig } from '../../../src-main/electron/desktop-host.js';
import { createLogger } from '../../../src-main/log/logger.js';
import { signInThroughBrowser, type Visit } from '../oauth/browser.js';
import { startOAuthRig, type OAuthRig } from '../oauth/oauth-rig.js';

let rig: OAuthRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('signing in from the desktop app', () => {
  it('opens the provider in the system browser and completes the sign-in', async () => {
    const opened: string[] = [];
    const pages: Promise<Visit>[] = [];
    // Electron's shell.openExternal, as main.ts passes it; the "browser" consents at once.
    const openExternal = async (url: string): Promise<void> => {
      opened.push(url);
      pages.push(signInThroughBrowser(url));
    };
    const config = desktopHostConfig({
      dataDir: '(unused)',
      logger: createLogger('test', { sinks: [] }),
      env: {},
      isPackaged: true,
      openExternal,
      onSettingsChanged: () => undefined,
    });
    rig = await startOAuthRig({ mode: config.mode, openExternal: config.openExternal });
    const start = await rig.call('auth.discord.begin');
    expect(start.opened).toBe(true);
    expect(opened).toEqual([start.authorizationUrl]);
    expect(new URL(opened[0]!).origin).toBe(new URL(rig.sims.discord.restUrl).origin);
    expect((await pages[0]!).status).toBe(200);
    await rig.waitForEvent(
      (e) => e.type === 'auth-changed' && e.provider === 'discord' && e.state === 'signed_in',
    );
    expect((await rig.call('auth.status')).discord).toMatchObject({ signedIn: true });
  });
});
