import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  isAppUrl,
  isNavigationAllowed,
  isTrustedSender,
  originForLog,
  resolveAppAsset,
} from '../../../src-main/electron/security.js';

describe('isAppUrl', () => {
  it('accepts pages of the gitguild://app origin, including routes in the fragment', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('gitguild://app/index.html#/settings')).toBe(true);
  });

  it.each([
    ['another host of our scheme', 'gitguild://evil/index.html'],
    ['credentials in the authority', 'gitguild://user@app/index.html'],
    ['a port', 'gitguild://app:80/index.html'],
    ['a look-alike host', 'gitguild://app.evil.com/index.html'],
    ['a web page', 'https://app/index.html'],
    ['a local file', 'file:///index.html'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_what, url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the top-level frame of our app', () => {
    expect(isTrustedSender({ url: 'gitguild://app/index.html', parent: null })).toBe(true);
  });

  it('refuses a subframe even when it shows our app', () => {
    expect(isTrustedSender({ url: 'gitguild://app/index.html', parent: {} })).toBe(false);
  });

  it('refuses frames that navigated elsewhere and frames that are gone', () => {
    expect(isTrustedSender({ url: 'https://example.com/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('isNavigationAllowed', () => {
  it('allows moving within the app and refuses leaving it', () => {
    expect(isNavigationAllowed('gitguild://app/index.html#/guilds')).toBe(true);
    expect(isNavigationAllowed('https://discord.com/oauth2/authorize')).toBe(false);
    expect(isNavigationAllowed('javascript:alert(1)')).toBe(false);
  });
});

describe('originForLog', () => {
  it('keeps only the origin so tokens in paths or queries never reach the log', () => {
    expect(originForLog('https://example.com/callback?code=secret')).toBe('https://example.com');
    expect(originForLog('%%')).toBe('an unparseable URL');
  });
});

describe('resolveAppAsset', () => {
  const root = resolve('/opt/gitguild/dist/renderer');

  it('serves index.html for the bare origin and files with a known type', () => {
    expect(resolveAppAsset(root, 'gitguild://app/')).toEqual({
      path: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'gitguild://app/assets/index-abc.js')).toEqual({
      path: join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('never resolves dot segments to a file outside the root', () => {
    // The URL parser already folds `..` at the root, so these land inside it (and 404 there).
    expect(resolveAppAsset(root, 'gitguild://app/../../etc/passwd.html')?.path).toBe(
      join(root, 'etc', 'passwd.html'),
    );
    expect(resolveAppAsset(root, 'gitguild://app/%2e%2e/%2e%2e/secret.js')?.path).toBe(
      join(root, 'secret.js'),
    );
  });

  it.each([
    ['encoded separators', 'gitguild://app/..%2f..%2fsecret.js'],
    ['backslashes', 'gitguild://app/..%5c..%5csecret.js'],
    ['a NUL byte', 'gitguild://app/index.html%00.png'],
    ['malformed escapes', 'gitguild://app/%E0%A4%A.js'],
    ['another origin', 'gitguild://other/index.html'],
  ])('refuses %s', (_what, url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('refuses file types the renderer does not need', () => {
    expect(resolveAppAsset(root, 'gitguild://app/preload.cjs')).toBeNull();
    expect(resolveAppAsset(root, 'gitguild://app/assets/index.js.map')).toBeNull();
  });
});
