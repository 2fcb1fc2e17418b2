// Who is calling: every authenticated route asks one `RequestAuthenticator`, built from a list of
// methods tried in order. Today that is the API token (Authorization: Bearer); a session cookie
// from a dashboard sign-in is another entry in the list, not a change to the routes.
import type { IncomingMessage } from 'node:http';
import { bearerToken, tokensMatch } from './token-check.js';

/** What a successful check established; routes may log `method`, never the credential. */
export type Principal = { method: 'api-token' } | { method: string; subject?: string };

export interface RequestAuthenticator {
  /** The principal behind the request, or null. Never throws, never reads the URL's query. */
  authenticate(request: IncomingMessage): Principal | null;
}

/** The headless API token, sent as `Authorization: Bearer <token>` (never in a URL). */
export function apiTokenAuthenticator(token: string): RequestAuthenticator {
  return {
    authenticate(request) {
      const presented = bearerToken(request);
      return presented !== null && tokensMatch(presented, token) ? { method: 'api-token' } : null;
    },
  };
}

/** The first method that recognises the request wins. */
export function anyAuthenticator(methods: readonly RequestAuthenticator[]): RequestAuthenticator {
  return {
    authenticate(request) {
      for (const method of methods) {
        const principal = method.authenticate(request);
        if (principal) return principal;
      }
      return null;
    },
  };
}
