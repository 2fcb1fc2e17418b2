import { describe, expect, it } from 'vitest';
import {
  isLocalRequest,
  navigationGuard,
  permissionCheckHandler,
  permissionRequestHandler,
  remoteContentBlocker,
  webviewGuard,
  windowOpenHandler,
} from '../../../src-main/electron/guards.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';

// Electron's permission names, including those a compromised page would want most.
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'hid',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'openExternal',
  'pointerLock',
  'serial',
  'storage-access',
  'top-level-storage-access',
  'usb',
  'window-management',
  'unknown',
];
const APP = 'gitguild://app/index.html';

function logger() {
  const sink = memorySink(200);
  return { sink, log: createLogger('test', { sinks: [sink] }) };
}

describe('permission requests', () => {
  it.each(PERMISSIONS)('refuses %s, even to our own page, and logs it', (permission) => {
    const { sink, log } = logger();
    const answers: boolean[] = [];
    permissionRequestHandler(log)(null, permission, (granted) => answers.push(granted), {
      requestingUrl: APP,
    });
    expect(answers).toEqual([false]);
    expect(sink.records[0]).toMatchObject({ msg: 'permission request refused', permission });
  });
});

describe('permission checks', () => {
  it('answers no to every check, from our page or any other', () => {
    const check = permissionCheckHandler();
    for (const permission of PERMISSIONS) {
      expect(check(null, permission, 'gitguild://app')).toBe(false);
      expect(check(null, permission, 'https://evil.example')).toBe(false);
    }
  });
});

describe('windows, navigation and webviews', () => {
  it('denies every new window and logs only its origin', () => {
    const { sink, log } = logger();
    expect(windowOpenHandler(log)({ url: 'https://example.com/callback?code=secret' })).toEqual({
      action: 'deny',
    });
    expect(sink.records[0]).toMatchObject({ target: 'https://example.com' });
    expect(JSON.stringify(sink.records)).not.toContain('secret');
  });

  it('lets navigation stay in the app and stops it going anywhere else', () => {
    const { log } = logger();
    const guard = navigationGuard(log);
    const attempt = (url: string): boolean => {
      let prevented = false;
      guard({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(attempt('gitguild://app/index.html#/sync')).toBe(false);
    expect(attempt('https://discord.com/')).toBe(true);
    expect(attempt('file:///etc/passwd')).toBe(true);
    expect(attempt('gitguild://other/index.html')).toBe(true);
  });

  it('refuses to attach a webview', () => {
    const { log } = logger();
    let prevented = false;
    webviewGuard(log)({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('remote content', () => {
  it('loads only the app, its blobs and data URLs', () => {
    expect(isLocalRequest('gitguild://app/assets/index.js')).toBe(true);
    expect(isLocalRequest('blob:gitguild://app/4f1c')).toBe(true);
    expect(isLocalRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isLocalRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isLocalRequest('https://cdn.example.com/x.js')).toBe(false);
    expect(isLocalRequest('http://127.0.0.1:7420/api/rpc/health')).toBe(false);
    expect(isLocalRequest('wss://gateway.discord.gg')).toBe(false);
    expect(isLocalRequest('file:///home/ada/.ssh/id_rsa')).toBe(false);
    expect(isLocalRequest('blob:https://evil.example/1')).toBe(false);
  });

  it('cancels remote requests before they leave', () => {
    const { log, sink } = logger();
    const answers: boolean[] = [];
    const block = remoteContentBlocker(log);
    block({ url: 'https://tracker.example/pixel.gif' }, (r) => answers.push(r.cancel));
    block({ url: 'gitguild://app/index.html' }, (r) => answers.push(r.cancel));
    expect(answers).toEqual([true, false]);
    expect(sink.records).toHaveLength(1);
  });
});
