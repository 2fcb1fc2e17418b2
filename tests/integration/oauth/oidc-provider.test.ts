// The loopback client against an OAuth server we did not write: `oidc-provider` (a certified
// OpenID Connect / OAuth 2.0 server) on 127.0.0.1, with its built-in login and consent pages
// driven as a browser would (cookies included). It enforces PKCE, matches loopback redirect URIs
// on any port (RFC 8252 §7.3) and sends `iss` (RFC 9207); our flow must satisfy all three.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { PAGES } from '../../../src-main/oauth/callback-page.js';
import { OAuthFlows } from '../../../src-main/oauth/oauth-flows.js';
import type { OAuthEndpoints } from '../../../src-main/oauth/providers.js';
import { visit, visitOrRefused } from './browser.js';

const CLIENT = { clientId: 'gitguild-desktop', clientSecret: 'oidc-provider-test-secret-0001' };
let server: Server;
let issuer: string;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
        application_type: 'native',
        // Registered without a port: the server accepts any loopback port, as GitHub does.
        redirect_uris: ['http://127.0.0.1/oauth/github/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    scopes: ['api:read'],
    features: { devInteractions: { enabled: true }, revocation: { enabled: true } },
    pkce: { required: () => true },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  });
  server.on('request', provider.callback());
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const endpoints = (): OAuthEndpoints => ({
  provider: 'generic',
  issuer,
  authorizationEndpoint: `${issuer}/auth`,
  tokenEndpoint: `${issuer}/token`,
  revocationEndpoint: `${issuer}/token/revocation`,
  issParameterSupported: true,
});

/** A browser with a cookie jar, through oidc-provider's login and consent pages, to our callback. */
async function browse(authorizationUrl: string, login: string): Promise<string> {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) cookies.set(name.trim(), value.join('='));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = authorizationUrl;
  let form: Record<string, string> | null = null;
  for (let hop = 0; hop < 20; hop += 1) {
    if (url.startsWith('http://127.0.0.1') && new URL(url).pathname === '/oauth/github/callback')
      return url;
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: header(),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
    remember(response);
    form = null;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action)
      throw new Error(
        `no form and no redirect at ${url}: ${html.replace(/<style>[\s\S]*?<\/style>/, '').slice(0, 600)}`,
      );
    url = new URL(action, url).toString();
    form = html.includes('name="login"')
      ? { prompt: 'login', login, password: 'any' }
      : { prompt: 'consent' };
  }
  throw new Error('too many hops');
}

describe('the loopback client against oidc-provider', () => {
  it('completes code + PKCE + state on an ephemeral port, with the issuer checked', async () => {
    const logger = createLogger('test', { sinks: [memorySink()] });
    const flows = new OAuthFlows({ logger });
    let accessToken = '';
    const flow = await flows.begin({
      provider: 'github', // only picks the callback path here
      endpoints: endpoints(),
      client: CLIENT,
      scope: 'api:read',
      redirect: { kind: 'loopback', port: 0 },
      purpose: 'oidc-provider test',
      finish: async (tokens) => {
        accessToken = tokens.accessToken;
        return { value: tokens.scopes, page: PAGES.signedIn };
      },
    });
    const callback = await browse(flow.authorizationUrl, 'alice');
    const params = new URL(callback).searchParams;
    expect(params.get('iss')).toBe(issuer);
    expect(params.get('state')).toBe(new URL(flow.authorizationUrl).searchParams.get('state'));
    const page = await visit(callback);
    expect(page.status).toBe(200);
    expect(await flow.outcome).toEqual({ ok: true, value: ['api:read'] });
    expect(accessToken.length).toBeGreaterThan(20);
    expect(await visitOrRefused(callback)).toBe('refused');
    await flows.stop();
  });

  it('refuses a callback whose issuer is not the server it started with (mix-up defence)', async () => {
    const logger = createLogger('test', { sinks: [memorySink()] });
    const flows = new OAuthFlows({ logger });
    const flow = await flows.begin({
      provider: 'github',
      endpoints: endpoints(),
      client: CLIENT,
      scope: 'api:read',
      redirect: { kind: 'loopback', port: 0 },
      purpose: 'oidc-provider test',
      finish: async () => ({ value: 'should not happen', page: PAGES.signedIn }),
    });
    const callback = new URL(await browse(flow.authorizationUrl, 'bob'));
    callback.searchParams.set('iss', 'http://127.0.0.1:1');
    expect((await visit(callback.toString())).status).toBe(400);
    expect(await flow.outcome).toMatchObject({ ok: false, reason: 'invalid_response' });
    await flows.stop();
  });

  it('defeats code injection: a code stolen from one flow fails PKCE when redeemed in another', async () => {
    const logger = createLogger('test', { sinks: [memorySink()] });
    const flows = new OAuthFlows({ logger });
    // Both flows on one fixed port (as Discord's are), so only the PKCE verifier tells them apart.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const begin = (label: string) =>
      flows.begin({
        provider: 'github',
        endpoints: endpoints(),
        client: CLIENT,
        scope: 'api:read',
        redirect: { kind: 'loopback', port },
        purpose: 'oidc-provider test',
        finish: async () => ({ value: label, page: PAGES.signedIn }),
      });
    const victim = await begin('victim');
    const attacker = await begin('attacker');
    expect(victim.redirectUri).toBe(attacker.redirectUri);
    const victimCallback = new URL(await browse(victim.authorizationUrl, 'victim'));
    const injected = new URL(victimCallback);
    injected.searchParams.set(
      'state',
      new URL(attacker.authorizationUrl).searchParams.get('state')!,
    );
    expect((await visit(injected.toString())).status).toBe(400);
    expect(await attacker.outcome).toMatchObject({ ok: false, reason: 'exchange_failed' });
    await flows.stop();
    expect(await victim.outcome).toMatchObject({ ok: false, reason: 'cancelled' });
  });
});
