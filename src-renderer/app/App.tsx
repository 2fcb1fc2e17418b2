// The shell: sidebar, banners for host-wide problems, the current page, the status bar.
import type { GitGuildClient } from '../api/api-client';
import { PlaceholderPage } from '../pages/PlaceholderPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { StatsPage } from '../pages/stats/StatsPage';
import { StorePage } from '../pages/store/StorePage';
import { HealthBanners } from './HealthBanners';
import type { RouteId } from './routes';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import type { CrawlController } from './use-crawl';
import { useCrawl } from './use-crawl';
import { useHealth } from './use-health';
import { useRoute } from './use-route';

export function App({ client }: { client: GitGuildClient }) {
  const route = useRoute();
  const health = useHealth(client);
  // Held here, not in the Stats page, so the status bar keeps showing progress on every page.
  const crawl = useCrawl(client);
  return (
    <div className="shell" data-transport={client.transport}>
      <Sidebar current={route} />
      <main className="content">
        <HealthBanners view={health} onStorePage={route === 'store'} />
        <Page route={route} client={client} crawl={crawl} />
      </main>
      <StatusBar view={health} crawl={crawl.progress} />
    </div>
  );
}

function Page({
  route,
  client,
  crawl,
}: {
  route: RouteId;
  client: GitGuildClient;
  crawl: CrawlController;
}) {
  switch (route) {
    case 'settings':
      return <SettingsPage client={client} />;
    case 'stats':
      return <StatsPage client={client} crawl={crawl} />;
    case 'store':
      return <StorePage client={client} />;
    default:
      return <PlaceholderPage id={route} />;
  }
}
