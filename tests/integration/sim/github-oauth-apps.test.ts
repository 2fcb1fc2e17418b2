// The API face of GitHub's OAuth apps in the simulator, as GitHub documents it: tokens carry the
// scopes they were granted (X-OAuth-Scopes, comma-separated in the token answer), an app checks
// and revokes its tokens with HTTP Basic (a wrong secret is a 404), revoking the grant ends every
// token of the app for that user, and GET /user/orgs lists memberships only with read:org.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateOrg } from '../../../sim/scenarios/org.js';
import { startGitHubSim, type GitHubSim } from '../../../sim/github/index.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('GitHub simulator: OAuth app tokens on the API', () => {
  let sim: GitHubSim;
  beforeEach(async () => {
    sim = await startGitHubSim({ org: generateOrg({ seed: 2, preset: 'tiny' }) });
  });
  afterEach(async () => {
    await sim.close();
  });

  const app = () => sim.oauthApps[0] as { clientId: string; clientSecret: string };
  const basic = (secret = app().clientSecret) =>
    `Basic ${Buffer.from(`${app().clientId}:${secret}`).toString('base64')}`;

  /** A token through the device flow, approved as `login`, with `scope` asked for. */
  async function issue(login: string, scope: string): Promise<{ token: string; scope: string }> {
    const start = (await (
      await fetch(`${sim.webUrl}/login/device/code`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: app().clientId, scope }),
      })
    ).json()) as { device_code: string; user_code: string };
    sim.control.approveDevice(start.user_code, login);
    const answer = (await (
      await fetch(`${sim.webUrl}/login/oauth/access_token`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: app().clientId,
          device_code: start.device_code,
          grant_type: DEVICE_GRANT,
        }),
      })
    ).json()) as { access_token: string; scope: string };
    return { token: answer.access_token, scope: answer.scope };
  }

  const get = (path: string, token: string) =>
    fetch(`${sim.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it("reports each token's own scopes, comma-separated in the token answer", async () => {
    const member = sim.control.orgs[0]!.members[0]!;
    const wide = await issue(member, 'read:org read:user');
    expect(wide.scope).toBe('read:org,read:user');
    expect((await get('/user', wide.token)).headers.get('x-oauth-scopes')).toBe(
      'read:org, read:user',
    );
    const none = await issue(member, '');
    expect(none.scope).toBe('');
    expect((await get('/user', none.token)).headers.get('x-oauth-scopes')).toBe('');
  });

  it('lists the orgs of the token owner with read:org, and none without it', async () => {
    const org = sim.control.orgs[0]!;
    const member = org.members[0]!;
    const withScope = await issue(member, 'read:org');
    const listed = (await (await get('/user/orgs', withScope.token)).json()) as {
      login: string;
    }[];
    expect(listed.map((o) => o.login)).toEqual([org.login]);
    const outsider = await issue('someone-else', 'read:org');
    expect(await (await get('/user/orgs', outsider.token)).json()).toEqual([]);
    const noScope = await issue(member, '');
    expect(await (await get('/user/orgs', noScope.token)).json()).toEqual([]);
  });

  it('checks a token with the app credentials, and answers 404 for a wrong secret', async () => {
    const { token } = await issue('octo-checker', 'read:org');
    const url = `${sim.apiUrl}/applications/${app().clientId}/token`;
    const ok = await fetch(url, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: token }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      token,
      scopes: ['read:org'],
      app: { client_id: app().clientId },
      user: { login: 'octo-checker' },
    });
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { authorization: basic('not-the-secret'), 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: token }),
    });
    expect(wrong.status).toBe(404);
    const missing = await fetch(url, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(422);
  });

  it('revokes one token with DELETE …/token and every token of the user with DELETE …/grant', async () => {
    const first = await issue('octo-revoker', 'read:org');
    const second = await issue('octo-revoker', 'read:org');
    const other = await issue('octo-bystander', 'read:org');
    const del = (kind: 'token' | 'grant', token: string, secret?: string) =>
      fetch(`${sim.apiUrl}/applications/${app().clientId}/${kind}`, {
        method: 'DELETE',
        headers: { authorization: basic(secret), 'content-type': 'application/json' },
        body: JSON.stringify({ access_token: token }),
      });

    expect((await del('token', first.token, 'wrong-secret')).status).toBe(404);
    expect((await get('/user', first.token)).status).toBe(200);
    expect((await del('token', first.token)).status).toBe(204);
    expect((await get('/user', first.token)).status).toBe(401);
    expect((await get('/user', second.token)).status).toBe(200);
    expect((await del('token', first.token)).status).toBe(404);

    const third = await issue('octo-revoker', 'read:org');
    expect((await del('grant', second.token)).status).toBe(204);
    expect((await get('/user', second.token)).status).toBe(401);
    expect((await get('/user', third.token)).status).toBe(401);
    expect((await get('/user', other.token)).status).toBe(200);
    expect(sim.liveOAuthTokens().map((t) => t.token)).toEqual([other.token]);
  });
});
