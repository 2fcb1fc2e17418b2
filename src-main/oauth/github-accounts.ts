// GitHub calls made with a user's token or the OAuth App's credentials: who a token belongs to
// (login, scopes, orgs it can read), and revoking a token or grant through
// @octokit/oauth-methods. GitHub's OAuth endpoints live on the web host, its REST API on the
// API host; each request helper gets the right base URL.
import { deleteAuthorization, deleteToken } from '@octokit/oauth-methods';
import { Octokit } from '@octokit/rest';
import { GitGuildError } from '../errors.js';
import { createOctokit } from '../github/octokit.js';
import type { Logger } from '../log/logger.js';
import type { Settings } from '../store/types.js';

export const ADMIN_GITHUB_SCOPES = ['read:org'] as const;

export interface GitHubIdentity {
  login: string;
  id: number;
  /** From X-OAuth-Scopes; null for tokens that have none (fine-grained tokens, GitHub App tokens). */
  scopes: string[] | null;
}

export interface GitHubOrgView {
  login: string;
  description: string | null;
  avatarUrl: string;
}

type GitHubSettings = Pick<Settings, 'githubApiBaseUrl' | 'githubWebBaseUrl'>;

/** A request function for GitHub's OAuth endpoints (github.com/login/...), without user auth. */
export function githubOAuthRequest(settings: GitHubSettings, userAgent: string) {
  return new Octokit({ baseUrl: settings.githubWebBaseUrl.replace(/\/+$/, ''), userAgent }).request;
}

/** A request function for api.github.com without user auth (the app's Basic auth is added per call). */
function githubApiRequest(settings: GitHubSettings, userAgent: string) {
  return new Octokit({ baseUrl: settings.githubApiBaseUrl.replace(/\/+$/, ''), userAgent }).request;
}

function client(settings: GitHubSettings, token: string, logger: Logger, userAgent: string) {
  return createOctokit({
    baseUrl: settings.githubApiBaseUrl,
    token,
    logger,
    userAgent,
    retries: 1,
    maxRateLimitWaitMs: 10_000,
  }).octokit;
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error
    ? Number((error as { status: unknown }).status)
    : undefined;
}

/** Checks a token live: GET /user, reading the scopes GitHub reports for it. */
export async function identifyGitHubToken(
  settings: GitHubSettings,
  token: string,
  logger: Logger,
  userAgent: string,
): Promise<GitHubIdentity> {
  logger.addSecret(token);
  try {
    const response = await client(settings, token, logger, userAgent).request('GET /user');
    const header = response.headers['x-oauth-scopes'];
    return {
      login: response.data.login,
      id: Number(response.data.id),
      scopes:
        typeof header === 'string'
          ? header
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : null,
    };
  } catch (error) {
    if (statusOf(error) === 401) {
      throw new GitGuildError('unauthorized', 'GitHub does not accept this token.', {
        hint: 'Check that it was copied completely and has not expired or been revoked.',
      });
    }
    logger.warn('GitHub token check failed', { error });
    throw new GitGuildError('upstream_failed', 'GitHub could not be reached to check the token.', {
      hint: 'Check the GitHub API base URL in Settings and your network, then try again.',
    });
  }
}

/** The orgs the token's user belongs to (GitHub lists private memberships only with read:org). */
export async function readableOrgs(
  settings: GitHubSettings,
  token: string,
  logger: Logger,
  userAgent: string,
): Promise<GitHubOrgView[]> {
  const octokit = client(settings, token, logger, userAgent);
  try {
    const orgs = await octokit.paginate('GET /user/orgs', { per_page: 100 });
    return orgs.map((o) => ({
      login: o.login,
      description: o.description ?? null,
      avatarUrl: o.avatar_url,
    }));
  } catch (error) {
    logger.warn('listing GitHub orgs failed', { error });
    throw new GitGuildError('upstream_failed', 'GitHub did not list the organisations.', {
      hint: statusOf(error) === 401 ? 'Sign in with GitHub again.' : 'Try again in a moment.',
    });
  }
}

export interface GitHubAppCredentials {
  clientId: string;
  clientSecret: string;
}

/** Revokes the whole grant (every token of this app for the user): admin sign-out. */
export async function revokeGitHubGrant(
  settings: GitHubSettings,
  app: GitHubAppCredentials,
  token: string,
  userAgent: string,
): Promise<void> {
  await deleteAuthorization({
    clientType: 'oauth-app',
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    token,
    request: githubApiRequest(settings, userAgent),
  });
}

/** Revokes one token: a member's token after GitGuild has read their login. */
export async function revokeGitHubToken(
  settings: GitHubSettings,
  app: GitHubAppCredentials,
  token: string,
  userAgent: string,
): Promise<void> {
  await deleteToken({
    clientType: 'oauth-app',
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    token,
    request: githubApiRequest(settings, userAgent),
  });
}
