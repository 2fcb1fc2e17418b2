// The seeded Discord guild: reproducible, with the role layout the sync rules must respect.
import { describe, expect, it } from 'vitest';
import { generateGuild } from '../../../sim/scenarios/guild.js';

const logins = Array.from({ length: 30 }, (_, i) => `dev${i}`);

describe('generateGuild', () => {
  it('gives the same guild for the same seed and a different one for another seed', () => {
    const a = generateGuild({ seed: 42, preset: 'demo', githubLogins: logins });
    const b = generateGuild({ seed: 42, preset: 'demo', githubLogins: logins });
    const c = generateGuild({ seed: 43, preset: 'demo', githubLogins: logins });
    expect(b).toEqual(a);
    expect(c.members.map((m) => m.user.username)).not.toEqual(
      a.members.map((m) => m.user.username),
    );
  });

  it('has about 40 demo members plus the bot, and 10,000 for the large preset', () => {
    expect(generateGuild({ seed: 1, preset: 'demo' }).members).toHaveLength(41);
    const large = generateGuild({ seed: 1, preset: 'large' });
    expect(large.members).toHaveLength(10_001);
    expect(new Set(large.members.map((m) => m.user.username)).size).toBe(10_001);
    expect(new Set(large.members.map((m) => m.user.id)).size).toBe(10_001);
  });

  it('places roles above the bot, an integration-managed role and tier roles below it', () => {
    const g = generateGuild({ seed: 5, preset: 'demo' });
    const position = (id: string) => g.roles.find((r) => r.id === id)?.position ?? -1;
    const bot = g.roles.find((r) => r.id === g.roleIds.bot);
    expect(bot).toMatchObject({ managed: true, tags: { bot_id: g.application.id } });
    expect(g.roles.find((r) => r.id === g.roleIds.everyone)).toMatchObject({
      name: '@everyone',
      position: 0,
    });
    for (const id of g.roleIds.aboveBot)
      expect(position(id)).toBeGreaterThan(position(g.roleIds.bot));
    for (const id of g.roleIds.tiers) expect(position(id)).toBeLessThan(position(g.roleIds.bot));
    expect(g.roles.find((r) => r.id === g.roleIds.integration)).toMatchObject({
      managed: true,
      tags: { integration_id: expect.any(String) },
    });
    expect(g.members.find((m) => m.user.id === g.application.id)?.roles).toEqual([g.roleIds.bot]);
    expect(new Set(g.roles.map((r) => r.position)).size).toBe(g.roles.length);
  });

  it('links some members to the given GitHub logins, never one login twice', () => {
    const g = generateGuild({ seed: 8, preset: 'demo', githubLogins: logins });
    expect(g.links.length).toBeGreaterThan(10);
    expect(g.links.length).toBeLessThan(logins.length);
    expect(new Set(g.links.map((l) => l.githubLogin)).size).toBe(g.links.length);
    const memberIds = new Set(g.members.map((m) => m.user.id));
    for (const link of g.links) expect(memberIds.has(link.discordUserId)).toBe(true);
    expect(generateGuild({ seed: 8, preset: 'demo' }).links).toEqual([]);
  });

  it('has a category, a text channel inside it and valid usernames', () => {
    const g = generateGuild({ seed: 3, preset: 'demo' });
    expect(g.channels.find((c) => c.id === g.channelIds.category)?.type).toBe(4);
    expect(g.channels.find((c) => c.id === g.channelIds.general)).toMatchObject({
      type: 0,
      parent_id: g.channelIds.category,
    });
    for (const m of g.members) expect(m.user.username).toMatch(/^[a-z0-9_.]{2,32}$/);
  });
});
