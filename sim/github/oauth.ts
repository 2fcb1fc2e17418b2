// GitHub's OAuth endpoints (plays github.com): the web flow with PKCE S256 and loopback redirect
// matching on any port, the device flow with GitHub's polling errors, and the grants behind the
// issued tokens (scopes, per-app revocation) that the API face serves under /applications.
import { createHash, randomBytes } from 'node:crypto';
import type { SimClock } from './clock.js';
import type { SimWorld } from './state.js';

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** The registered callback URL, e.g. `http://127.0.0.1/cb`. */
  callbackUrl: string;
}

export interface DeviceFlowOptions {
  /** Seconds between polls GitHub asks for. GitHub: 5. */
  interval: number;
  /** GitHub: 900. */
  expiresIn: number;
}

interface PendingCode {
  clientId: string;
  redirectUri: string | null;
  challenge: string | null;
  login: string;
  scope: string;
  expiresAt: number;
}

/** An OAuth token the simulator issued: which app and user it belongs to, with its scopes. */
export interface IssuedToken {
  token: string;
  clientId: string;
  login: string;
  /** GitHub's normalised form: comma-separated, no spaces ("read:org,read:user"). */
  scope: string;
  createdAt: number;
}

interface PendingDevice {
  clientId: string;
  deviceCode: string;
  userCode: string;
  scope: string;
  interval: number;
  expiresAt: number;
  lastPollAt: number | null;
  outcome: { approvedAs: string } | 'denied' | 'issued' | null;
}

/** What GitHub sends back from the token endpoint: fields rendered as JSON or form by `Accept`. */
export type TokenResponse = Record<string, string | number>;

const ERROR_DOCS =
  'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

function oauthError(error: string, description: string, extra: TokenResponse = {}): TokenResponse {
  return {
    error,
    error_description: description,
    error_uri: `${ERROR_DOCS}/#${error.replace(/_/g, '-')}`,
    ...extra,
  };
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '[::1]' || host === 'localhost';
}

/**
 * GitHub's redirect_uri rule: same scheme and host as the callback URL, path equal to or below
 * it, and the same port, except for loopback callbacks, where any port is accepted.
 */
export function redirectMatches(registered: string, requested: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(registered);
    b = new URL(requested);
  } catch {
    return false;
  }
  if (a.protocol !== b.protocol || a.hostname !== b.hostname) return false;
  if (!isLoopback(a.hostname) && a.port !== b.port) return false;
  const base = a.pathname.endsWith('/') ? a.pathname : `${a.pathname}/`;
  return b.pathname === a.pathname || b.pathname.startsWith(base);
}

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ0123456789';

export class OAuthProvider {
  private readonly codes = new Map<string, PendingCode>();
  private readonly devices = new Map<string, PendingDevice>();
  private readonly issued = new Map<string, IssuedToken>();
  private readonly history: IssuedToken[] = [];
  /** Who the auto-consent page signs in as; null makes it deny, as a user clicking Cancel would. */
  authorizeAs: string | null;

  constructor(
    private readonly world: SimWorld,
    private readonly clock: SimClock,
    readonly apps: OAuthApp[],
    readonly device: DeviceFlowOptions,
    defaultLogin: string,
  ) {
    this.authorizeAs = defaultLogin;
  }

  private app(clientId: string | undefined): OAuthApp | undefined {
    return this.apps.find((a) => a.clientId === clientId);
  }

