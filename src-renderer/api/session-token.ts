// The headless host prints a URL carrying its API token in the fragment (`#token=...`), which
// browsers never send to servers or put in Referer. We take it once, keep it for this tab only
// (sessionStorage) and scrub it from the address bar so it does not end up in history.

export const TOKEN_STORAGE_KEY = 'gitguild.apiToken';

export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Returns the token from the URL fragment (stored, then removed from the URL) or from storage. */
export function takeSessionToken(env: TokenEnvironment): string | null {
  const fragment = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const fromHash = fragment.get('token');
  if (fromHash) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    fragment.delete('token');
    const rest = fragment.toString();
    env.history.replaceState(
      null,
      '',
      `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`,
    );
    return fromHash;
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY);
}
