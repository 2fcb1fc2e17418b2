// Discord's OAuth2 revocation and denial in the simulator: POST /oauth2/token/revoke (client
// authenticated) ends the grant, so the access token and its refresh token both stop working,
// an unknown token is not an error (RFC 7009), and a user pressing Cancel sends the browser back
// with error=access_denied and the state.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscordSim, type DiscordSim } from '../../../sim/discord/index.js';

let sim: DiscordSim;
const REDIRECT = 'http://127.0.0.1:53135/oauth/discord/callback';

beforeEach(async () => {
  sim = await startDiscordSim({ seed: 9, oauth: { redirectUris: [REDIRECT] } });
});
afterEach(async () => {
  await sim.close();
});

const basic = () =>
  `Basic ${Buffer.from(`${sim.applicationId}:${sim.clientSecret}`).toString('base64')}`;

async function signIn(): Promise<{ access_token: string; refresh_token: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${sim.oauthUrl}/authorize`);
  url.search = new URLSearchParams({
    client_id: sim.applicationId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'identify guilds',
    state: 's1',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
  const res = await fetch(`${sim.restUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic() },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string };
}

const revoke = (token: string, auth = basic()) =>
  fetch(`${sim.restUrl}/oauth2/token/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
    body: new URLSearchParams({ token, token_type_hint: 'refresh_token' }),
  });

const me = (token: string) =>
  fetch(`${sim.restUrl}/v10/users/@me`, { headers: { authorization: `Bearer ${token}` } });

const refresh = (token: string) =>
  fetch(`${sim.restUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic() },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }),
  });

describe('Discord simulator OAuth2 revocation and denial', () => {
  it('revoking the refresh token ends the grant: access token and refresh token stop working', async () => {
    const tokens = await signIn();
    const bystander = await signIn();
    expect((await me(tokens.access_token)).status).toBe(200);
    expect(sim.control.liveOAuthTokens()).toContain(tokens.refresh_token);

    const wrongClient = await revoke(
      tokens.refresh_token,
      `Basic ${Buffer.from(`${sim.applicationId}:nope`).toString('base64')}`,
    );
    expect(wrongClient.status).toBe(401);
    expect((await me(tokens.access_token)).status).toBe(200);

    const res = await revoke(tokens.refresh_token);
    expect(res.status).toBe(200);
    expect((await me(tokens.access_token)).status).toBe(401);
    expect((await refresh(tokens.refresh_token)).status).toBe(400);
    expect(sim.control.liveOAuthTokens()).not.toContain(tokens.access_token);
    expect((await me(bystander.access_token)).status).toBe(200);
    // RFC 7009: revoking what is already gone is still a success.
    expect((await revoke(tokens.refresh_token)).status).toBe(200);
  });

  it('revoking the access token ends its refresh token too', async () => {
    const tokens = await signIn();
    expect((await revoke(tokens.access_token)).status).toBe(200);
    expect((await refresh(tokens.refresh_token)).status).toBe(400);
  });

  it('sends the browser back with access_denied and the state when the user cancels', async () => {
    sim.control.setOAuthUser(null);
    const url = new URL(`${sim.oauthUrl}/authorize`);
    url.search = new URLSearchParams({
      client_id: sim.applicationId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'identify',
      state: 'keep-me',
    }).toString();
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('keep-me');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('signs in as the user the control API names', async () => {
    const member = sim.guild.members.find((m) => m.user.id !== sim.guild.guild.ownerId)!.user;
    sim.control.setOAuthUser(member.id);
    const tokens = await signIn();
    expect(((await (await me(tokens.access_token)).json()) as { id: string }).id).toBe(member.id);
  });
});
