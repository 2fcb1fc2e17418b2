// Admin sign-in through the host against both simulators, the way the desktop does it: the
// injected opener plays Electron's shell.openExternal and the browser; the host's loopback
// server receives the redirect. Discord gives the guild list with badges, bot presence and
// invite links, refreshes before expiry and revokes at sign-out; GitHub gives the org picker,
// takes a pasted token after checking it live, and revokes its OAuth grant at sign-out.
import { afterEach, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { DISCORD_REFRESH_MARGIN_MS } from '../../../src-main/oauth/admin-auth.js';
import { botPermissionsInteger } from '../../../src-main/oauth/bot-invite.js';
import { signInThroughBrowser, type Visit } from './browser.js';
import { startOAuthRig, type OAuthRig } from './oauth-rig.js';

let rig: OAuthRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

/** Electron's shell.openExternal, with a browser that consents at once. */
function openerBrowser(extra: () => Record<string, string> = () => ({})) {
  const pages: Promise<Visit>[] = [];
  return {
    pages,
    openExternal: async (url: string) => {
      pages.push(signInThroughBrowser(url, extra()));
    },
  };
}

describe('admin sign-in with Discord', () => {
  it('signs in through the fixed loopback port, lists guilds with badges and the bot, refreshes, and revokes at sign-out', async () => {
    let now = Date.now();
    const browser = openerBrowser();
    rig = await startOAuthRig({
      openExternal: browser.openExternal,
      oauthTiming: { now: () => now },
    });
    const { call, sims, secrets } = rig;

    const before = await call('auth.status');
    expect(before.discord).toMatchObject({ configured: true, signedIn: false, user: null });
    expect(before.setup.discordRedirectUri).toBe(
      `http://127.0.0.1:${rig.discordPort}/oauth/discord/callback`,
    );
    expect(before.setup.githubCallbackUrl).toBe('http://127.0.0.1/oauth/github/callback');
    expect(before.setup.botPermissions).toBe(botPermissionsInteger());

    const start = await call('auth.discord.begin');
    expect(start.opened).toBe(true);
    expect(start.redirectUri).toBe(before.setup.discordRedirectUri);
    const page = await browser.pages[0]!;
    expect(page.status).toBe(200);
    expect(page.text).toContain('You can close this tab');
    await rig.waitForEvent(
      (e) => e.type === 'auth-changed' && e.provider === 'discord' && e.state === 'signed_in',
    );

    const owner = sims.discord.guild.guild.ownerId;
    const status = await call('auth.status');
    expect(status.discord).toMatchObject({ signedIn: true, pending: false, user: { id: owner } });
    const access = await secrets.get('admin.discordAccessToken');
    const refresh = await secrets.get('admin.discordRefreshToken');
    expect(access && refresh).toBeTruthy();
    expect(sims.discord.control.liveOAuthTokens()).toEqual(
      expect.arrayContaining([access, refresh]),
    );

    const guilds = await call('auth.discord.guilds');
    expect(guilds).toEqual([
      expect.objectContaining({
        id: sims.discord.guild.guild.id,
        badge: 'owner',
        canManage: true,
        botPresent: true,
        inviteUrl: null,
      }),
    ]);

    // A day before expiry the refresh job renews the grant; the old tokens stop working.
    now += 7 * 24 * 3600_000 - DISCORD_REFRESH_MARGIN_MS + 1000;
    const report = await rig.host.oauth.refreshJob.run();
    expect(report.results).toEqual({
      'discord admin sign-in': 'refreshed',
      'dashboard sessions': '0 session(s)',
    });
    const access2 = await secrets.get('admin.discordAccessToken');
    const refresh2 = await secrets.get('admin.discordRefreshToken');
    expect(access2).not.toBe(access);
    expect(refresh2).not.toBe(refresh);
    expect(sims.discord.control.liveOAuthTokens()).not.toContain(refresh);
    expect((await rig.host.oauth.refreshJob.run()).results).toMatchObject({
      'discord admin sign-in': 'fresh',
    });
    expect(await call('auth.discord.guilds')).toHaveLength(1);

    const out = await call('auth.signOut', { provider: 'discord' });
    expect(out).toEqual({ revoked: true, note: null });
    expect(sims.discord.control.liveOAuthTokens()).not.toEqual(expect.arrayContaining([access2]));
    expect(sims.discord.control.liveOAuthTokens()).not.toContain(refresh2);
    expect(await secrets.get('admin.discordAccessToken')).toBeNull();
    expect(await secrets.get('admin.discordRefreshToken')).toBeNull();
    expect((await call('auth.status')).discord.signedIn).toBe(false);
    await expect(call('auth.discord.guilds')).rejects.toMatchObject({ identifier: 'unauthorized' });
  });

  it('shows Administrator and Manage Server badges, and an invite link with GitGuild permissions where the bot is missing', async () => {
    const browser = openerBrowser();
    rig = await startOAuthRig({ openExternal: browser.openExternal });
    const { sims, call } = rig;
    const guildId = sims.discord.guild.guild.id;
    const plain = sims.discord.guild.members.find(
      (m) => m.user.id !== sims.discord.guild.guild.ownerId && !m.user.bot,
    )!;
    // A "Managers" role with Manage Server only. Discord lets only someone who has Manage Server
    // grant it, so the bot is made an Admin for the moment it creates the role.
    const botId = sims.discord.guild.botUser.id;
    const botRoles = sims.discord.control.member(botId, guildId).roles;
    const adminRole = sims.discord.guild.roles.find((r) => r.name === 'Admin')!;
    sims.discord.control.setMemberRoles(botId, [...botRoles, adminRole.id], guildId);
    const created = await fetch(`${sims.discord.restUrl}/v10/guilds/${guildId}/roles`, {
      method: 'POST',
      headers: {
        authorization: `Bot ${sims.discord.botToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        name: 'Managers',
        permissions: PermissionFlagsBits.ManageGuild.toString(),
      }),
    });
    expect(created.status).toBe(200);
    const managers = ((await created.json()) as { id: string }).id;
    sims.discord.control.setMemberRoles(botId, botRoles, guildId);
    sims.discord.control.setOAuthUser(plain.user.id);
    sims.discord.control.setMemberRoles(plain.user.id, [managers], guildId);
    await call('auth.discord.begin');
    await browser.pages[0];
    await rig.waitForEvent((e) => e.type === 'auth-changed' && e.state === 'signed_in');
    expect((await call('auth.discord.guilds'))[0]).toMatchObject({
      badge: 'manage_server',
      canManage: true,
      botPresent: true,
      inviteUrl: null,
    });
    // Without the bot token the host cannot tell whether the bot is there, so it offers the invite.
    await rig.secrets.delete('discord.botToken');
    const [guild] = await call('auth.discord.guilds');
    expect(guild).toMatchObject({ id: guildId, badge: 'manage_server', botPresent: null });
    const invite = new URL(guild!.inviteUrl!);
    expect(Object.fromEntries(invite.searchParams)).toEqual({
      client_id: sims.discord.applicationId,
      scope: 'bot applications.commands',
      permissions: botPermissionsInteger(),
      guild_id: guildId,
      disable_guild_select: 'true',
    });
    sims.discord.control.setMemberRoles(plain.user.id, [adminRole.id], guildId);
    expect((await call('auth.discord.guilds'))[0]).toMatchObject({ badge: 'administrator' });
    sims.discord.control.setMemberRoles(plain.user.id, [], guildId);
    const [demoted] = await call('auth.discord.guilds');
    expect(demoted).toMatchObject({ badge: null, canManage: false, inviteUrl: null });
  });

  it('headless without an opener returns the URL to the UI and logs where it leads, not the state', async () => {
    rig = await startOAuthRig({ mode: 'headless' });
    const start = await rig.call('auth.discord.begin');
    expect(start.opened).toBe(false);
    const state = new URL(start.authorizationUrl).searchParams.get('state')!;
    const ready = rig.logs.find((r) => r.msg.startsWith('sign-in page ready'));
    expect(ready).toMatchObject({ provider: 'discord', redirectUri: start.redirectUri });
    expect(JSON.stringify(rig.logs)).not.toContain(state);
    expect((await signInThroughBrowser(start.authorizationUrl)).status).toBe(200);
    await rig.waitForEvent((e) => e.type === 'auth-changed' && e.state === 'signed_in');
  });

  it('reports a cancelled consent as a failed sign-in and stores nothing', async () => {
    const browser = openerBrowser();
    rig = await startOAuthRig({ openExternal: browser.openExternal });
    rig.sims.discord.control.setOAuthUser(null);
    await rig.call('auth.discord.begin');
    expect((await browser.pages[0]!).status).toBe(400);
    const failed = await rig.waitForEvent((e) => e.type === 'auth-changed' && e.state === 'failed');
    expect(failed).toMatchObject({ message: 'Sign-in was cancelled in the browser.' });
    expect(await rig.secrets.list()).not.toContain('admin.discordRefreshToken');
  });

  it('says what is missing before it opens a browser', async () => {
    rig = await startOAuthRig({ withoutClientSecrets: true });
    await expect(rig.call('auth.discord.begin')).rejects.toMatchObject({
      identifier: 'invalid_input',
      message: "The Discord application's client secret is not set.",
    });
    await rig.call('settings.update', { githubClientId: '' });
    await expect(rig.call('auth.github.begin')).rejects.toMatchObject({
      message: "The GitHub OAuth App's client ID is not set.",
    });
  });
});

describe('admin sign-in with GitHub', () => {
  it('signs in on an ephemeral loopback port with read:org, lists orgs for the picker, and revokes the grant at sign-out', async () => {
    const browser = openerBrowser();
    rig = await startOAuthRig({ openExternal: browser.openExternal });
    const { sims, call, secrets } = rig;
    const maintainer = sims.github.org.members[0]!;
    sims.github.control.setAuthorizeUser(maintainer);

    const start = await call('auth.github.begin');
    expect(start.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/github\/callback$/);
    expect(new URL(start.authorizationUrl).searchParams.get('scope')).toBe('read:org');
    expect((await browser.pages[0]!).status).toBe(200);
    await rig.waitForEvent(
      (e) => e.type === 'auth-changed' && e.provider === 'github' && e.state === 'signed_in',
    );
    const token = await secrets.get('admin.githubAccessToken');
    expect(sims.github.liveOAuthTokens().map((t) => t.token)).toEqual([token]);

    const status = await call('auth.status');
    expect(status.github).toMatchObject({
      signedIn: true,
      source: 'oauth',
      login: maintainer,
      scopes: ['read:org'],
      missingScopes: [],
    });
    expect(await call('auth.github.orgs')).toEqual([
      expect.objectContaining({ login: sims.github.org.login, selected: true }),
    ]);

    // Signed in with GitHub and no token pasted: the crawl runs with the sign-in's token.
    expect(await secrets.get('github.token')).toBeNull();
    expect(await call('crawl.run')).toEqual({ started: true });
    await expect
      .poll(async () => (await call('crawl.status')).orgs.length, { timeout: 30_000 })
      .toBe(1);
    expect((await call('crawl.status')).lastError).toBeNull();
    expect(
      sims.github.control.requests().some((r) => r.surface === 'api' && r.login === maintainer),
    ).toBe(true);

    const out = await call('auth.signOut', { provider: 'github' });
    expect(out).toEqual({ revoked: true, note: null });
    expect(sims.github.liveOAuthTokens()).toEqual([]);
    expect(await secrets.get('admin.githubAccessToken')).toBeNull();
    expect((await call('auth.status')).github.signedIn).toBe(false);
  });

  it('checks a pasted token live (login, scopes, orgs), keeps it for the crawl, and forgets it at sign-out', async () => {
    rig = await startOAuthRig();
    const { sims, call, secrets } = rig;
    const checked = await call('auth.github.useToken', { token: sims.github.token });
    expect(checked).toMatchObject({
      login: sims.github.tokenLogin,
      scopes: ['read:org', 'read:user'],
      missingScopes: [],
      orgs: [expect.objectContaining({ login: sims.github.org.login })],
    });
    expect(await secrets.get('github.token')).toBe(sims.github.token);
    expect((await call('auth.status')).github).toMatchObject({
      source: 'token',
      login: sims.github.tokenLogin,
    });

    await expect(
      call('auth.github.useToken', { token: 'ghp_not_a_real_token_at_all' }),
    ).rejects.toMatchObject({
      identifier: 'unauthorized',
    });
    expect(await secrets.get('github.token')).toBe(sims.github.token);

    const out = await call('auth.signOut', { provider: 'github' });
    expect(out.revoked).toBe(false);
    expect(out.note).toContain('/settings/tokens');
    expect(await secrets.get('github.token')).toBeNull();
  });
});
