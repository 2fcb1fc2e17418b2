// The theme for the whole UI: the admin's preference, the system's current choice, and a
// context so Settings can change it and charts can follow it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import {
  applyTheme,
  browserThemeEnvironment,
  DARK_QUERY,
  readThemePreference,
  resolveTheme,
  saveThemePreference,
  type Theme,
  type ThemePreference,
} from './theme';

export interface ThemeController {
  preference: ThemePreference;
  theme: Theme;
  setPreference(preference: ThemePreference): void;
}

const ThemeContext = createContext<ThemeController | null>(null);

export function ThemeProvider({ children }: { children: ReactNode }) {
  const env = useMemo(browserThemeEnvironment, []);
  const [preference, setPreferenceState] = useState(() => readThemePreference(env.storage));
  const [systemDark, setSystemDark] = useState(env.prefersDark);

  useEffect(() => {
    const query = window.matchMedia(DARK_QUERY);
    const onChange = (): void => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const theme = resolveTheme(preference, systemDark);
  useEffect(() => applyTheme(env.root, theme), [env, theme]);

  const setPreference = useCallback(
    (next: ThemePreference) => {
      saveThemePreference(env.storage, next);
      setPreferenceState(next);
    },
    [env],
  );
  const value = useMemo(
    () => ({ preference, theme, setPreference }),
    [preference, theme, setPreference],
  );
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeController {
  const controller = useContext(ThemeContext);
  if (!controller) throw new Error('useTheme needs a ThemeProvider above it');
  return controller;
}
