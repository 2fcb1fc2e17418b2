// Authorization code + PKCE (RFC 6749, RFC 7636) against any OAuth 2.0 server, done by
// oauth4webapi: the authorization URL, the callback check (state, issuer, error), the code
// exchange, refresh and revocation. Nothing here hand-builds a token request.
import * as oauth from 'oauth4webapi';
import { isLoopbackUrl, type OAuthEndpoints } from './providers.js';

export interface OAuthClient {
  clientId: string;
  /** Discord and GitHub both want the secret at the token endpoint, PKCE or not. */
  clientSecret: string;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** Seconds from issue; null when the server says nothing (GitHub OAuth App tokens do not expire). */
  expiresInSeconds: number | null;
  scopes: string[];
}

export type OAuthFailureReason =
  'denied' | 'provider_error' | 'missing_code' | 'invalid_response' | 'exchange_failed' | 'network';

/**
 * A failed step. `message` is safe for the log and carries no code, token or secret; people
 * see only a generic sentence.
 */
export class OAuthFlowError extends Error {
  override readonly name = 'OAuthFlowError';
  constructor(
    readonly reason: OAuthFailureReason,
    message: string,
    readonly detail: Record<string, string | number | undefined> = {},
  ) {
    super(message);
  }
}

function authorizationServer(endpoints: OAuthEndpoints): oauth.AuthorizationServer {
  return {
    issuer: endpoints.issuer,
    authorization_endpoint: endpoints.authorizationEndpoint,
    token_endpoint: endpoints.tokenEndpoint,
    ...(endpoints.revocationEndpoint ? { revocation_endpoint: endpoints.revocationEndpoint } : {}),
    ...(endpoints.issParameterSupported
      ? { authorization_response_iss_parameter_supported: true }
      : {}),
  };
}

/**
 * GitHub answers token-endpoint errors with HTTP 200 and an `error` field (RFC 6749 §5.2 says
 * 400). Restoring the status lets oauth4webapi raise its usual ResponseBodyError for them.
 */
const githubStatusFix = async (url: string, init: oauth.CustomFetchOptions<string, unknown>) => {
  const response = await fetch(url, init as RequestInit);
  if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('json'))
    return response;
  const text = await response.text();
  let isError = false;
  try {
    const body: unknown = JSON.parse(text);
    isError = typeof body === 'object' && body !== null && 'error' in body;
  } catch {
    // Not JSON after all: oauth4webapi reports it.
  }
  return new Response(text, { status: isError ? 400 : 200, headers: response.headers });
};

function requestOptions(endpoints: OAuthEndpoints, url: string) {
  return {
    // Plain http only for loopback servers (the simulators, a test server); never on a network.
    [oauth.allowInsecureRequests]: url.startsWith('http:') && isLoopbackUrl(url),
    ...(endpoints.provider === 'github' ? { [oauth.customFetch]: githubStatusFix } : {}),
  };
}

function scopesOf(scope: unknown): string[] {
  return typeof scope === 'string' ? scope.split(/[\s,]+/).filter(Boolean) : [];
}

function toTokenSet(response: oauth.TokenEndpointResponse): TokenSet {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? null,
    expiresInSeconds: typeof response.expires_in === 'number' ? response.expires_in : null,
    scopes: scopesOf(response.scope),
  };
}

/** Maps a library or network error to a reason and a log-safe message. */
export function describeOAuthError(error: unknown, step: string): OAuthFlowError {
  if (error instanceof OAuthFlowError) return error;
  if (error instanceof oauth.AuthorizationResponseError) {
    return new OAuthFlowError(
      error.error === 'access_denied' ? 'denied' : 'provider_error',
      `${step}: the provider answered ${error.error}`,
      { error: error.error, description: error.error_description },
    );
  }
  if (error instanceof oauth.ResponseBodyError) {
    return new OAuthFlowError('exchange_failed', `${step}: HTTP ${error.status} ${error.error}`, {
      error: error.error,
      description: error.error_description,
      status: error.status,
    });
  }
  if (error instanceof oauth.OperationProcessingError) {
    return new OAuthFlowError('invalid_response', `${step}: ${error.message}`, {
      code: error.code,
    });
  }
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (error instanceof TypeError && cause?.code) {
    return new OAuthFlowError('network', `${step}: ${cause.code}`, { code: cause.code });
  }
  return new OAuthFlowError(
    'exchange_failed',
    `${step}: ${error instanceof Error ? error.name : 'unexpected failure'}`,
  );
}

