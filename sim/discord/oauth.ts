// Discord OAuth2 for admin sign-in: authorize auto-consents (or denies, as a user pressing Cancel
// would), the token endpoint checks client auth, PKCE (S256) and an exact redirect_uri match,
// refresh tokens rotate, and /oauth2/token/revoke ends a grant (its access and refresh token).
import { createHash, randomBytes } from 'node:crypto';
import type { RESTPostOAuth2AccessTokenResult } from 'discord-api-types/v10';

interface PendingCode {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  userId: string;
  challenge: string | null;
  expiresAt: number;
}

export interface Grant {
  userId: string;
  scopes: string[];
  expiresAt: number;
  /** The access and refresh token issued together share one grant; revoking either ends both. */
  grantId: string;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const token = (): string => randomBytes(20).toString('base64url');
const ACCESS_TTL_S = 604_800;

export class OAuthStore {
  private readonly codes = new Map<string, PendingCode>();
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<
    string,
    { userId: string; scopes: string[]; grantId: string }
  >();
  private readonly history: string[] = [];
  /** Who consents on the authorize page: a user id, null to deny, undefined for the default user. */
  consentAs: string | null | undefined = undefined;

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly redirectUris: string[],
  ) {}

  private redirectAllowed(uri: string): boolean {
    if (this.redirectUris.length > 0) return this.redirectUris.includes(uri);
    return /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(uri);
  }

  /** Validates an authorize request and returns the redirect URL carrying code and state. */
  authorize(query: URLSearchParams, userId: string): string {
    const clientId = query.get('client_id') ?? '';
    const redirectUri = query.get('redirect_uri') ?? '';
    if (clientId !== this.clientId)
      throw new OAuthError(400, 'invalid_client', 'Unknown Application');
    if (!this.redirectAllowed(redirectUri))
      throw new OAuthError(400, 'invalid_request', 'Invalid OAuth2 redirect_uri');
    if (query.get('response_type') !== 'code')
      throw new OAuthError(400, 'unsupported_response_type', 'response_type must be code');
    const method = query.get('code_challenge_method');
    const challenge = query.get('code_challenge');
    if (challenge && method !== 'S256')
      throw new OAuthError(400, 'invalid_request', 'code_challenge_method must be S256');
    const target = new URL(redirectUri);
    const state = query.get('state');
    if (this.consentAs === null) {
      // Discord sends the browser back with the error when the user presses Cancel.
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set(
        'error_description',
        'The resource owner or authorization server denied the request',
      );
      if (state !== null) target.searchParams.set('state', state);
      return target.toString();
    }
    const code = token();
    this.codes.set(code, {
      clientId,
      redirectUri,
      scopes: (query.get('scope') ?? '').split(/[ +]/).filter(Boolean),
      userId: this.consentAs ?? userId,
      challenge,
      expiresAt: Date.now() + 600_000,
    });
    target.searchParams.set('code', code);
    if (state !== null) target.searchParams.set('state', state);
    return target.toString();
  }

  private authenticateClient(form: URLSearchParams, authorization: string | undefined): void {
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    if (authorization?.startsWith('Basic ')) {
      const [user, pass] = Buffer.from(authorization.slice(6), 'base64')
        .toString('utf8')
        .split(':');
      id = decodeURIComponent(user ?? '');
      secret = decodeURIComponent(pass ?? '');
    }
    if (id !== this.clientId || secret !== this.clientSecret)
      throw new OAuthError(401, 'invalid_client', 'Invalid client');
  }

  exchange(
    form: URLSearchParams,
    authorization: string | undefined,
  ): RESTPostOAuth2AccessTokenResult {
    this.authenticateClient(form, authorization);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      if (!code || code.expiresAt < Date.now())
        throw new OAuthError(400, 'invalid_grant', 'Invalid "code" in request.');
      this.codes.delete(form.get('code') ?? '');
      if (form.get('redirect_uri') !== code.redirectUri)
        throw new OAuthError(400, 'invalid_grant', 'Invalid "redirect_uri" in request.');
      if (code.challenge) {
        const verifier = form.get('code_verifier') ?? '';
        const digest = createHash('sha256').update(verifier).digest('base64url');
        if (digest !== code.challenge)
          throw new OAuthError(400, 'invalid_grant', 'Invalid "code_verifier"');
      }
      return this.issue(code.userId, code.scopes);
    }
    if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      const grant = this.refresh.get(refreshToken);
      if (!grant) throw new OAuthError(400, 'invalid_grant', 'Invalid "refresh_token" in request.');
      this.refresh.delete(refreshToken);
      return this.issue(grant.userId, grant.scopes);
    }
    throw new OAuthError(400, 'unsupported_grant_type', 'Unsupported grant type');
  }

  /** POST /oauth2/token/revoke: client-authenticated; ends the token's whole grant. */
  revoke(form: URLSearchParams, authorization: string | undefined): void {
    this.authenticateClient(form, authorization);
    const value = form.get('token');
    if (!value) throw new OAuthError(400, 'invalid_request', 'Missing "token" in request.');
    // RFC 7009: an unknown or already revoked token is not an error.
    const grantId = this.access.get(value)?.grantId ?? this.refresh.get(value)?.grantId;
    if (grantId === undefined) return;
    for (const [t, g] of [...this.access]) if (g.grantId === grantId) this.access.delete(t);
    for (const [t, g] of [...this.refresh]) if (g.grantId === grantId) this.refresh.delete(t);
  }

  /** Access and refresh tokens still valid (not expired, revoked or rotated away), for leak tests. */
  liveTokens(): string[] {
    const now = Date.now();
    return [
      ...[...this.access].filter(([, g]) => g.expiresAt > now).map(([t]) => t),
      ...this.refresh.keys(),
    ];
  }

  /** Every access and refresh token ever issued (leak tests search for them). */
  issuedTokens(): string[] {
    return [...this.history];
  }

  private issue(userId: string, scopes: string[]): RESTPostOAuth2AccessTokenResult {
    const accessToken = token();
    const refreshToken = token();
    const grantId = token();
    this.history.push(accessToken, refreshToken);
    this.access.set(accessToken, {
      userId,
      scopes,
      expiresAt: Date.now() + ACCESS_TTL_S * 1000,
      grantId,
    });
    this.refresh.set(refreshToken, { userId, scopes, grantId });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TTL_S,
      refresh_token: refreshToken,
      scope: scopes.join(' '),
    };
  }

  lookup(accessToken: string): Grant | null {
    const grant = this.access.get(accessToken);
    return grant && grant.expiresAt > Date.now() ? grant : null;
  }

  /** Control: makes an access token expire now, so clients must refresh. */
  expireAll(): void {
    for (const grant of this.access.values()) grant.expiresAt = 0;
  }
}
