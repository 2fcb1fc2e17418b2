import { describe, expect, it } from 'vitest';
import { takeSessionToken, TOKEN_STORAGE_KEY } from '../../../src-renderer/api/session-token';

function environment(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  return {
    env: {
      location: { hash, pathname: '/', search: '' },
      history: {
        replaceState: (_state: unknown, _title: string, url?: string | URL | null) =>
          replaced.push(String(url)),
      },
      storage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
      },
    },
    storage,
    replaced,
  };
}

describe('takeSessionToken', () => {
  it('takes the token from the URL fragment, keeps it for the tab and scrubs it from the address bar', () => {
    const { env, storage, replaced } = environment('#token=abc%2B123');
    expect(takeSessionToken(env)).toBe('abc+123');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc+123');
    expect(replaced).toEqual(['/']);
  });

  it('keeps other fragment parameters when it removes the token', () => {
    const { env, replaced } = environment('#token=t1&page=settings');
    takeSessionToken(env);
    expect(replaced).toEqual(['/#page=settings']);
  });

  it('falls back to the stored token after a reload, without touching the URL', () => {
    const { env, replaced } = environment('#/settings', 'stored-token');
    expect(takeSessionToken(env)).toBe('stored-token');
    expect(replaced).toEqual([]);
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeSessionToken(environment('').env)).toBeNull();
  });
});
