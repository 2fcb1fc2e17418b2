// Dashboard sign-in for a headless host with a public base URL: admins of a community sign in
// with Discord (identify guilds) instead of sharing the API token, and each may act only on the
// guilds where Discord gives them Manage Server (or Administrator, or ownership).
//
// Sessions live on the server, in memory: the browser holds only a random 256-bit token in an
// HttpOnly, SameSite=Strict cookie (Secure and __Host- on https), the host keeps its SHA-256.
// They expire after 12 hours, the guild list is checked again with Discord every 10 minutes
// (and the Discord token refreshed when needed), and a session can be ended alone or with every
// other session of the same Discord user. A restart ends them all; no token is written to disk.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';
import type { SettingsRepository } from '../store/repositories.js';
import {
  refreshAccessToken,
  revokeToken,
  type OAuthClient,
  type TokenSet,
} from './authorization-code.js';
import { PAGES, type CallbackPage } from './callback-page.js';
import { discordUser, discordUserGuilds } from './discord-accounts.js';
import type { OAuthFlows } from './oauth-flows.js';
import { discordEndpoints } from './providers.js';

export const SESSION_TTL_MS = 12 * 3600_000;
export const SESSION_RECHECK_MS = 10 * 60_000;
/** Sign-ins in progress at once; the login URL needs no credential, so it is bounded. */
export const MAX_PENDING_SIGN_INS = 200;
const COOKIE = 'gitguild_session';

export interface DashboardSessionView {
  /** A random id for lists and audit; not the credential. */
  id: string;
  userId: string;
  username: string;
  guildIds: string[];
  createdAt: string;
  expiresAt: string;
  checkedAt: string;
}

/** What a route or handler may know about the session behind a request. */
export interface SessionCaller {
  sessionId: string;
  userId: string;
  username: string;
  /** The guilds this admin may manage, checked again with Discord when the last check is stale. */
  guildIds(): Promise<ReadonlySet<string>>;
}

interface Session {
  key: string;
  id: string;
  userId: string;
  username: string;
  guildIds: Set<string>;
  createdAt: number;
  expiresAt: number;
  checkedAt: number;
  access: string;
  refresh: string | null;
  accessExpiresAt: number | null;
  checking: Promise<void> | null;
}

export interface DashboardSessionsOptions {
  settings: SettingsRepository;
  secrets: SecretStore;
  flows: OAuthFlows;
  logger: Logger;
  now?: () => number;
}

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

function cookieValue(header: string | undefined, names: readonly string[]): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (names.includes(part.slice(0, eq).trim())) return part.slice(eq + 1).trim();
  }
  return null;
}

