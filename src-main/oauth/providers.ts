// Where Discord's and GitHub's OAuth endpoints live, derived from the base URLs in settings so
// the simulators (and GitHub Enterprise) stand in without a test-only branch.
import type { Settings } from '../store/types.js';

export type OAuthProviderName = 'discord' | 'github';

export interface OAuthEndpoints {
  provider: OAuthProviderName | 'generic';
  /** The authorization server's identifier (RFC 8414); checked against `iss` when the server sends it. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  /** RFC 9207: the server always sends `iss` with its redirect. */
  issParameterSupported?: boolean;
}

/** Paths on our redirect servers (loopback and the public base URL alike). */
export const CALLBACK_PATHS: Record<OAuthProviderName, string> = {
  discord: '/oauth/discord/callback',
  github: '/oauth/github/callback',
};

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/** `https://discord.com/api` (optionally `/v10`) → `https://discord.com`, where the authorize page is. */
export function discordWebBase(settings: Pick<Settings, 'discordApiBaseUrl'>): string {
  return trimSlash(settings.discordApiBaseUrl).replace(/\/api(\/v\d+)?$/, '');
}

export function discordEndpoints(settings: Pick<Settings, 'discordApiBaseUrl'>): OAuthEndpoints {
  const api = trimSlash(settings.discordApiBaseUrl);
  const web = discordWebBase(settings);
  return {
    provider: 'discord',
    issuer: web,
    authorizationEndpoint: `${web}/oauth2/authorize`,
    tokenEndpoint: `${api}/oauth2/token`,
    revocationEndpoint: `${api}/oauth2/token/revoke`,
  };
}

export function githubEndpoints(settings: Pick<Settings, 'githubWebBaseUrl'>): OAuthEndpoints {
  const web = trimSlash(settings.githubWebBaseUrl);
  return {
    provider: 'github',
    issuer: web,
    authorizationEndpoint: `${web}/login/oauth/authorize`,
    tokenEndpoint: `${web}/login/oauth/access_token`,
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Redirect URIs to register with each provider, exactly as GitGuild sends them. */
export function redirectUris(settings: Pick<Settings, 'discordRedirectPort' | 'publicBaseUrl'>): {
  discordLoopback: string;
  githubLoopback: string;
  discordPublic: string | null;
  githubPublic: string | null;
} {
  const pub = settings.publicBaseUrl === '' ? null : trimSlash(settings.publicBaseUrl);
  return {
    discordLoopback: `http://127.0.0.1:${settings.discordRedirectPort}${CALLBACK_PATHS.discord}`,
    // GitHub matches loopback callback URLs on any port, so the port is left out.
    githubLoopback: `http://127.0.0.1${CALLBACK_PATHS.github}`,
    discordPublic: pub && `${pub}${CALLBACK_PATHS.discord}`,
    githubPublic: pub && `${pub}${CALLBACK_PATHS.github}`,
  };
}