export interface AuthorizationUrlInput {
  redirectUri: string;
  scope: string;
  state: string;
  codeChallenge: string;
  /** Provider-specific extras, e.g. Discord's `prompt=none`. */
  extra?: Record<string, string>;
}

export function buildAuthorizationUrl(
  endpoints: OAuthEndpoints,
  client: Pick<OAuthClient, 'clientId'>,
  input: AuthorizationUrlInput,
): string {
  const url = new URL(endpoints.authorizationEndpoint);
  const params: Record<string, string> = {
    ...input.extra,
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: input.redirectUri,
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
  };
  if (input.scope !== '') params['scope'] = input.scope;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * Checks the redirect's parameters against the flow (state, issuer, provider error) and trades
 * the code for tokens with the PKCE verifier.
 */
export async function exchangeAuthorizationCode(
  endpoints: OAuthEndpoints,
  client: OAuthClient,
  callback: URLSearchParams,
  expected: { state: string; redirectUri: string; codeVerifier: string },
): Promise<TokenSet> {
  const as = authorizationServer(endpoints);
  const oauthClient: oauth.Client = { client_id: client.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, oauthClient, callback, expected.state);
  } catch (error) {
    throw describeOAuthError(error, 'authorization response');
  }
  if (!params.get('code')) {
    throw new OAuthFlowError('missing_code', 'authorization response: no code in the redirect');
  }
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      oauthClient,
      oauth.ClientSecretPost(client.clientSecret),
      params,
      expected.redirectUri,
      expected.codeVerifier,
      requestOptions(endpoints, endpoints.tokenEndpoint),
    );
    return toTokenSet(await oauth.processAuthorizationCodeResponse(as, oauthClient, response));
  } catch (error) {
    throw describeOAuthError(error, 'code exchange');
  }
}

export async function refreshAccessToken(
  endpoints: OAuthEndpoints,
  client: OAuthClient,
  refreshToken: string,
): Promise<TokenSet> {
  const as = authorizationServer(endpoints);
  const oauthClient: oauth.Client = { client_id: client.clientId };
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      oauthClient,
      oauth.ClientSecretPost(client.clientSecret),
      refreshToken,
      requestOptions(endpoints, endpoints.tokenEndpoint),
    );
    return toTokenSet(await oauth.processRefreshTokenResponse(as, oauthClient, response));
  } catch (error) {
    throw describeOAuthError(error, 'token refresh');
  }
}

/** RFC 7009 revocation; the server ends the grant the token belongs to. */
export async function revokeToken(
  endpoints: OAuthEndpoints,
  client: OAuthClient,
  token: string,
  hint: 'access_token' | 'refresh_token',
): Promise<void> {
  if (!endpoints.revocationEndpoint) {
    throw new OAuthFlowError(
      'invalid_response',
      `${endpoints.provider} has no revocation endpoint`,
    );
  }
  const as = authorizationServer(endpoints);
  const oauthClient: oauth.Client = { client_id: client.clientId };
  try {
    const response = await oauth.revocationRequest(
      as,
      oauthClient,
      oauth.ClientSecretPost(client.clientSecret),
      token,
      {
        additionalParameters: { token_type_hint: hint },
        ...requestOptions(endpoints, endpoints.revocationEndpoint),
      },
    );
    await oauth.processRevocationResponse(response);
  } catch (error) {
    throw describeOAuthError(error, 'revocation');
  }
}