export class DashboardSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly options: DashboardSessionsOptions) {
    this.log = options.logger.child('dashboard');
    this.now = options.now ?? Date.now;
  }

  /** On when the admin switched it on and the host has a public base URL. */
  enabled(): boolean {
    const settings = this.options.settings.get();
    return settings.dashboardSignIn && settings.publicBaseUrl !== '';
  }

  private cookieName(): string {
    // __Host- cookies must be Secure, Path=/ and host-only: a sibling subdomain cannot set them.
    return this.options.settings.get().publicBaseUrl.startsWith('https:')
      ? `__Host-${COOKIE}`
      : COOKIE;
  }

  private cookie(value: string, maxAgeSeconds: number): string {
    const secure = this.options.settings.get().publicBaseUrl.startsWith('https:') ? '; Secure' : '';
    return `${this.cookieName()}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
  }

  /** GET /auth/discord/login: off (null), or the Discord authorization URL to send the browser to. */
  async beginSignIn(): Promise<{ redirect: string } | { page: CallbackPage } | null> {
    if (!this.enabled()) return null;
    if (this.options.flows.count('dashboard sign-in') >= MAX_PENDING_SIGN_INS) {
      this.log.warn('dashboard sign-in refused: too many in progress', {
        pending: MAX_PENDING_SIGN_INS,
      });
      return { page: PAGES.busy };
    }
    const settings = this.options.settings.get();
    const client = await this.client();
    if (!client) {
      this.log.warn('dashboard sign-in needs the Discord client ID and secret');
      return null;
    }
    const flow = await this.options.flows.begin<string>({
      provider: 'discord',
      endpoints: discordEndpoints(settings),
      client,
      scope: 'identify guilds',
      redirect: { kind: 'public', baseUrl: settings.publicBaseUrl },
      purpose: 'dashboard sign-in',
      finish: async (tokens) => {
        const session = await this.create(tokens);
        if (!session) return { value: '', page: PAGES.noManagedServer };
        return {
          value: session.id,
          page: {
            ...PAGES.signedIn,
            redirectTo: '/',
            setCookie: this.cookie(session.token, Math.floor(SESSION_TTL_MS / 1000)),
          },
        };
      },
    });
    return { redirect: flow.authorizationUrl };
  }

  /** The session behind a request's cookie, if it is live. Synchronous: no network here. */
  authenticate(request: IncomingMessage): SessionCaller | null {
    const token = cookieValue(request.headers.cookie, [`__Host-${COOKIE}`, COOKIE]);
    if (!token || !this.enabled()) return null;
    const session = this.sessions.get(hash(token));
    if (!session) return null;
    if (this.now() >= session.expiresAt) {
      this.sessions.delete(session.key);
      return null;
    }
    return this.caller(session);
  }

  list(): DashboardSessionView[] {
    this.sweep();
    return [...this.sessions.values()].map((s) => ({
      id: s.id,
      userId: s.userId,
      username: s.username,
      guildIds: [...s.guildIds].sort(),
      createdAt: new Date(s.createdAt).toISOString(),
      expiresAt: new Date(s.expiresAt).toISOString(),
      checkedAt: new Date(s.checkedAt).toISOString(),
    }));
  }

  /** A Set-Cookie value that clears the session cookie in the browser. */
  clearCookie(): string {
    return this.cookie('', 0);
  }

  async signOut(sessionId: string): Promise<number> {
    return this.end((s) => s.id === sessionId, 'signed out');
  }

  /** Every session of this Discord user ("sign out everywhere"), or every session at all. */
  async signOutEverywhere(userId?: string): Promise<number> {
    return this.end((s) => userId === undefined || s.userId === userId, 'signed out everywhere');
  }

  /** For the token refresh job: re-check every session's guilds and drop expired ones. */
  async refreshAll(): Promise<string> {
    this.sweep();
    const sessions = [...this.sessions.values()];
    await Promise.all(sessions.map((s) => this.check(s, true)));
    return `${this.sessions.size} session(s)`;
  }

  stop(): void {
    this.sessions.clear();
  }

  // ---- internals ----

  private async create(tokens: TokenSet): Promise<(Session & { token: string }) | null> {
    const settings = this.options.settings.get();
    this.log.addSecret(tokens.accessToken);
    if (tokens.refreshToken) this.log.addSecret(tokens.refreshToken);
    const user = await discordUser(settings.discordApiBaseUrl, tokens.accessToken);
    const guilds = await discordUserGuilds(settings.discordApiBaseUrl, tokens.accessToken);
    const manageable = new Set(guilds.filter((g) => g.canManage).map((g) => g.id));
    if (manageable.size === 0) {
      this.log.info('dashboard sign-in refused: no server with Manage Server', { userId: user.id });
      await this.revoke(tokens.accessToken, tokens.refreshToken);
      return null;
    }
    const token = randomBytes(32).toString('base64url');
    this.log.addSecret(token);
    const now = this.now();
    const session: Session = {
      key: hash(token),
      id: randomBytes(9).toString('base64url'),
      userId: user.id,
      username: user.username,
      guildIds: manageable,
      createdAt: now,
      expiresAt: now + SESSION_TTL_MS,
      checkedAt: now,
      access: tokens.accessToken,
      refresh: tokens.refreshToken,
      accessExpiresAt:
        tokens.expiresInSeconds === null ? null : now + tokens.expiresInSeconds * 1000,
      checking: null,
    };
    this.sessions.set(session.key, session);
    this.log.info('dashboard session started', {
      sessionId: session.id,
      userId: user.id,
      guilds: manageable.size,
    });
    return { ...session, token };
  }

  private caller(session: Session): SessionCaller {
    return {
      sessionId: session.id,
      userId: session.userId,
      username: session.username,
      guildIds: async () => {
        await this.check(session, false);
        const live = this.sessions.get(session.key) === session && this.now() < session.expiresAt;
        return live ? new Set(session.guildIds) : new Set();
      },
    };
  }

  /** Asks Discord again for the session's guilds when the last answer is stale (or `force`). */
  private check(session: Session, force: boolean): Promise<void> {
    if (!force && this.now() - session.checkedAt < SESSION_RECHECK_MS) return Promise.resolve();
    session.checking ??= (async () => {
      const settings = this.options.settings.get();
      try {
        if (
          session.accessExpiresAt !== null &&
          session.accessExpiresAt - this.now() < 24 * 3600_000
        )
          await this.refreshTokens(session);
        const guilds = await discordUserGuilds(settings.discordApiBaseUrl, session.access);
        session.guildIds = new Set(guilds.filter((g) => g.canManage).map((g) => g.id));
        session.checkedAt = this.now();
        this.log.debug('dashboard session re-checked', {
          sessionId: session.id,
          guilds: session.guildIds.size,
        });
      } catch (error) {
        // Discord no longer accepts the grant (revoked, or the user left): the session ends.
        // Anything else (Discord down) keeps the last answer until the next check.
        const unauthorized = (error as { identifier?: string }).identifier === 'unauthorized';
        this.log.warn('dashboard session re-check failed', {
          sessionId: session.id,
          ended: unauthorized,
          error: error instanceof Error ? error.message : String(error),
        });
        if (unauthorized) this.sessions.delete(session.key);
      }
    })().finally(() => {
      session.checking = null;
    });
    return session.checking;
  }

  private async refreshTokens(session: Session): Promise<void> {
    if (!session.refresh) return;
    const client = await this.client();
    if (!client) return;
    try {
      const tokens = await refreshAccessToken(
        discordEndpoints(this.options.settings.get()),
        client,
        session.refresh,
      );
      this.log.addSecret(tokens.accessToken);
      if (tokens.refreshToken) this.log.addSecret(tokens.refreshToken);
      session.access = tokens.accessToken;
      session.refresh = tokens.refreshToken ?? session.refresh;
      session.accessExpiresAt =
        tokens.expiresInSeconds === null ? null : this.now() + tokens.expiresInSeconds * 1000;
    } catch (error) {
      if ((error as { detail?: Record<string, unknown> }).detail?.['error'] === 'invalid_grant') {
        const ended = new Error('the Discord grant has ended') as Error & { identifier: string };
        ended.identifier = 'unauthorized';
        throw ended;
      }
      throw error;
    }
  }

  private async end(select: (s: Session) => boolean, why: string): Promise<number> {
    const ended = [...this.sessions.values()].filter(select);
    for (const session of ended) this.sessions.delete(session.key);
    await Promise.all(ended.map((s) => this.revoke(s.access, s.refresh)));
    for (const s of ended)
      this.log.info(`dashboard session ${why}`, { sessionId: s.id, userId: s.userId });
    return ended.length;
  }

  private async revoke(access: string, refresh: string | null): Promise<void> {
    const client = await this.client();
    if (!client) return;
    const endpoints = discordEndpoints(this.options.settings.get());
    try {
      if (refresh) await revokeToken(endpoints, client, refresh, 'refresh_token');
      await revokeToken(endpoints, client, access, 'access_token');
    } catch (error) {
      this.log.warn('Discord did not confirm revoking a dashboard session', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, s] of this.sessions) if (now >= s.expiresAt) this.sessions.delete(key);
  }

  private async client(): Promise<OAuthClient | null> {
    const settings = this.options.settings.get();
    if (settings.discordClientId === '' || !this.options.secrets.status().available) return null;
    const secret = await this.options.secrets.get('discord.clientSecret').catch(() => null);
    if (!secret) return null;
    this.log.addSecret(secret);
    return { clientId: settings.discordClientId, clientSecret: secret };
  }
}
