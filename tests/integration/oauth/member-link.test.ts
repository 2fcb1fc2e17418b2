// Member /link through the host's LinkPort, against the GitHub simulator's device flow: the code
// and URL, polling at GitHub's interval (and slower after slow_down), the link stored with method
// device_flow, the sync hook and the outcome; a repeat /link gets the pending code; expiry and
// denial reach the member; one GitHub account per Discord account, with the admin's override.
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkOutcome, LinkStart } from '../../../src-bot/ports.js';
import { startOAuthRig, type OAuthRig } from './oauth-rig.js';

let rig: OAuthRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

/** Members of the simulated guild, topped up with made-up ones when a test needs more. */
function members(r: OAuthRig, n: number) {
  const guildId = r.sims.discord.guild.guild.id;
  const real = r.sims.discord.guild.members
    .filter((m) => !m.user.bot)
    .map((m) => ({ guildId, userId: m.user.id, username: m.user.username }));
  const extra = Array.from({ length: Math.max(0, n - real.length) }, (_, i) => ({
    guildId,
    userId: `90000000000000${String(i).padStart(4, '0')}`,
    username: `member-${i}`,
  }));
  return [...real, ...extra].slice(0, n);
}

/** Starts /link for a member and collects every outcome delivered to this listener. */
async function link(r: OAuthRig, member: ReturnType<typeof members>[number]) {
  const outcomes: LinkOutcome[] = [];
  let resolve!: (o: LinkOutcome) => void;
  const first = new Promise<LinkOutcome>((res) => (resolve = res));
  const start = await r.host.linkPort.start(member, (outcome) => {
    outcomes.push(outcome);
    resolve(outcome);
  });
  return { start, outcomes, outcome: first };
}

function deviceCode(start: LinkStart): string {
  if (start.kind !== 'device') throw new Error(`expected a device code, got ${start.kind}`);
  return start.userCode;
}

