// The loopback redirect (RFC 8252) with code + PKCE against the GitHub simulator, and the attacks
// the issue names: a wrong, replayed or expired state; a missing code; a second callback; a
// foreign Host header; another path; 100 flows at once. Only the genuine flow succeeds, each once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubSim, type GitHubSim } from '../../../sim/github/index.js';
import { generateOrg } from '../../../sim/scenarios/org.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { PAGES } from '../../../src-main/oauth/callback-page.js';
import { OAuthFlows, type BeginFlowOptions } from '../../../src-main/oauth/oauth-flows.js';
import { STATE_TTL_MS } from '../../../src-main/oauth/pending-authorizations.js';
import { githubEndpoints } from '../../../src-main/oauth/providers.js';
import { authorize, getWithHost, visit, visitOrRefused } from './browser.js';

let sim: GitHubSim;
const CALLBACK = 'http://127.0.0.1/oauth/github/callback';

beforeAll(async () => {
  sim = await startGitHubSim({
    org: generateOrg({ seed: 5, preset: 'tiny' }),
    oauthApps: [
      {
        clientId: 'Iv1.loopbacktest0001',
        clientSecret: 'loopback-test-secret-0001',
        callbackUrl: CALLBACK,
      },
    ],
  });
});
afterAll(async () => {
  await sim.close();
});

function setup(now: () => number = Date.now) {
  const sink = memorySink(10_000);
  const logger = createLogger('test', { level: 'debug', sinks: [sink] });
  const flows = new OAuthFlows({ logger, now });
  const finished: string[] = [];
  const options = (label = 'flow'): BeginFlowOptions<string> => ({
    provider: 'github',
    endpoints: githubEndpoints({ githubWebBaseUrl: sim.webUrl }),
    client: { clientId: 'Iv1.loopbacktest0001', clientSecret: 'loopback-test-secret-0001' },
    scope: 'read:org',
    redirect: { kind: 'loopback', port: 0 },
    purpose: 'test',
    finish: async (tokens) => {
      const me = await fetch(`${sim.apiUrl}/user`, {
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      });
      const login = ((await me.json()) as { login: string }).login;
      finished.push(`${label}:${login}`);
      return { value: login, page: PAGES.signedIn };
    },
  });
  return { flows, finished, options, logs: sink.records };
}

const withState = (callback: string, state: string | null, drop: string[] = []): string => {
  const url = new URL(callback);
  if (state === null) url.searchParams.delete('state');
  else url.searchParams.set('state', state);
  for (const key of drop) url.searchParams.delete(key);
  return url.toString();
};

