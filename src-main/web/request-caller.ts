// Who is behind an HTTP request: the API token (the host's admin, for scripts and the printed
// URL) or a dashboard session cookie (an admin of some guilds, src-main/oauth). Routes ask this
// once and pass the caller on; the guild scope check in invokeMethod does the rest.
import type { IncomingMessage } from 'node:http';
import type { Caller, SessionPrincipal } from '../api/caller.js';
import { bearerToken, tokensMatch } from './token-check.js';

export interface SessionAuthenticator {
  authenticate(request: IncomingMessage): SessionPrincipal | null;
}

export function resolveCaller(
  request: IncomingMessage,
  token: string,
  sessions?: SessionAuthenticator,
): Caller | null {
  const presented = bearerToken(request);
  if (presented !== null) {
    // A bearer token that does not match is refused, not retried as a session.
    return tokensMatch(presented, token) ? { kind: 'admin', via: 'api-token' } : null;
  }
  const session = sessions?.authenticate(request) ?? null;
  if (!session) return null;
  // A browser sends cookies with any request, even one another site makes it send. The cookie is
  // SameSite=Strict; on top of that a session's writes must carry our Origin (the origin guard
  // has already refused a foreign one).
  if (request.method !== 'GET' && request.headers.origin === undefined) return null;
  return { kind: 'session', session };
}
