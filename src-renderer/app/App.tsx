// The shell: sidebar, the current page, the status bar.
import type { GitGuildClient } from '../api/api-client';
import { PlaceholderPage } from '../pages/PlaceholderPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { useHealth } from './use-health';
import { useRoute } from './use-route';

export function App({ client }: { client: GitGuildClient }) {
  const route = useRoute();
  const health = useHealth(client);
  return (
    <div className="shell" data-transport={client.transport}>
      <Sidebar current={route} />
      <main className="content">
        {route === 'settings' ? <SettingsPage client={client} /> : <PlaceholderPage id={route} />}
      </main>
      <StatusBar view={health} />
    </div>
  );
}
