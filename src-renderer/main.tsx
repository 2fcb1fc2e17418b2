// Renderer entry: one api client for the whole UI, created before the first render so the
// access token leaves the address bar immediately; the theme is applied before the first paint.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client';
import { App } from './app/App';
import {
  applyTheme,
  browserThemeEnvironment,
  readThemePreference,
  resolveTheme,
} from './app/theme';
import { ThemeProvider } from './app/use-theme';
import './styles.css';

const themeEnv = browserThemeEnvironment();
applyTheme(
  themeEnv.root,
  resolveTheme(readThemePreference(themeEnv.storage), themeEnv.prefersDark()),
);

const client = createApiClient();
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element');
createRoot(root).render(
  <StrictMode>
    <ThemeProvider>
      <App client={client} />
    </ThemeProvider>
  </StrictMode>,
);
