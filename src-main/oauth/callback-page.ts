// The page a browser shows after an OAuth redirect: plain words, no details (those go to the
// log), no scripts, no outside resources, never cached, never framed.
import type { ServerResponse } from 'node:http';

export interface CallbackPage {
  status: number;
  title: string;
  message: string;
  /** Send the browser on (303) instead of showing the page: dashboard sign-in goes to the UI. */
  redirectTo?: string;
  /** A Set-Cookie value (the dashboard session). */
  setCookie?: string;
  /** One button that POSTs back to `action`; `target` is the origin the POST then redirects to. */
  form?: { action: string; button: string; target: string };
}

export const PAGES = {
  signedIn: {
    status: 200,
    title: 'You are signed in',
    message: 'GitGuild has your sign-in. You can close this tab and go back to GitGuild.',
  },
  linked: (login: string): CallbackPage => ({
    status: 200,
    title: 'Your accounts are linked',
    message: `Your Discord account is now linked to the GitHub account ${login}. You can close this tab and go back to Discord.`,
  }),
  failed: {
    status: 400,
    title: 'Sign-in did not complete',
    message:
      'Something went wrong, so nothing was changed. You can close this tab and start again from GitGuild.',
  },
  linkFailed: {
    status: 400,
    title: 'The accounts were not linked',
    message:
      'Something went wrong, so nothing was changed. You can close this tab; Discord tells you what to do next.',
  },
  /**
   * A web-mode link asks for one click before it is used: link previews (Discord unfurls URLs in
   * messages) fetch with GET and would otherwise spend the one-time link before the member does.
   */
  linkContinue: (action: string, githubOrigin: string): CallbackPage => ({
    status: 200,
    title: 'Link your GitHub account',
    message:
      'GitHub will ask you to sign in and to allow GitGuild to see your public profile. Nothing else is shared.',
    form: { action, button: 'Continue to GitHub', target: githubOrigin },
  }),
  busy: {
    status: 503,
    title: 'Too many sign-ins at once',
    message: 'Please try again in a few minutes.',
  },
  linkExpired: {
    status: 410,
    title: 'This link is no longer valid',
    message:
      'Links from /link work once and only for ten minutes. Run /link in Discord again to get a new one.',
  },
  notFound: {
    status: 404,
    title: 'Nothing here',
    message: 'This address is only used to finish signing in to GitGuild.',
  },
  noManagedServer: {
    status: 403,
    title: 'No server to manage',
    message:
      'Your Discord account does not have Manage Server on any server, so there is nothing for you in this dashboard. You can close this tab.',
  },
} satisfies Record<string, CallbackPage | ((...args: string[]) => CallbackPage)>;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderCallbackPage(page: CallbackPage): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(page.title)} · GitGuild</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34em;margin:4em auto;padding:0 1em;color:#222}</style>
</head><body><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>${
    page.form
      ? `<form method="post" action="${escapeHtml(page.form.action)}"><button type="submit">${escapeHtml(page.form.button)}</button></form>`
      : ''
  }</body></html>
`;
}

export const CALLBACK_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

export function sendCallbackPage(response: ServerResponse, page: CallbackPage): void {
  const cookie = page.setCookie ? { 'Set-Cookie': page.setCookie } : {};
  // Browsers apply form-action to the redirect after the POST too, so GitHub's origin is allowed.
  // With no-referrer a browser posts the form with `Origin: null`, which the web server's origin
  // guard rightly refuses; same-origin sends our Origin to ourselves and nothing to GitHub.
  const csp = page.form
    ? {
        'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self' ${page.form.target}; frame-ancestors 'none'`,
        'Referrer-Policy': 'same-origin',
      }
    : {};
  if (page.redirectTo) {
    response.writeHead(303, { ...CALLBACK_PAGE_HEADERS, ...cookie, Location: page.redirectTo });
    response.end();
    return;
  }
  const body = renderCallbackPage(page);
  response.writeHead(page.status, {
    ...CALLBACK_PAGE_HEADERS,
    ...csp,
    ...cookie,
    'Content-Length': Buffer.byteLength(body).toString(),
  });
  response.end(body);
}
