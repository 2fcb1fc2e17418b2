// GitHub's OAuth web flow (PKCE S256, loopback redirect on any port) and device flow, over HTTP
// against the simulator's github.com face; issued tokens then work on the API.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateOrg } from '../../../sim/scenarios/org.js';
import { startGitHubSim, type GitHubSim } from '../../../sim/github/index.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('GitHub simulator OAuth', () => {
  let sim: GitHubSim;
  beforeEach(async () => {
    sim = await startGitHubSim({ org: generateOrg({ seed: 2, preset: 'tiny' }) });
  });
  afterEach(async () => {
    await sim.close();
  });

  const app = () => sim.oauthApps[0] as { clientId: string; clientSecret: string };

  async function authorize(params: Record<string, string>): Promise<URL> {
    const res = await fetch(
      `${sim.webUrl}/login/oauth/authorize?${new URLSearchParams({ client_id: app().clientId, ...params })}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') ?? '');
  }

  async function token(
    fields: Record<string, string>,
    asJson = true,
  ): Promise<Record<string, unknown>> {
    const res = await fetch(`${sim.webUrl}/login/oauth/access_token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(asJson ? { accept: 'application/json' } : {}),
      },
      body: new URLSearchParams(fields),
    });
    expect(res.status).toBe(200);
    return asJson
      ? ((await res.json()) as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(await res.text()));
  }

  it('completes the web flow with PKCE S256 on a loopback redirect with any port, and the token works', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = 'http://127.0.0.1:53123/cb';
    const back = await authorize({
      redirect_uri: redirect,
      state: 'st-1',
      scope: 'read:user',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(`${back.origin}${back.pathname}`).toBe(redirect);
    expect(back.searchParams.get('state')).toBe('st-1');
    const code = back.searchParams.get('code') ?? '';

    const wrong = await token({
      client_id: app().clientId,
      client_secret: app().clientSecret,
      code,
      redirect_uri: redirect,
      code_verifier: 'not-the-verifier',
    });
    expect(wrong.error).toBe('bad_verification_code');

    // The simulator consumes a code only on success (GitHub's behaviour on a bad verifier is not documented); a code works once.
    const ok = await token({
      client_id: app().clientId,
      client_secret: app().clientSecret,
      code,
      redirect_uri: redirect,
      code_verifier: verifier,
    });
    expect(ok).toMatchObject({ token_type: 'bearer', scope: 'read:user' });
    expect(String(ok.access_token)).toMatch(/^gho_/);
    const again = await token({
      client_id: app().clientId,
      client_secret: app().clientSecret,
      code,
      redirect_uri: redirect,
      code_verifier: verifier,
    });
    expect(again.error).toBe('bad_verification_code');

    const me = await fetch(`${sim.apiUrl}/user`, {
      headers: { authorization: `Bearer ${String(ok.access_token)}` },
    });
    expect(((await me.json()) as { login: string }).login).toBe(sim.tokenLogin);
  });

  it('answers form-encoded unless JSON is asked for, and rejects a wrong client secret', async () => {
    const back = await authorize({ redirect_uri: 'http://127.0.0.1:9/cb/sub' });
    const form = await token(
      {
        client_id: app().clientId,
        client_secret: app().clientSecret,
        code: back.searchParams.get('code') ?? '',
      },
      false,
    );
    expect(String(form.access_token)).toMatch(/^gho_/);
    const bad = await token({ client_id: app().clientId, client_secret: 'nope', code: 'x' });
    expect(bad.error).toBe('incorrect_client_credentials');
  });

  it('sends a redirect_uri on another host back to the registered callback with redirect_uri_mismatch', async () => {
    const back = await authorize({ redirect_uri: 'http://evil.example/cb', state: 's' });
    expect(back.host).toBe('127.0.0.1');
    expect(back.searchParams.get('error')).toBe('redirect_uri_mismatch');
    const otherPath = await authorize({ redirect_uri: 'http://127.0.0.1:4000/elsewhere' });
    expect(otherPath.searchParams.get('error')).toBe('redirect_uri_mismatch');
  });

  it('runs the device flow: pending, slow_down adds 5 s, approval by control, then a token', async () => {
    const res = await fetch(`${sim.webUrl}/login/device/code`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: app().clientId, scope: 'read:user' }),
    });
    const start = (await res.json()) as {
      device_code: string;
      user_code: string;
      verification_uri: string;
      expires_in: number;
      interval: number;
    };
    expect(start).toMatchObject({
      verification_uri: `${sim.webUrl}/login/device`,
      expires_in: 900,
      interval: 5,
    });
    expect(start.user_code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const poll = () =>
      token({
        client_id: app().clientId,
        device_code: start.device_code,
        grant_type: DEVICE_GRANT,
      });

    expect((await poll()).error).toBe('authorization_pending');
    const tooFast = await poll();
    expect(tooFast).toMatchObject({ error: 'slow_down', interval: 10 });
    sim.control.advanceClock(10);
    expect((await poll()).error).toBe('authorization_pending');

    sim.control.approveDevice(start.user_code, 'linked-member');
    sim.control.advanceClock(10);
    const done = await poll();
    expect(String(done.access_token)).toMatch(/^gho_/);
    const me = await fetch(`${sim.apiUrl}/user`, {
      headers: { authorization: `token ${String(done.access_token)}` },
    });
    expect(((await me.json()) as { login: string }).login).toBe('linked-member');
  });

  it('reports access_denied and expired_token as GitHub does', async () => {
    const start = async () =>
      (await (
        await fetch(`${sim.webUrl}/login/device/code`, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ client_id: app().clientId }),
        })
      ).json()) as { device_code: string; user_code: string };
    const denied = await start();
    sim.control.denyDevice(denied.user_code);
    expect(
      (
        await token({
          client_id: app().clientId,
          device_code: denied.device_code,
          grant_type: DEVICE_GRANT,
        })
      ).error,
    ).toBe('access_denied');
    const late = await start();
    sim.control.advanceClock(901);
    expect(
      (
        await token({
          client_id: app().clientId,
          device_code: late.device_code,
          grant_type: DEVICE_GRANT,
        })
      ).error,
    ).toBe('expired_token');
  });

  it('approves a device code through the HTTP control API too', async () => {
    const start = (await (
      await fetch(`${sim.webUrl}/login/device/code`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: app().clientId }),
      })
    ).json()) as { device_code: string; user_code: string };
    const res = await fetch(`${sim.controlUrl}/device/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userCode: start.user_code, login: 'http-approved' }),
    });
    expect(res.status).toBe(200);
    const bad = await fetch(`${sim.controlUrl}/device/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userCode: 'ZZZZ-ZZZZ', login: 'x' }),
    });
    expect(bad.status).toBe(422);
    const done = await token({
      client_id: app().clientId,
      device_code: start.device_code,
      grant_type: DEVICE_GRANT,
    });
    expect(String(done.access_token)).toMatch(/^gho_/);
  });
});
