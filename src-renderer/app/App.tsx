// The shell: skip link, sidebar, banners for host-wide problems, the current page, the status
// bar. On a first run (no bot token, no org or no crawl yet) a bare address opens the setup
// wizard; after each navigation the page's heading takes the focus, so keyboard and screen
// reader users start at the new page instead of the link they pressed.
import { useEffect, useRef, useState } from 'react';
import type { GitGuildClient } from '../api/api-client';
import { LoadingState } from '../components/states';
import { GuildPage } from '../pages/guilds/GuildPage';
import { GuildsPage } from '../pages/guilds/GuildsPage';
import { MappingEditor } from '../pages/mappings/MappingEditor';
import { MembersPage } from '../pages/members/MembersPage';
import { SyncPage } from '../pages/sync/SyncPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { SetupWizard } from '../pages/setup/SetupWizard';
import { stepsLeft } from '../pages/setup/setup-steps';
import { StatsPage } from '../pages/stats/StatsPage';
import { StorePage } from '../pages/store/StorePage';
import { HealthBanners } from './HealthBanners';
import { navigate } from './navigate';
import { hashOf, isBareHash, PAGES, type Route } from './routes';
import { Sidebar } from './Sidebar';
import { SkipLink } from './SkipLink';
import { StatusBar } from './StatusBar';
import type { CrawlController } from './use-crawl';
import { useCrawl } from './use-crawl';
import { useHealth } from './use-health';
import { useRoute } from './use-route';
import { useSetup, type SetupController } from './use-setup';

const MAIN_ID = 'main-content';

export function App({ client }: { client: GitGuildClient }) {
  const route = useRoute();
  const health = useHealth(client);
  // Held here, not in the Stats page, so the status bar keeps showing progress on every page.
  const crawl = useCrawl(client);
  const setup = useSetup(client, health, crawl);
  const [openedBare] = useState(() => isBareHash(window.location.hash));
  // Opened without a page: wait for the first-run decision rather than show Stats for a moment.
  const [deciding, setDeciding] = useState(openedBare);

  useEffect(() => {
    if (!deciding || !setup.facts) return;
    if (setup.needed) navigate({ page: 'setup' });
    setDeciding(false);
  }, [deciding, setup.facts, setup.needed]);
  // A host that cannot answer never gives facts: the page below then shows its own error.
  useEffect(() => {
    if (deciding && health.state === 'error') setDeciding(false);
  }, [deciding, health.state]);

  const routeKey = hashOf(route);
  const firstRoute = useRef(routeKey);
  useEffect(() => {
    document.title = `${PAGES[route.page].title} · GitGuild`;
    if (routeKey === firstRoute.current) return;
    firstRoute.current = '';
    const heading = document.querySelector<HTMLElement>(`#${MAIN_ID} h1`);
    (heading ?? document.getElementById(MAIN_ID))?.focus();
  }, [routeKey, route.page]);

  return (
    <div className="shell" data-transport={client.transport}>
      <SkipLink targetId={MAIN_ID} />
      <Sidebar current={route.page} setupLeft={stepsLeft(setup.states)} />
      <main className="content" id={MAIN_ID} tabIndex={-1}>
        <HealthBanners view={health} onStorePage={route.page === 'store'} />
        {deciding ? (
          <LoadingState label="Connecting to GitGuild…" testId="app-loading" />
        ) : (
          <Page route={route} client={client} crawl={crawl} setup={setup} />
        )}
      </main>
      <StatusBar view={health} crawl={crawl.progress} />
    </div>
  );
}

function Page({
  route,
  client,
  crawl,
  setup,
}: {
  route: Route;
  client: GitGuildClient;
  crawl: CrawlController;
  setup: SetupController;
}) {
  switch (route.page) {
    case 'setup':
      return <SetupWizard client={client} crawl={crawl} setup={setup} />;
    case 'settings':
      return <SettingsPage client={client} />;
    case 'stats':
      return <StatsPage client={client} crawl={crawl} />;
    case 'store':
      return <StorePage client={client} />;
    case 'guilds':
      return <GuildsPage client={client} />;
    case 'guild':
      return <GuildPage key={route.guildId} client={client} guildId={route.guildId} />;
    case 'mapping':
      return (
        <MappingEditor
          key={`${route.guildId}/${route.mappingId}`}
          client={client}
          guildId={route.guildId}
          mappingId={route.mappingId}
        />
      );
    case 'members':
      return <MembersPage client={client} />;
    case 'sync':
      return <SyncPage client={client} />;
  }
}