describe('loopback redirect with code + PKCE (GitHub simulator)', () => {
  it('signs in through an ephemeral 127.0.0.1 port with S256 and a random state, then closes', async () => {
    const { flows, finished, options } = setup();
    const flow = await flows.begin(options());
    const auth = new URL(flow.authorizationUrl);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get('redirect_uri')).toBe(flow.redirectUri);
    expect(flow.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/github\/callback$/);
    expect(flow.redirectUri).not.toContain(':0/');

    const callback = await authorize(flow.authorizationUrl, { login: 'octo-genuine' });
    const page = await visit(callback);
    expect(page.status).toBe(200);
    expect(page.text).toContain('You can close this tab');
    expect(await flow.outcome).toEqual({ ok: true, value: 'octo-genuine' });
    expect(finished).toEqual(['flow:octo-genuine']);
    // One-shot: the server is gone, so the same callback again cannot even connect.
    expect(await visitOrRefused(callback)).toBe('refused');
    await flows.stop();
  });

  it('refuses a wrong state and a callback without one, and keeps waiting for the genuine one', async () => {
    const { flows, finished, options, logs } = setup();
    const flow = await flows.begin(options());
    const callback = await authorize(flow.authorizationUrl, { login: 'octo-patient' });
    for (const forged of [
      withState(callback, 'x'.repeat(43)),
      withState(callback, null),
      withState(callback, ''),
    ]) {
      const page = await visit(forged);
      expect(page.status).toBe(400);
      expect(page.text).toContain('Sign-in did not complete');
      // Generic for the browser; the log says why, without the state or the code.
      expect(page.text).not.toMatch(/state|code|token/i);
    }
    const refusals = logs.filter((r) => r.msg === 'OAuth callback refused');
    expect(refusals.map((r) => r['reason'])).toEqual([
      'state unknown',
      'state missing',
      'state missing',
    ]);
    expect(JSON.stringify(logs)).not.toContain(
      new URL(callback).searchParams.get('code') ?? 'no code?',
    );
    expect((await visit(callback)).status).toBe(200);
    expect(await flow.outcome).toEqual({ ok: true, value: 'octo-patient' });
    expect(finished).toEqual(['flow:octo-patient']);
    await flows.stop();
  });

  it('refuses a replayed state: a second callback, even at the same moment, finds nothing', async () => {
    const { flows, finished, options } = setup();
    const flow = await flows.begin(options());
    const callback = await authorize(flow.authorizationUrl, { login: 'octo-once' });
    const answers = await Promise.all([
      visitOrRefused(callback),
      visitOrRefused(callback),
      visitOrRefused(callback),
    ]);
    const statuses = answers.map((a) => (a === 'refused' ? 'refused' : a.status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 400 || s === 'refused')).toBe(true);
    expect(finished).toEqual(['flow:octo-once']);
    expect(await flow.outcome).toEqual({ ok: true, value: 'octo-once' });
    await flows.stop();
  });

  it('refuses an expired state (ten minutes) and ends the flow as expired', async () => {
    let now = Date.now();
    const { flows, finished, options } = setup(() => now);
    const flow = await flows.begin(options());
    const callback = await authorize(flow.authorizationUrl, { login: 'octo-late' });
    now += STATE_TTL_MS;
    const page = await visitOrRefused(callback);
    expect(page === 'refused' || page.status === 400).toBe(true);
    expect(await flow.outcome).toMatchObject({ ok: false, reason: 'expired' });
    expect(finished).toEqual([]);
    // The server is released with its only flow.
    expect(await visitOrRefused(callback)).toBe('refused');
    await flows.stop();
  });

  it('ends the flow on a callback with the right state but no code (or a provider error)', async () => {
    const { flows, finished, options } = setup();
    const noCode = await flows.begin(options('no-code'));
    const callback = await authorize(noCode.authorizationUrl, { login: 'octo-nocode' });
    const page = await visit(
      withState(callback, new URL(callback).searchParams.get('state'), ['code']),
    );
    expect(page.status).toBe(400);
    expect(await noCode.outcome).toMatchObject({ ok: false, reason: 'missing_code' });

    sim.control.setAuthorizeUser(null);
    try {
      const denied = await flows.begin(options('denied'));
      const back = await authorize(denied.authorizationUrl);
      expect(new URL(back).searchParams.get('error')).toBe('access_denied');
      expect((await visit(back)).status).toBe(400);
      expect(await denied.outcome).toMatchObject({ ok: false, reason: 'denied' });
    } finally {
      sim.control.setAuthorizeUser(sim.tokenLogin);
    }
    expect(finished).toEqual([]);
    await flows.stop();
  });

  it('answers only its own Host and path: a foreign Host header or another path changes nothing', async () => {
    const { flows, finished, options } = setup();
    const flow = await flows.begin(options());
    const callback = await authorize(flow.authorizationUrl, { login: 'octo-hosted' });
    const port = new URL(callback).port;
    for (const host of [
      `evil.example:${port}`,
      `localhost:${port}`,
      'evil.example',
      `127.0.0.1:${Number(port) + 1}`,
    ]) {
      const page = await getWithHost(callback, host);
      expect(page.status, host).toBe(400);
    }
    const elsewhere = new URL(callback);
    elsewhere.pathname = '/oauth/github/callback/../../admin';
    for (const path of [
      '/',
      '/oauth/discord/callback',
      '/oauth/github/callback/x',
      '/favicon.ico',
    ]) {
      const other = new URL(callback);
      other.pathname = path;
      const page = await visit(other.toString());
      expect(page.status, path).toBe(404);
    }
    expect(finished).toEqual([]);
    expect((await visit(callback)).status).toBe(200);
    expect(finished).toEqual(['flow:octo-hosted']);
    await flows.stop();
  });

  it('runs 100 flows at once: cross-delivered, forged and replayed callbacks fail, each genuine one succeeds once', async () => {
    const { flows, finished, options } = setup();
    const started = await Promise.all(
      Array.from({ length: 100 }, (_, i) => flows.begin(options(`f${i}`))),
    );
    expect(new Set(started.map((f) => f.redirectUri)).size).toBe(100);
    const callbacks = await Promise.all(
      started.map((f, i) => authorize(f.authorizationUrl, { login: `octo-${i}` })),
    );
    const attacks: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i += 1) {
      const mine = new URL(callbacks[i]!);
      const next = new URL(callbacks[(i + 1) % 100]!);
      // Flow i's code and state delivered to flow i+1's server, a guessed state, then the genuine one twice.
      const crossed = new URL(next.toString());
      crossed.search = mine.search;
      attacks.push(
        (async () => {
          const cross = await visitOrRefused(crossed.toString());
          const forged = await visitOrRefused(
            withState(mine.toString(), `${'A'.repeat(42)}${i % 10}`),
          );
          const genuine = await visitOrRefused(mine.toString());
          const replay = await visitOrRefused(mine.toString());
          return { cross, forged, genuine, replay };
        })(),
      );
    }
    const results = (await Promise.all(attacks)) as {
      cross: Awaited<ReturnType<typeof visitOrRefused>>;
      forged: Awaited<ReturnType<typeof visitOrRefused>>;
      genuine: Awaited<ReturnType<typeof visitOrRefused>>;
      replay: Awaited<ReturnType<typeof visitOrRefused>>;
    }[];
    const status = (v: Awaited<ReturnType<typeof visitOrRefused>>) =>
      v === 'refused' ? 'refused' : v.status;
    for (const r of results) {
      expect([400, 'refused']).toContain(status(r.cross));
      expect(status(r.forged)).toBe(400);
      expect(status(r.genuine)).toBe(200);
      expect([400, 'refused']).toContain(status(r.replay));
    }
    const outcomes = await Promise.all(started.map((f) => f.outcome));
    expect(outcomes).toEqual(
      Array.from({ length: 100 }, (_, i) => ({ ok: true, value: `octo-${i}` })),
    );
    expect([...finished].sort()).toEqual(
      Array.from({ length: 100 }, (_, i) => `f${i}:octo-${i}`).sort(),
    );
    expect(flows.count()).toBe(0);
    await flows.stop();
  });
});
