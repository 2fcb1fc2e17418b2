// The bot invite asks for exactly the permissions the table lists, and badges follow Discord's bits.
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  BOT_PERMISSIONS,
  botInviteUrl,
  botPermissionsInteger,
} from '../../../src-main/oauth/bot-invite.js';
import { guildBadge } from '../../../src-main/oauth/discord-accounts.js';

describe('bot invite', () => {
  it('computes the permission integer from what the bot does, and nothing else', () => {
    const expected =
      PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.EmbedLinks |
      PermissionFlagsBits.AttachFiles |
      PermissionFlagsBits.ReadMessageHistory |
      PermissionFlagsBits.ManageRoles |
      PermissionFlagsBits.ManageChannels |
      PermissionFlagsBits.Connect;
    expect(botPermissionsInteger()).toBe(expected.toString());
    expect(botPermissionsInteger()).toBe('269601808');
    const bits = BigInt(botPermissionsInteger());
    expect(bits & PermissionFlagsBits.Administrator).toBe(0n);
    expect(bits & PermissionFlagsBits.ManageGuild).toBe(0n);
    expect(new Set(BOT_PERMISSIONS.map((p) => p.name)).size).toBe(BOT_PERMISSIONS.length);
  });

  it('builds the invite on Discord web host with bot + applications.commands, preselecting a guild', () => {
    const url = new URL(
      botInviteUrl({ discordApiBaseUrl: 'https://discord.com/api', discordClientId: '42' }, '99')!,
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://discord.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '42',
      scope: 'bot applications.commands',
      permissions: botPermissionsInteger(),
      guild_id: '99',
      disable_guild_select: 'true',
    });
    expect(
      botInviteUrl({ discordApiBaseUrl: 'https://discord.com/api', discordClientId: '' }),
    ).toBeNull();
  });
});

describe('guild badges', () => {
  it('ranks owner over Administrator over Manage Server, from the permission bits', () => {
    const bits = (...flags: bigint[]) => flags.reduce((a, b) => a | b, 0n).toString();
    expect(guildBadge({ owner: true, permissions: '0' })).toBe('owner');
    expect(guildBadge({ owner: false, permissions: bits(PermissionFlagsBits.Administrator) })).toBe(
      'administrator',
    );
    expect(
      guildBadge({
        permissions: bits(PermissionFlagsBits.ManageGuild, PermissionFlagsBits.KickMembers),
      }),
    ).toBe('manage_server');
    expect(
      guildBadge({
        permissions: bits(PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageRoles),
      }),
    ).toBeNull();
    expect(guildBadge({ permissions: 'garbage' })).toBeNull();
  });
});
