import { describe, expect, it } from 'vitest';
import { desktopHostConfig } from '../../../src-main/electron/desktop-host.js';
import { isBrowserUrl, systemBrowserOpener } from '../../../src-main/electron/system-browser.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';

describe('opening the system browser for sign-in', () => {
  it('lets out https anywhere and http only to this machine', () => {
    expect(
      [
        'https://discord.com/oauth2/authorize?client_id=1&state=s',
        'http://127.0.0.1:53134/oauth2/authorize',
        'http://localhost:8080/login/oauth/authorize',
        'http://[::1]:9/x',
      ].map(isBrowserUrl),
    ).toEqual([true, true, true, true]);
    expect(
      [
        'http://discord.com/oauth2/authorize',
        'file:///etc/passwd',
        'gitguild://app/index.html',
        'smb://server/share',
        'javascript:alert(1)',
        'https://user:pass@github.com/',
        'not a url',
      ].map(isBrowserUrl),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it('opens allowed addresses and refuses the rest without logging the whole URL', async () => {
    const sink = memorySink(10);
    const opened: string[] = [];
    const open = systemBrowserOpener(
      async (url) => void opened.push(url),
      createLogger('test', { sinks: [sink] }),
    );
    await open('https://github.com/login/oauth/authorize?state=secret-state');
    await expect(open('file:///home/ada/.ssh/id_ed25519')).rejects.toThrow(/Only https/);
    expect(opened).toEqual(['https://github.com/login/oauth/authorize?state=secret-state']);
    expect(JSON.stringify(sink.records)).not.toContain('secret-state');
    expect(JSON.stringify(sink.records)).not.toContain('id_ed25519');
  });
});

describe("the desktop host's configuration", () => {
  const base = {
    dataDir: '/tmp/x',
    logger: createLogger('test', { sinks: [] }),
    onSettingsChanged: () => undefined,
  };

  it("passes Electron's openExternal to the host, behind the web-address check", async () => {
    const opened: string[] = [];
    const config = desktopHostConfig({
      ...base,
      env: {},
      isPackaged: true,
      openExternal: async (url) => void opened.push(url),
    });
    expect(config).toMatchObject({ mode: 'desktop', secrets: { backend: 'keytar' } });
    await config.openExternal?.('https://discord.com/oauth2/authorize');
    await expect(config.openExternal?.('file:///etc/passwd')).rejects.toThrow();
    expect(opened).toEqual(['https://discord.com/oauth2/authorize']);
  });

  it('ignores the memory secret store in an installed app unless GITGUILD_DEV=1', () => {
    const sink = memorySink(10);
    const backend = (env: NodeJS.ProcessEnv, isPackaged: boolean) =>
      desktopHostConfig({
        ...base,
        logger: createLogger('test', { sinks: [sink] }),
        env,
        isPackaged,
        openExternal: async () => undefined,
      }).secrets;
    expect(backend({ GITGUILD_SECRETS: 'memory' }, true)).toEqual({ backend: 'keytar' });
    expect(sink.records.map((r) => r.level)).toEqual(['warn']);
    expect(backend({ GITGUILD_SECRETS: 'memory', GITGUILD_DEV: '1' }, true)).toEqual({
      backend: 'memory',
    });
    expect(backend({ GITGUILD_SECRETS: 'memory' }, false)).toEqual({ backend: 'memory' });
  });
});
