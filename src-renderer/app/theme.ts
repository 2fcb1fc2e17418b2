// Light, dark or the system's choice: the preference is kept per browser (localStorage), the
// resolved theme is set on <html data-theme> before the first render so nothing flashes.
// Pure apart from the small adapters at the bottom, so the rules are unit-tested.

export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'gitguild.theme';

export function parseThemePreference(value: string | null): ThemePreference {
  return THEME_PREFERENCES.find((p) => p === value) ?? 'system';
}

export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): Theme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

export interface ThemeEnvironment {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  root: HTMLElement;
  prefersDark: () => boolean;
}

/** Storage can throw (disabled cookies, private modes); a theme is never worth an error. */
export function readThemePreference(storage: Pick<Storage, 'getItem'>): ThemePreference {
  try {
    return parseThemePreference(storage.getItem(THEME_STORAGE_KEY));
  } catch {
    return 'system';
  }
}

export function saveThemePreference(
  storage: Pick<Storage, 'setItem'>,
  preference: ThemePreference,
): void {
  try {
    storage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Not persisted; the choice still holds for this page.
  }
}

export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.dataset['theme'] = theme;
  root.style.colorScheme = theme;
}

export const DARK_QUERY = '(prefers-color-scheme: dark)';

export function browserThemeEnvironment(): ThemeEnvironment {
  return {
    storage: window.localStorage,
    root: document.documentElement,
    prefersDark: () => window.matchMedia(DARK_QUERY).matches,
  };
}
