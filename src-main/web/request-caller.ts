// Dashboard sessions as one more RequestAuthenticator beside the API token, and the step from
// "who authenticated" (a Principal) to "who calls" (the api layer's Caller), which the guild
// scope check in invokeMethod then holds to its guilds.
import type { IncomingMessage } from 'node:http';
import type { Caller, SessionPrincipal } from '../api/caller.js';
import type { Principal, RequestAuthenticator } from './request-auth.js';

export interface SessionAuthenticator {
  authenticate(request: IncomingMessage): SessionPrincipal | null;
}

export const DASHBOARD_SESSION = 'dashboard-session';

/** The dashboard session cookie (src-main/oauth/dashboard-sessions.ts). */
export function sessionAuthenticator(sessions: SessionAuthenticator): RequestAuthenticator {
  return {
    authenticate(request) {
      const session = sessions.authenticate(request);
      if (!session) return null;
      // A browser sends cookies with any request, even one another site makes it send. The
      // cookie is SameSite=Strict; on top of that a session's writes must carry our Origin (the
      // origin guard has already refused a foreign one).
      if (request.method !== 'GET' && request.headers.origin === undefined) return null;
      return { method: DASHBOARD_SESSION, subject: session.userId, session };
    },
  };
}

/** The API token and any operator-added method are the host's admin; a session is not. */
export function callerOf(principal: Principal): Caller {
  if ('session' in principal && principal.session)
    return { kind: 'session', session: principal.session };
  return { kind: 'admin', via: 'api-token' };
}