  /** GET /login/oauth/authorize: the redirect GitHub sends the browser to after consent. */
  authorize(
    query: URLSearchParams,
  ): { status: 302; location: string } | { status: 400 | 404; message: string } {
    const app = this.app(query.get('client_id') ?? undefined);
    if (!app) return { status: 404, message: 'No OAuth application with this client_id.' };
    const requested = query.get('redirect_uri');
    const state = query.get('state');
    const back = (
      target: string,
      params: Record<string, string>,
    ): { status: 302; location: string } => {
      const u = new URL(target);
      for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
      if (state !== null) u.searchParams.set('state', state);
      return { status: 302, location: u.toString() };
    };
    if (requested !== null && !redirectMatches(app.callbackUrl, requested)) {
      return back(app.callbackUrl, {
        error: 'redirect_uri_mismatch',
        error_description:
          'The redirect_uri MUST match the registered callback URL for this application.',
        error_uri:
          'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch',
      });
    }
    const target = requested ?? app.callbackUrl;
    const challenge = query.get('code_challenge');
    const method = query.get('code_challenge_method');
    if (challenge !== null && method !== 'S256') {
      return back(target, {
        error: 'invalid_request',
        error_description: 'code_challenge_method must be S256.',
      });
    }
    if (this.authorizeAs === null)
      return back(target, {
        error: 'access_denied',
        error_description: 'The user has denied your application access.',
        error_uri:
          'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied',
      });
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, {
      clientId: app.clientId,
      redirectUri: requested,
      challenge,
      login: query.get('login') ?? this.authorizeAs,
      scope: query.get('scope') ?? '',
      expiresAt: this.clock.now() + 10 * 60_000,
    });
    return back(target, { code });
  }

  /** POST /login/oauth/access_token: both the web-flow code exchange and device-flow polling. */
  token(fields: Record<string, string>): TokenResponse {
    if (fields.grant_type === DEVICE_GRANT) return this.pollDevice(fields);
    if (fields.grant_type !== undefined && fields.grant_type !== 'authorization_code')
      return oauthError('unsupported_grant_type', 'The grant type is not supported.');
    const app = this.app(fields.client_id);
    if (!app || fields.client_secret !== app.clientSecret)
      return oauthError(
        'incorrect_client_credentials',
        'The client_id and/or client_secret passed are incorrect.',
      );
    const code = fields.code === undefined ? undefined : this.codes.get(fields.code);
    const bad = oauthError('bad_verification_code', 'The code passed is incorrect or expired.');
    if (!code || code.clientId !== app.clientId || code.expiresAt < this.clock.now()) return bad;
    if (
      fields.redirect_uri !== undefined &&
      code.redirectUri !== null &&
      fields.redirect_uri !== code.redirectUri
    ) {
      return oauthError(
        'redirect_uri_mismatch',
        'The redirect_uri MUST match the registered callback URL for this application.',
      );
    }
    if (code.challenge !== null) {
      const verifier = fields.code_verifier ?? '';
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (computed !== code.challenge) return bad;
    }
    // Codes are single use.
    if (fields.code !== undefined) this.codes.delete(fields.code);
    return this.issue(app.clientId, code.login, code.scope);
  }

  startDevice(fields: Record<string, string>, verificationUri: string): TokenResponse {
    const app = this.app(fields.client_id);
    if (!app)
      return oauthError('incorrect_client_credentials', 'The client_id passed is incorrect.');
    const deviceCode = randomBytes(20).toString('hex');
    let userCode = '';
    const bytes = randomBytes(8);
    for (let i = 0; i < 8; i++)
      userCode +=
        (i === 4 ? '-' : '') + USER_CODE_ALPHABET[(bytes[i] ?? 0) % USER_CODE_ALPHABET.length];
    const pending: PendingDevice = {
      clientId: app.clientId,
      deviceCode,
      userCode,
      scope: fields.scope ?? '',
      interval: this.device.interval,
      expiresAt: this.clock.now() + this.device.expiresIn * 1000,
      lastPollAt: null,
      outcome: null,
    };
    this.devices.set(deviceCode, pending);
    return {
      device_code: deviceCode,
      user_code: userCode,
      verification_uri: verificationUri,
      expires_in: this.device.expiresIn,
      interval: this.device.interval,
    };
  }

  private pollDevice(fields: Record<string, string>): TokenResponse {
    const app = this.app(fields.client_id);
    if (!app)
      return oauthError('incorrect_client_credentials', 'The client_id passed is incorrect.');
    const d = fields.device_code === undefined ? undefined : this.devices.get(fields.device_code);
    if (!d || d.clientId !== app.clientId || d.outcome === 'issued')
      return oauthError('incorrect_device_code', 'The device_code provided is not valid.');
    const now = this.clock.now();
    if (now >= d.expiresAt) return oauthError('expired_token', 'The device_code has expired.');
    if (d.outcome === 'denied')
      return oauthError('access_denied', 'The authorization request was denied.');
    const tooFast = d.lastPollAt !== null && now - d.lastPollAt < d.interval * 1000;
    d.lastPollAt = now;
    if (tooFast) {
      // GitHub adds 5 seconds to the interval each time a client polls too fast.
      d.interval += 5;
      return oauthError('slow_down', 'Too many requests have been made in the same timeframe.', {
        interval: d.interval,
      });
    }
    if (d.outcome === null)
      return oauthError('authorization_pending', 'The authorization request is still pending.');
    const login = d.outcome.approvedAs;
    d.outcome = 'issued';
    return this.issue(app.clientId, login, d.scope);
  }

  /** What the user does on /login/device: enter the code and approve (or deny) as `login`. */
  decideDevice(userCode: string, decision: { approveAs: string } | 'deny'): void {
    const wanted = userCode.trim().toUpperCase();
    const d = [...this.devices.values()].find((x) => x.userCode === wanted);
    if (!d) throw new Error(`no pending device authorization has user code "${userCode}"`);
    if (this.clock.now() >= d.expiresAt) throw new Error(`user code "${userCode}" has expired`);
    if (d.outcome !== null) throw new Error(`user code "${userCode}" was already used`);
    if (decision === 'deny') d.outcome = 'denied';
    else {
      this.world.ensureUser(decision.approveAs);
      d.outcome = { approvedAs: decision.approveAs };
    }
  }

  private issue(clientId: string, login: string, requested: string): TokenResponse {
    this.world.ensureUser(login);
    const token = `gho_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
    this.world.issueToken(token, login);
    // GitHub answers with the granted scopes comma-separated, whatever separator was asked with.
    const scope = requested
      .split(/[\s,]+/)
      .filter(Boolean)
      .join(',');
    const record = { token, clientId, login, scope, createdAt: this.clock.now() };
    this.issued.set(token, record);
    this.history.push(record);
    return { access_token: token, token_type: 'bearer', scope };
  }

  /** The `X-OAuth-Scopes` value for a token this provider issued; undefined for other tokens. */
  scopesHeader(token: string): string | undefined {
    const issued = this.issued.get(token);
    return issued && issued.scope.split(',').filter(Boolean).join(', ');
  }

  /** Client authentication for the /applications endpoints (HTTP Basic with id and secret). */
  authenticateApp(clientId: string, authorization: string | undefined): OAuthApp | undefined {
    const app = this.app(clientId);
    const m = /^basic\s+(\S+)$/i.exec(authorization?.trim() ?? '');
    if (!app || !m?.[1]) return undefined;
    const [id, ...secret] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
    return id === app.clientId && secret.join(':') === app.clientSecret ? app : undefined;
  }

  /** A live token of this app, or undefined (unknown, revoked or another app's). */
  liveToken(clientId: string, token: string): IssuedToken | undefined {
    const issued = this.issued.get(token);
    if (!issued || issued.clientId !== clientId || this.world.tokenLogin(token) === undefined)
      return undefined;
    return issued;
  }

  /** DELETE /applications/{client_id}/token: this token stops working. */
  revokeToken(clientId: string, token: string): boolean {
    const issued = this.liveToken(clientId, token);
    if (!issued) return false;
    this.issued.delete(token);
    this.world.revokeToken(token);
    return true;
  }

  /** DELETE /applications/{client_id}/grant: every token of this app for the token's user stops working. */
  revokeGrant(clientId: string, token: string): boolean {
    const issued = this.liveToken(clientId, token);
    if (!issued) return false;
    for (const other of [...this.issued.values()]) {
      if (other.clientId === clientId && other.login === issued.login) {
        this.issued.delete(other.token);
        this.world.revokeToken(other.token);
      }
    }
    return true;
  }

  /** Tokens issued and not revoked. */
  liveTokens(): IssuedToken[] {
    return [...this.issued.values()].map((t) => ({ ...t }));
  }

  /** Every token ever issued, revoked or not, for tests that look for them where they must not be. */
  issuedTokens(): IssuedToken[] {
    return this.history.map((t) => ({ ...t }));
  }
}
