// The headless host with a public base URL, over HTTP as a browser and scripts see it: web-mode
// /link (one-time, signed, expiring URLs that never carry a Discord ID, then code + PKCE against
// GitHub on the host's own callback), and dashboard sign-in with Discord (sessions, Manage Server
// per guild for every guild-scoped method, re-checks, sign out everywhere, the API token alongside).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsForSimulators, startSimulators, type Simulators } from '../../../sim/index.js';
import type { LinkOutcome } from '../../../src-bot/ports.js';
import { createLogger, memorySink, type LogRecord } from '../../../src-main/log/logger.js';
import { WebLinkTokens } from '../../../src-main/oauth/web-link-tokens.js';
import { startHeadless, type HeadlessGitGuild } from '../../../src-main/web/start-headless.js';
import { openWebLink, visit } from './browser.js';
import { freePort } from './oauth-rig.js';

interface Web {
  sims: Simulators;
  running: HeadlessGitGuild;
  origin: string;
  logs: LogRecord[];
  admin(method: string, input?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

let web: Web | null = null;
afterEach(async () => {
  await web?.close();
  web = null;
});

async function startWeb(settings: Record<string, unknown>): Promise<Web> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const sims = await startSimulators({
    seed: 31,
    preset: 'tiny',
    discord: { oauth: { redirectUris: [`${origin}/oauth/discord/callback`] } },
  });
  const dir = await mkdtemp(join(tmpdir(), 'gitguild-oauth-web-'));
  const sink = memorySink(100_000);
  const logger = createLogger('gitguild', { level: 'debug', sinks: [sink] });
  const running = await startHeadless({
    dataDir: join(dir, 'data'),
    logger,
    secrets: { backend: 'memory' },
    port,
    rendererDir: join(dir, 'renderer'),
    env: {},
  });
  const admin = async (method: string, input: unknown = {}) => {
    const response = await fetch(`${origin}/api/rpc/${method}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${running.token.value}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  await running.host.secrets.set('discord.clientSecret', sims.discord.clientSecret);
  await running.host.secrets.set('github.clientSecret', sims.github.oauthApps[0]!.clientSecret);
  await running.host.secrets.set('discord.botToken', sims.discord.botToken);
  const updated = await admin('settings.update', {
    ...settingsForSimulators(sims),
    publicBaseUrl: origin,
    ...settings,
  });
  expect(updated.status).toBe(200);
  return {
    sims,
    running,
    origin,
    logs: sink.records,
    admin,
    close: async () => {
      await running.stop();
      await sims.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('web-mode /link on the public base URL', () => {
  it('links through a one-time signed URL without the Discord ID, then refuses it, a forged one and an expired one', async () => {
    web = await startWeb({ memberLinkMode: 'web' });
    const { sims, running, origin } = web;
    const member = sims.discord.guild.members.find((m) => !m.user.bot)!.user;
    let outcome: LinkOutcome | null = null;
    const start = await running.host.linkPort.start(
      { guildId: sims.discord.guild.guild.id, userId: member.id, username: member.username },
      (o) => (outcome = o),
    );
    if (start.kind !== 'web') throw new Error(`expected a web link, got ${start.kind}`);
    expect(start.url.startsWith(`${origin}/link/`)).toBe(true);
    expect(start.url).not.toContain(member.id);
    expect(start.url).not.toContain(member.username);
    // A repeat /link gets the same URL while it is unopened.
    const again = await running.host.linkPort.start(
      { guildId: sims.discord.guild.guild.id, userId: member.id, username: member.username },
      () => undefined,
    );
    expect(again).toMatchObject({ kind: 'web', url: start.url, reused: true });

    // Forged: a changed signature, another nonce, or plain junk; the member's flow goes on.
    const [nonce, expiry, mac] = start.url.slice(`${origin}/link/`.length).split('.') as [
      string,
      string,
      string,
    ];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const forged of [
      `${nonce}.${expiry}.${flip(mac)}`,
      `${flip(nonce)}.${expiry}.${mac}`,
      `${nonce}.${(Number.parseInt(expiry, 36) + 600).toString(36)}.${mac}`,
      'x',
      encodeURIComponent('../../api/health'),
    ]) {
      const page = await visit(`${origin}/link/${forged}`);
      expect(page.status, forged).toBe(410);
      expect(page.text).toContain('Run /link in Discord again');
    }
    // Signed with this host's own key but expired: refused too.
    const signer = new WebLinkTokens(running.host.secrets, createLogger('t', { sinks: [] }));
    const expired = await signer.sign(WebLinkTokens.nonce(), Date.now() - 1000);
    expect((await visit(`${origin}/link/${expired}`)).status).toBe(410);
    expect(outcome).toBeNull();

    // Link previews (Discord unfurls URLs) only GET the page: that does not spend the link.
    for (let i = 0; i < 3; i += 1) {
      const preview = await visit(start.url);
      expect(preview.status).toBe(200);
      expect(preview.text).toContain('Continue to GitHub');
      expect(preview.text).toContain('method="post"');
    }
    const headers = (await fetch(start.url)).headers;
    expect(headers.get('referrer-policy')).toBe('same-origin');
    expect(headers.get('content-security-policy')).toContain(
      `form-action 'self' ${sims.github.webUrl}`,
    );
    // HEAD spends nothing either.
    expect((await fetch(start.url, { method: 'HEAD' })).status).toBe(404);

    // The genuine click: to GitHub with PKCE and a state, back to the host's public callback.
    sims.github.control.setAuthorizeUser('octo-weblinker');
    const { posted: opened } = await openWebLink(start.url);
    expect(opened.status).toBe(303);
    const authorize = new URL(opened.location!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(
      `${sims.github.webUrl}/login/oauth/authorize`,
    );
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${origin}/oauth/github/callback`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBeNull();
    const back = await visit(authorize.toString());
    const page = await visit(back.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('octo-weblinker');
    expect(page.text).toContain('You can close this tab');
    await expect
      .poll(() => outcome)
      .toMatchObject({
        kind: 'linked',
        link: { githubLogin: 'octo-weblinker', method: 'web_oauth' },
      });
    expect(running.host.links.byDiscordUser(member.id)?.method).toBe('web_oauth');
    await expect.poll(() => sims.github.liveOAuthTokens()).toEqual([]);

    // Used once: the same URL (page or button) and the same callback are refused now.
    expect((await visit(start.url)).status).toBe(410);
    expect((await openWebLink(start.url)).posted.status).toBe(410);
    expect((await visit(back.location!)).status).toBe(400);
  });

  it("sends the host admin's own sign-in through the public callback too", async () => {
    web = await startWeb({});
    const start = (await web.admin('auth.discord.begin')).body as {
      authorizationUrl: string;
      redirectUri: string;
      opened: boolean;
    };
    expect(start).toMatchObject({
      redirectUri: `${web.origin}/oauth/discord/callback`,
      opened: false,
    });
    const back = await visit(start.authorizationUrl);
    expect((await visit(back.location!)).status).toBe(200);
    await expect
      .poll(async () => {
        const status = (await web!.admin('auth.status')).body as { discord: { signedIn: boolean } };
        return status.discord.signedIn;
      })
      .toBe(true);
  });

  it('answers 404 for the OAuth routes when no public base URL is set', async () => {
    web = await startWeb({ publicBaseUrl: '' });
    for (const path of [
      '/oauth/github/callback?code=x&state=y',
      '/link/abc',
      '/auth/discord/login',
    ])
      expect((await visit(`${web.origin}${path}`)).status, path).toBe(404);
  });
});

describe('dashboard sign-in with Discord', () => {
  /** Browser sign-in as a Discord user; returns the session cookie, or null when refused. */
  async function signIn(
    w: Web,
    userId: string,
  ): Promise<{ cookie: string | null; status: number }> {
    w.sims.discord.control.setOAuthUser(userId);
    const start = await visit(`${w.origin}/auth/discord/login`);
    expect(start.status).toBe(302);
    const back = await visit(start.location!);
    const response = await fetch(back.location!, { redirect: 'manual' });
    const setCookie = response.headers.get('set-cookie');
    return {
      status: response.status,
      cookie: setCookie ? setCookie.split(';')[0]! : null,
    };
  }

  function asSession(w: Web, cookie: string, origin: string | null = w.origin) {
    return async (method: string, input: unknown = {}) => {
      const response = await fetch(`${w.origin}/api/rpc/${method}`, {
        method: 'POST',
        headers: {
          cookie,
          'content-type': 'application/json',
          ...(origin ? { origin } : {}),
        },
        body: JSON.stringify(input),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
  }

  it('gives each admin the guilds where Discord grants Manage Server, checks every guild-scoped call, and keeps the API token working', async () => {
    web = await startWeb({ dashboardSignIn: true });
    const { sims, origin } = web;
    const guildId = sims.discord.guild.guild.id;
    const owner = sims.discord.guild.guild.ownerId;

    const ownerLogin = await signIn(web, owner);
    expect(ownerLogin.status).toBe(303);
    expect(ownerLogin.cookie).toMatch(/^gitguild_session=[A-Za-z0-9_-]{43}$/);
    const ownerCall = asSession(web, ownerLogin.cookie!);
    expect((await ownerCall('auth.session.status')).body).toEqual({
      via: 'session',
      user: { id: owner, username: expect.any(String) },
      guildIds: [guildId],
    });
    const invite = await ownerCall('auth.discord.invite', { guildId });
    expect(invite.status).toBe(200);
    expect(String(invite.body['url'])).toContain(`guild_id=${guildId}`);
    const elsewhere = await ownerCall('auth.discord.invite', { guildId: '123456789012345678' });
    expect(elsewhere.status).toBe(403);
    // Host-wide methods stay with the API token.
    for (const [method, input] of [
      ['settings.update', { timeZone: 'Europe/Berlin' }],
      ['settings.get', {}],
      ['secrets.status', {}],
      ['links.list', {}],
      ['links.set', { discordUserId: owner, githubLogin: 'octo-x' }],
      ['auth.sessions.list', {}],
      ['crawl.run', {}],
    ] as const) {
      const answer = await ownerCall(method, input);
      expect(answer.status, method).toBe(403);
      expect((answer.body['error'] as { identifier: string }).identifier).toBe('forbidden');
    }
    expect((await web.admin('settings.get')).status).toBe(200);
    expect(((await web.admin('auth.sessions.list')).body as unknown[]).length).toBe(1);

    // No Origin (a script or an old form post with the cookie): not a session call.
    expect((await asSession(web, ownerLogin.cookie!, null)('auth.session.status')).status).toBe(
      401,
    );
    // A foreign Origin is refused before anything else.
    expect(
      (await asSession(web, ownerLogin.cookie!, 'http://evil.example')('auth.session.status'))
        .status,
    ).toBe(403);
    // A member without Manage Server gets no session.
    const plain = sims.discord.guild.members.find((m) => !m.user.bot && m.user.id !== owner)!;
    const refused = await signIn(web, plain.user.id);
    expect(refused).toEqual({ status: 403, cookie: null });
    void origin;
  });

  it('re-checks Manage Server with Discord, and signs a user out everywhere', async () => {
    web = await startWeb({ dashboardSignIn: true });
    const { sims, running } = web;
    const guildId = sims.discord.guild.guild.id;
    const botId = sims.discord.guild.botUser.id;
    const botRoles = sims.discord.control.member(botId, guildId).roles;
    const adminRole = sims.discord.guild.roles.find((r) => r.name === 'Admin')!;
    const manager = sims.discord.guild.members.find(
      (m) => !m.user.bot && m.user.id !== sims.discord.guild.guild.ownerId,
    )!.user;
    sims.discord.control.setMemberRoles(botId, [...botRoles, adminRole.id], guildId);
    const role = (await (
      await fetch(`${sims.discord.restUrl}/v10/guilds/${guildId}/roles`, {
        method: 'POST',
        headers: {
          authorization: `Bot ${sims.discord.botToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          name: 'Managers',
          permissions: PermissionFlagsBits.ManageGuild.toString(),
        }),
      })
    ).json()) as { id: string };
    sims.discord.control.setMemberRoles(botId, botRoles, guildId);
    sims.discord.control.setMemberRoles(manager.id, [role.id], guildId);

    const first = await signIn(web, manager.id);
    const second = await signIn(web, manager.id);
    expect(first.cookie && second.cookie && first.cookie !== second.cookie).toBe(true);
    const call1 = asSession(web, first.cookie!);
    const call2 = asSession(web, second.cookie!);
    expect((await call1('auth.discord.invite', { guildId })).status).toBe(200);

    // Discord takes Manage Server away; the next check (the refresh job here) sees it.
    sims.discord.control.setMemberRoles(manager.id, [], guildId);
    expect((await call1('auth.discord.invite', { guildId })).status).toBe(200);
    await running.host.oauth.refreshJob.run();
    expect((await call1('auth.discord.invite', { guildId })).status).toBe(403);
    expect((await call1('auth.session.status')).body['guildIds']).toEqual([]);

    const ended = await call2('auth.session.signOutEverywhere', {});
    expect(ended.body).toEqual({ ended: 2 });
    expect((await call1('auth.session.status')).status).toBe(401);
    expect((await call2('auth.session.status')).status).toBe(401);
    expect((await web.admin('auth.sessions.list')).body).toEqual([]);
    // The grants were revoked at Discord.
    expect(sims.discord.control.liveOAuthTokens()).toEqual([]);
  });
});
