// Both simulators from one seed: a GitHub org and a Discord guild whose members are linked to
// that org's contributors, for `npm run sim`, `npm run demo` and end-to-end tests.
import { startDiscordSim, type DiscordSim, type StartDiscordSimOptions } from './discord/index.js';
import {
  DEFAULT_OAUTH_APP,
  startGitHubSim,
  type GitHubSim,
  type GitHubSimOptions,
} from './github/index.js';
import { generateGuild, type GuildScenario } from './scenarios/guild.js';
import { contributorLogins, generateOrg, type OrgPreset, type SimOrg } from './scenarios/org.js';

export interface StartSimulatorsOptions {
  seed?: number;
  preset?: OrgPreset;
  /** Epoch ms the scenario and the GitHub clock are anchored to; defaults to now. */
  now?: number;
  githubPort?: number;
  githubWebPort?: number;
  discordPort?: number;
  github?: Omit<GitHubSimOptions, 'org' | 'orgs' | 'port' | 'webPort' | 'now'>;
  discord?: Omit<StartDiscordSimOptions, 'guild' | 'seed' | 'port'>;
}

/** GitGuild's loopback callback, registered the way the README tells admins to (any port). */
export const SIM_GITHUB_CALLBACK_URL = 'http://127.0.0.1/oauth/github/callback';

export interface Simulators {
  github: GitHubSim & { org: SimOrg };
  discord: DiscordSim & { guild: GuildScenario };
  close(): Promise<void>;
}

export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<Simulators> {
  const seed = options.seed ?? 1;
  const preset = options.preset ?? 'demo';
  const now = options.now ?? Date.now();
  const org = generateOrg({ seed, preset, now });
  // The guild has no tiny preset: tiny runs get the demo guild trimmed to a handful of members.
  const guild = generateGuild({
    seed,
    preset: preset === 'large' ? 'large' : 'demo',
    githubLogins: contributorLogins(org),
    ...(preset === 'tiny' ? { memberCount: 10 } : {}),
  });
  const github = await startGitHubSim({
    oauthApps: [{ ...DEFAULT_OAUTH_APP, callbackUrl: SIM_GITHUB_CALLBACK_URL }],
    ...options.github,
    org,
    now,
    port: options.githubPort ?? 0,
    webPort: options.githubWebPort ?? 0,
  });
  let discord: DiscordSim;
  try {
    discord = await startDiscordSim({
      ...options.discord,
      guild,
      seed,
      port: options.discordPort ?? 0,
    });
  } catch (err) {
    await github.close();
    throw err;
  }
  return {
    github: { ...github, org },
    discord: { ...discord, guild },
    close: async () => {
      await Promise.all([github.close(), discord.close()]);
    },
  };
}

/**
 * The non-secret settings that point a GitGuild host at these simulators (a settings patch for
 * `store.settings.update`); the demo and the e2e harness both start from it.
 */
export function settingsForSimulators(sims: Simulators) {
  return {
    githubOrgs: [sims.github.org.login],
    githubApiBaseUrl: sims.github.apiUrl,
    githubWebBaseUrl: sims.github.webUrl,
    discordApiBaseUrl: sims.discord.restUrl,
    discordClientId: sims.discord.applicationId,
    githubClientId: sims.github.oauthApps[0]?.clientId ?? '',
  };
}
