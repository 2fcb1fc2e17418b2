// Theme: light, dark, or whatever the system prefers. Kept in this browser (or this desktop
// window), since two admins on one headless host may well want different ones.
import { useTheme } from '../../app/use-theme';
import { THEME_PREFERENCES, type ThemePreference } from '../../app/theme';

const LABELS: Record<ThemePreference, string> = {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
};

export function AppearanceSection() {
  const { preference, theme, setPreference } = useTheme();
  return (
    <fieldset className="panel" data-testid="appearance">
      <legend>Appearance</legend>
      <div className="radio-group" role="radiogroup" aria-label="Theme">
        {THEME_PREFERENCES.map((option) => (
          <label key={option} className="check">
            <input
              type="radio"
              name="theme"
              value={option}
              checked={preference === option}
              onChange={() => setPreference(option)}
              data-testid={`theme-${option}`}
            />
            {LABELS[option]}
          </label>
        ))}
      </div>
      <p className="field-hint" data-testid="theme-current">
        Showing the {theme} theme. Kept in this browser only.
      </p>
    </fieldset>
  );
}
