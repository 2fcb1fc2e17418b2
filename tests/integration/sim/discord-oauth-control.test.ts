// OAuth2 (authorize auto-consent, PKCE token exchange, refresh, Bearer routes) and the HTTP
// control API of the Discord simulator, driven with plain fetch as a browser or tool would.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscordSim, type DiscordSim } from '../../../sim/discord/index.js';

let sim: DiscordSim;
const REDIRECT = 'http://127.0.0.1:53134/callback';

beforeEach(async () => {
  sim = await startDiscordSim({ seed: 9, oauth: { redirectUris: [REDIRECT] } });
});
afterEach(async () => {
  await sim.close();
});

async function authorize(challenge: string, redirect = REDIRECT): Promise<Response> {
  const url = new URL(`${sim.oauthUrl}/authorize`);
  url.search = new URLSearchParams({
    client_id: sim.applicationId,
    redirect_uri: redirect,
    response_type: 'code',
    scope: 'identify guilds',
    state: 'st4te',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return fetch(url, { redirect: 'manual' });
}

function tokenRequest(fields: Record<string, string>): Promise<Response> {
  return fetch(`${sim.restUrl}/oauth2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${sim.applicationId}:${sim.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams(fields),
  });
}

describe('Discord simulator OAuth2', () => {
  it('completes authorization code + PKCE, serves Bearer routes with permission bits, and rotates refresh tokens', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = await authorize(challenge);
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st4te');
    const code = location.searchParams.get('code') ?? '';

    const wrongVerifier = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: 'not-it',
    });
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });

    const verifier2 = randomBytes(32).toString('base64url');
    const code2 =
      new URL(
        (await authorize(createHash('sha256').update(verifier2).digest('base64url'))).headers.get(
          'location',
        ) ?? '',
      ).searchParams.get('code') ?? '';
    const wrongRedirect = await tokenRequest({
      grant_type: 'authorization_code',
      code: code2,
      redirect_uri: 'http://127.0.0.1:53134/other',
      code_verifier: verifier2,
    });
    expect(wrongRedirect.status).toBe(400);

    const verifier3 = randomBytes(32).toString('base64url');
    const code3 =
      new URL(
        (await authorize(createHash('sha256').update(verifier3).digest('base64url'))).headers.get(
          'location',
        ) ?? '',
      ).searchParams.get('code') ?? '';
    const ok = await tokenRequest({
      grant_type: 'authorization_code',
      code: code3,
      redirect_uri: REDIRECT,
      code_verifier: verifier3,
    });
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as {
      access_token: string;
      refresh_token: string;
      token_type: string;
      scope: string;
    };
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: 'identify guilds' });

    const me = (await (
      await fetch(`${sim.restUrl}/v10/users/@me`, {
        headers: { Authorization: `Bearer ${tokens.access_token}` },
      })
    ).json()) as { id: string };
    expect(me.id).toBe(sim.guild.guild.ownerId);
    const guilds = (await (
      await fetch(`${sim.restUrl}/users/@me/guilds`, {
        headers: { Authorization: `Bearer ${tokens.access_token}` },
      })
    ).json()) as { id: string; owner: boolean; permissions: string }[];
    expect(guilds).toEqual([expect.objectContaining({ id: sim.guild.guild.id, owner: true })]);
    expect(BigInt(guilds[0]?.permissions ?? '0') & 8n).toBe(8n);
    // Bearer tokens do not open bot routes.
    expect(
      (
        await fetch(`${sim.restUrl}/v10/gateway/bot`, {
          headers: { Authorization: `Bearer ${tokens.access_token}` },
        })
      ).status,
    ).toBe(401);

    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const reused = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(reused.status).toBe(400);
  });

  it('refuses an unregistered redirect_uri and a wrong client secret', async () => {
    expect((await authorize('x'.repeat(43), 'http://127.0.0.1:9/evil')).status).toBe(400);
    const bad = await fetch(`${sim.restUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: 'x',
        client_id: sim.applicationId,
        client_secret: 'nope',
        redirect_uri: REDIRECT,
      }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'invalid_client' });
  });
});

describe('Discord simulator HTTP control API', () => {
  it('injects an interaction, reads guild state, call logs and faults over /_control', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${sim.controlUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const injected = (await (
      await post('/interactions', { userId: sim.guild.guild.ownerId, commandName: 'ping' })
    ).json()) as { id: string; token: string };
    const callback = await fetch(
      `${sim.restUrl}/v10/interactions/${injected.id}/${injected.token}/callback`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 4, data: { content: 'pong' } }),
      },
    );
    expect(callback.status).toBe(204);
    const again = await fetch(
      `${sim.restUrl}/v10/interactions/${injected.id}/${injected.token}/callback`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 4, data: { content: 'pong' } }),
      },
    );
    expect(await again.json()).toMatchObject({ code: 40060 });
    const view = (await (await fetch(`${sim.controlUrl}/interactions/${injected.id}`)).json()) as {
      original: { content: string };
    };
    expect(view.original.content).toBe('pong');
    const guild = (await (await fetch(`${sim.controlUrl}/guild`)).json()) as {
      members: unknown[];
      roles: unknown[];
    };
    expect(guild.members).toHaveLength(41);
    expect(guild.roles).toHaveLength(8);
    await post('/faults/fail', { route: '/users/@me', count: 1, status: 503 });
    expect(
      (
        await fetch(`${sim.restUrl}/v10/users/@me`, {
          headers: { Authorization: `Bot ${sim.botToken}` },
        })
      ).status,
    ).toBe(503);
    expect(
      (
        await fetch(`${sim.restUrl}/v10/users/@me`, {
          headers: { Authorization: `Bot ${sim.botToken}` },
        })
      ).status,
    ).toBe(200);
    const calls = (await (await fetch(`${sim.controlUrl}/calls`)).json()) as {
      route: string;
      status: number;
    }[];
    expect(calls.filter((c) => c.route === 'GET /users/@me').map((c) => c.status)).toEqual([
      503, 200,
    ]);
    expect((await fetch(`${sim.controlUrl}/nope`)).status).toBe(404);
  });

  it('answers an interaction callback after the 3 s deadline with 10062 Unknown interaction', async () => {
    await sim.close();
    sim = await startDiscordSim({ seed: 9, interactionDeadlineMs: 50 });
    const { id, token } = sim.control.injectInteraction({
      userId: sim.guild.guild.ownerId,
      commandName: 'late',
    });
    await new Promise((resolve) => setTimeout(resolve, 80));
    const late = await fetch(`${sim.restUrl}/v10/interactions/${id}/${token}/callback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 5 }),
    });
    expect(late.status).toBe(404);
    expect(await late.json()).toEqual({ message: 'Unknown interaction', code: 10062 });
  });
});
