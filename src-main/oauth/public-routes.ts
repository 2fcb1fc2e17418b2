// What the headless host serves without the API token when it has a public base URL: the OAuth
// callbacks (/oauth/<provider>/callback), web-mode member links (/link/<token>), and, when the
// admin turned it on, dashboard sign-in (/auth/discord/login). Without a public base URL every
// one of these answers 404, so a desktop or a loopback-only host exposes nothing new.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.js';
import type { SettingsRepository } from '../store/repositories.js';
import {
  CALLBACK_PAGE_HEADERS,
  PAGES,
  sendCallbackPage,
  type CallbackPage,
} from './callback-page.js';
import type { OAuthFlows } from './oauth-flows.js';
import type { OAuthProviderName } from './providers.js';

export interface PublicRouteDeps {
  settings: SettingsRepository;
  flows: Pick<OAuthFlows, 'handlePublicCallback'>;
  links: {
    checkWebLink(token: string): Promise<boolean>;
    openWebLink(token: string): Promise<{ redirect: string } | { page: CallbackPage }>;
  };
  /** Dashboard sign-in; absent or returning null when it is off. */
  dashboard?: { beginSignIn(): Promise<{ redirect: string } | { page: CallbackPage } | null> };
  logger: Logger;
}

/** Handles the request when it is one of ours; false lets the web server carry on. */
export type PublicRoutes = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => Promise<boolean>;

const CALLBACK = /^\/oauth\/(discord|github)\/callback$/;
const LINK = /^\/link\/([^/]{1,200})$/;

function redirect(response: ServerResponse, location: string, status = 302): void {
  response.writeHead(status, {
    Location: location,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy':
      CALLBACK_PAGE_HEADERS['Content-Security-Policy'] ?? "default-src 'none'",
  });
  response.end();
}

export function createPublicRoutes(deps: PublicRouteDeps): PublicRoutes {
  const log = deps.logger.child('oauth-web');
  return async (request, response, url) => {
    const path = url.pathname;
    const callback = CALLBACK.exec(path);
    const link = LINK.exec(path);
    const login = path === '/auth/discord/login';
    if (!callback && !link && !login) return false;
    const publicBaseUrl = deps.settings.get().publicBaseUrl;
    // GET only (POST for a link's button): a HEAD must not redeem a state or spend a link.
    const allowed = link ? ['GET', 'POST'] : ['GET'];
    if (publicBaseUrl === '' || !allowed.includes(request.method ?? '')) {
      sendCallbackPage(response, PAGES.notFound);
      return true;
    }
    if (callback) {
      const provider = callback[1] as OAuthProviderName;
      sendCallbackPage(
        response,
        await deps.flows.handlePublicCallback(provider, publicBaseUrl, url.searchParams),
      );
      return true;
    }
    if (link) {
      let token: string;
      try {
        token = decodeURIComponent(link[1] ?? '');
      } catch {
        sendCallbackPage(response, PAGES.linkExpired);
        return true;
      }
      if (request.method === 'GET') {
        const github = new URL(deps.settings.get().githubWebBaseUrl).origin;
        sendCallbackPage(
          response,
          (await deps.links.checkWebLink(token))
            ? PAGES.linkContinue(path, github)
            : PAGES.linkExpired,
        );
        return true;
      }
      // The form's body is empty; whatever a client sends is not read.
      request.resume();
      const opened = await deps.links.openWebLink(token);
      if ('redirect' in opened) redirect(response, opened.redirect, 303);
      else sendCallbackPage(response, opened.page);
      return true;
    }
    const started = await deps.dashboard?.beginSignIn();
    if (!started) {
      log.debug('dashboard sign-in requested while it is off');
      sendCallbackPage(response, PAGES.notFound);
      return true;
    }
    if ('page' in started) sendCallbackPage(response, started.page);
    else redirect(response, started.redirect);
    return true;
  };
}