describe('member /link through the device flow', () => {
  it('links a member: code and URL, approval on GitHub, stored as device_flow, sync hook, outcome; the token is revoked', async () => {
    rig = await startOAuthRig({ deviceFlow: { interval: 1, expiresIn: 60 } });
    const [member] = members(rig, 1);
    const login = rig.sims.github.org.members[1]!;
    const { start, outcome, outcomes } = await link(rig, member!);
    expect(start).toMatchObject({
      kind: 'device',
      verificationUri: `${rig.sims.github.webUrl}/login/device`,
      reused: false,
    });
    expect(deviceCode(start)).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(rig.host.oauth.links.pendingCount()).toBe(1);

    rig.sims.github.control.approveDevice(deviceCode(start), login);
    const done = await outcome;
    expect(done).toMatchObject({
      kind: 'linked',
      link: { githubLogin: login, method: 'device_flow' },
    });
    expect(outcomes).toHaveLength(1);
    expect(rig.host.links.byDiscordUser(member!.userId)).toMatchObject({
      githubLogin: login,
      linkedBy: member!.userId,
      method: 'device_flow',
    });
    expect(rig.events).toContainEqual({
      type: 'link-changed',
      discordUserId: member!.userId,
      githubLogin: login,
      actor: `member:${member!.userId}`,
    });
    expect(rig.host.oauth.links.pendingCount()).toBe(0);
    // The member's token was used once to read the login, then revoked.
    await expect.poll(() => rig!.sims.github.liveOAuthTokens()).toEqual([]);
    // Polling respected GitHub's interval: no slow_down answers.
    const polls = rig.sims.github.control
      .requests()
      .filter((r) => r.path === '/login/oauth/access_token');
    expect(polls.length).toBeGreaterThanOrEqual(1);

    expect(await rig.host.linkPort.start(member!, () => undefined)).toMatchObject({
      kind: 'already_linked',
      link: { githubLogin: login },
    });
    expect(await rig.host.linkPort.linkOf(member!.userId)).toMatchObject({ githubLogin: login });
  });

  it('gives a member who runs /link again their pending code, and tells both commands the outcome once', async () => {
    rig = await startOAuthRig({ deviceFlow: { interval: 1, expiresIn: 60 } });
    const [member] = members(rig, 1);
    const [a, b] = await Promise.all([link(rig, member!), link(rig, member!)]);
    const c = await link(rig, member!);
    expect(deviceCode(a.start)).toBe(deviceCode(b.start));
    expect(deviceCode(c.start)).toBe(deviceCode(a.start));
    expect([a.start, b.start, c.start].filter((s) => s.kind === 'device' && s.reused)).toHaveLength(
      2,
    );
    expect(
      rig.sims.github.control.requests().filter((r) => r.path === '/login/device/code'),
    ).toHaveLength(1);
    rig.sims.github.control.approveDevice(deviceCode(a.start), 'octo-repeat');
    for (const run of [a, b, c]) expect((await run.outcome).kind).toBe('linked');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([a, b, c].map((r) => r.outcomes.length)).toEqual([1, 1, 1]);
  });

  it('reports denial and expiry to the member, and links nothing', async () => {
    rig = await startOAuthRig({ deviceFlow: { interval: 1, expiresIn: 3 } });
    const [denier, sleeper] = members(rig, 2);
    const denied = await link(rig, denier!);
    rig.sims.github.control.denyDevice(deviceCode(denied.start));
    expect(await denied.outcome).toEqual({ kind: 'denied' });
    const expired = await link(rig, sleeper!);
    expect(await expired.outcome).toEqual({ kind: 'expired' });
    expect(rig.host.links.count()).toBe(0);
    expect(rig.host.oauth.links.pendingCount()).toBe(0);
  });

  it('links many members at once, each to their own account', async () => {
    rig = await startOAuthRig({ deviceFlow: { interval: 1, expiresIn: 120 } });
    const group = members(rig, 25);
    expect(group).toHaveLength(25);
    const runs = await Promise.all(group.map((m) => link(rig!, m)));
    expect(new Set(runs.map((r) => deviceCode(r.start))).size).toBe(25);
    expect(rig.host.oauth.links.pendingCount()).toBe(25);
    runs.forEach((r, i) =>
      rig!.sims.github.control.approveDevice(deviceCode(r.start), `octo-many-${i}`),
    );
    const outcomes = await Promise.all(runs.map((r) => r.outcome));
    expect(outcomes.map((o) => (o.kind === 'linked' ? o.link.githubLogin : o.kind))).toEqual(
      group.map((_, i) => `octo-many-${i}`),
    );
    expect(rig.host.links.count()).toBe(25);
    const slowDowns = rig.logs.filter((r) => r.msg === 'device flow: GitHub asked to slow down');
    expect(slowDowns).toEqual([]);
  });

  it('refuses a GitHub account that is linked to someone else; an admin can move it, and unlinking tells the sync', async () => {
    rig = await startOAuthRig({ deviceFlow: { interval: 1, expiresIn: 60 } });
    const [first, second] = members(rig, 2);
    const one = await link(rig, first!);
    rig.sims.github.control.approveDevice(deviceCode(one.start), 'octo-shared');
    expect((await one.outcome).kind).toBe('linked');

    const two = await link(rig, second!);
    rig.sims.github.control.approveDevice(deviceCode(two.start), 'octo-shared');
    const refused = await two.outcome;
    expect(refused.kind).toBe('conflict');
    expect(refused.kind === 'conflict' && refused.message).toContain(
      'already linked to another Discord member',
    );
    expect(rig.host.links.byDiscordUser(second!.userId)).toBeUndefined();

    await expect(
      rig.call('links.set', { discordUserId: second!.userId, githubLogin: 'octo-shared' }),
    ).rejects.toMatchObject({ identifier: 'conflict' });
    const moved = await rig.call('links.set', {
      discordUserId: second!.userId,
      githubLogin: 'OCTO-SHARED',
      replace: true,
    });
    expect(moved).toMatchObject({ discordUserId: second!.userId, method: 'admin', linkedBy: '0' });
    expect(rig.host.links.byDiscordUser(first!.userId)).toBeUndefined();
    expect(
      rig.events
        .filter((e) => e.type === 'link-changed')
        .map((e) => e.type === 'link-changed' && [e.discordUserId, e.githubLogin, e.actor]),
    ).toEqual([
      [first!.userId, 'octo-shared', `member:${first!.userId}`],
      [first!.userId, null, 'admin:api-token'],
      [second!.userId, 'OCTO-SHARED', 'admin:api-token'],
    ]);
    expect(await rig.call('links.list', { githubLogin: 'octo-shared' })).toHaveLength(1);

    // Relinking is explicit: the linked member is told to /unlink first.
    expect(await rig.host.linkPort.start(second!, () => undefined)).toMatchObject({
      kind: 'already_linked',
    });
    expect(await rig.host.linkPort.unlink(second!)).toMatchObject({ githubLogin: 'OCTO-SHARED' });
    expect(await rig.host.linkPort.unlink(second!)).toBeNull();
    expect(rig.events.at(-1)).toEqual({
      type: 'link-changed',
      discordUserId: second!.userId,
      githubLogin: null,
      actor: `member:${second!.userId}`,
    });
    expect(await rig.call('links.remove', { discordUserId: first!.userId })).toEqual({
      removed: null,
    });
  });

  it('says linking is not set up when the GitHub OAuth App client ID is missing', async () => {
    rig = await startOAuthRig();
    await rig.call('settings.update', { githubClientId: '' });
    const [member] = members(rig, 1);
    const start = await rig.host.linkPort.start(member!, () => undefined);
    expect(start.kind).toBe('unavailable');
    expect(start.kind === 'unavailable' && start.message).toContain('client ID');
    expect(rig.host.oauth.links.pendingCount()).toBe(0);
  });
});

describe('device-flow polling on a virtual clock', () => {
  it('waits the interval GitHub gave, and after slow_down keeps the longer interval for every later poll', async () => {
    let sims: OAuthRig['sims'] | null = null;
    let sleeps = 0;
    const waits: number[] = [];
    rig = await startOAuthRig({
      deviceFlow: { interval: 5, expiresIn: 900 },
      oauthTiming: {
        now: () => sims!.github.control.now(),
        // The first wait ends 3 s early (a laptop waking from sleep, a timer firing early);
        // every later one lasts what was asked.
        sleep: async (ms) => {
          sleeps += 1;
          waits.push(ms);
          sims!.github.control.advanceClock((sleeps === 2 ? ms - 3000 : ms) / 1000);
          await new Promise((resolve) => setImmediate(resolve));
        },
      },
    });
    sims = rig.sims;
    const [member] = members(rig, 1);
    const run = await link(rig, member!);
    // Approve once a few polls have happened after the slow_down.
    await expect.poll(() => sleeps, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    rig.sims.github.control.approveDevice(deviceCode(run.start), 'octo-patient');
    expect((await run.outcome).kind).toBe('linked');
    const answers = rig.logs.filter((r) => r.msg === 'device flow: GitHub asked to slow down');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ intervalSeconds: 10 });
    // 5 s until the early wake, then GitHub's 10 s every time.
    expect(waits.slice(0, 2)).toEqual([5000, 5000]);
    expect(new Set(waits.slice(2))).toEqual(new Set([10_000]));
  });
});
