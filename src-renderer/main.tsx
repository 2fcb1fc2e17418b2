// Renderer entry: one api client for the whole UI, created before the first render so the
// access token leaves the address bar immediately.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client';
import { App } from './app/App';
import './styles.css';

const client = createApiClient();
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element');
createRoot(root).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
