// The host's own link, sync, audit and voice stats services, for rigs that build the bot without
// the whole host: the OAuth side's MemberLinkService (device flow; without a GitHub OAuth App
// client ID it says how to set one up), the role engine's SyncService (the SyncPort and AuditPort)
// and the voice stats engine, all over the rig's store and the bot's discord.js client.
import type { Client } from 'discord.js';
import type { SimOrg } from '../../../sim/scenarios/org.js';
import { EventHub } from '../../../src-main/api/event-hub.js';
import type { BotPortServices } from '../../../src-main/host/bot-ports.js';
import type { ContributionIndexes } from '../../../src-main/host/contribution-indexes.js';
import { SyncService } from '../../../src-main/host/sync-service.js';
import { VoiceStatsService, voiceStatsPort } from '../../../src-main/host/voice-stats-service.js';
import type { Logger } from '../../../src-main/log/logger.js';
import { MemberLinkService } from '../../../src-main/oauth/member-links.js';
import { OAuthFlows } from '../../../src-main/oauth/oauth-flows.js';
import type { OrgRepoFacts } from '../../../src-main/scheduler/github-reader.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import type { Store } from '../../../src-main/store/index.js';

export interface RigServices {
  services: BotPortServices;
  sync: SyncService;
  links: MemberLinkService;
  close(): Promise<void>;
}

/** Repository numbers the way GitHubOrgReader sums them, read from the scenario (no GitHub here). */
export function scenarioRepoFacts(org: SimOrg): OrgRepoFacts {
  const repos = org.repos.filter((r) => !r.archived && !r.fork);
  return {
    repos: repos.length,
    stars: repos.reduce((n, r) => n + r.stars, 0),
    forks: repos.reduce((n, r) => n + r.forks, 0),
    openPrs: repos.reduce((n, r) => n + r.pulls.filter((p) => p.state === 'open').length, 0),
    openIssues: repos.reduce((n, r) => n + r.issues.filter((i) => i.state === 'open').length, 0),
  };
}

export async function rigServices(deps: {
  store: Store;
  indexes: Pick<ContributionIndexes, 'get'>;
  logger: Logger;
  client: () => Client | null;
  org: SimOrg;
}): Promise<RigServices> {
  const { store, logger, client } = deps;
  const indexFor = (org: string) => deps.indexes.get(org);
  const secrets = await openSecretStore({ backend: 'memory', logger });
  const sync = new SyncService({ store, indexFor, client, events: new EventHub(logger), logger });
  const voiceStats = new VoiceStatsService({
    store,
    indexFor,
    repoFacts: async () => scenarioRepoFacts(deps.org),
    client,
    logger,
  });
  const flows = new OAuthFlows({ logger });
  const links = new MemberLinkService({
    links: store.links,
    settings: store.settings,
    secrets,
    flows,
    logger,
    userAgent: 'GitGuild-test',
    onLinked: (change) => sync.syncUser(change.discordUserId, 'link'),
    onUnlinked: (change) => sync.syncUser(change.discordUserId, 'unlink'),
  });
  await sync.start();
  return {
    services: { links, sync, audit: sync, voiceStats: voiceStatsPort(voiceStats, logger) },
    sync,
    links,
    async close() {
      links.stop();
      await flows.stop();
      await sync.stop();
      voiceStats.dispose();
    },
  };
}
