// /check_permissions (admin): each permission GitGuild needs, PASS or FAIL with what it is for,
// and role-hierarchy problems with the fix. Reads only the bot's cache: no Discord calls.
import { EmbedBuilder, PermissionFlagsBits, roleMention, type Guild } from 'discord.js';
import { COLORS, clip } from '../format.js';
import { CommandError } from '../interaction/command-error.js';
import type { GuildBotSettings } from '../ports.js';
import { adminCommand } from './builder.js';
import { defineCommand } from './types.js';

export const REQUIRED_PERMISSIONS = [
  {
    flag: PermissionFlagsBits.ViewChannel,
    name: 'View Channels',
    why: 'see the server and its channels',
  },
  {
    flag: PermissionFlagsBits.ManageRoles,
    name: 'Manage Roles',
    why: 'give and take the tier roles',
  },
  {
    flag: PermissionFlagsBits.ManageChannels,
    name: 'Manage Channels',
    why: 'create and rename the voice stats channels',
  },
  {
    flag: PermissionFlagsBits.Connect,
    name: 'Connect',
    why: 'lock the voice stats channels so nobody joins them',
  },
  {
    flag: PermissionFlagsBits.SendMessages,
    name: 'Send Messages',
    why: 'post role changes in the audit channel',
  },
  {
    flag: PermissionFlagsBits.EmbedLinks,
    name: 'Embed Links',
    why: 'post those changes as embeds',
  },
  {
    flag: PermissionFlagsBits.AttachFiles,
    name: 'Attach Files',
    why: 'attach charts to audit posts',
  },
] as const;

export function hierarchyProblems(guild: Guild, settings: GuildBotSettings): string[] {
  const me = guild.members.me;
  if (!me) return ['GitGuild cannot see its own member in this server yet; try again in a minute.'];
  const top = me.roles.highest;
  const problems: string[] = [];
  for (const roleId of new Set(settings.managedRoleIds ?? [])) {
    const role = guild.roles.cache.get(roleId);
    if (!role) {
      problems.push(
        `A role mapping uses role \`${roleId}\`, which no longer exists. Fix: pick another role for that mapping in GitGuild.`,
      );
    } else if (role.id === guild.id) {
      problems.push(
        'A role mapping uses @everyone, which nobody can be given. Fix: pick a real role in GitGuild.',
      );
    } else if (role.managed) {
      problems.push(
        `${roleMention(role.id)} is managed by an integration, so no bot can give it. Fix: map that tier to a normal role.`,
      );
    } else if (role.comparePositionTo(top) >= 0) {
      problems.push(
        `${roleMention(role.id)} is at or above GitGuild's highest role ${roleMention(top.id)}, so GitGuild cannot give or take it. Fix: in Server Settings → Roles, drag **${top.name}** above **${role.name}**.`,
      );
    }
  }
  return problems;
}

export const checkPermissions = defineCommand({
  data: adminCommand(
    'check_permissions',
    'Check the permissions and role order GitGuild needs',
  ).toJSON(),
  preconditions: ['admin'],
  ephemeral: true,
  defer: false,
  parse: () => undefined,
  async run(ctx) {
    const guild = ctx.interaction.guild;
    const me = guild.members.me;
    if (!me)
      throw new CommandError(
        'not_in_guild',
        'GitGuild cannot see its own member in this server yet; try again in a minute.',
      );
    const granted = me.permissions;
    const lines = REQUIRED_PERMISSIONS.map((p) =>
      granted.has(p.flag)
        ? `✅ **PASS** ${p.name}: to ${p.why}`
        : `❌ **FAIL** ${p.name}: needed to ${p.why}. Fix: Server Settings → Roles → **${me.roles.highest.name}** → turn on **${p.name}**.`,
    );
    const failed = REQUIRED_PERMISSIONS.filter((p) => !granted.has(p.flag)).length;
    const problems = hierarchyProblems(guild, ctx.guild);
    const audit = ctx.guild.auditChannelId
      ? guild.channels.cache.get(ctx.guild.auditChannelId)
      : null;
    if (ctx.guild.auditChannelId && !audit)
      problems.push(
        'The audit channel set in GitGuild no longer exists. Fix: pick another one in GitGuild.',
      );
    if (
      audit &&
      !me
        .permissionsIn(audit)
        .has([
          PermissionFlagsBits.ViewChannel,
          PermissionFlagsBits.SendMessages,
          PermissionFlagsBits.EmbedLinks,
        ])
    )
      problems.push(
        `GitGuild cannot post embeds in <#${audit.id}>, the audit channel. Fix: allow View Channel, Send Messages and Embed Links for **${me.roles.highest.name}** there.`,
      );
    const total = failed + problems.length;
    const embed = new EmbedBuilder()
      .setColor(total === 0 ? COLORS.success : COLORS.error)
      .setTitle(
        total === 0
          ? 'Permission check: all good'
          : `Permission check: ${total} problem${total === 1 ? '' : 's'}`,
      )
      .addFields({ name: 'Permissions', value: clip(lines.join('\n'), 1024) })
      .addFields({
        name: 'Role hierarchy',
        value: clip(
          problems.length > 0
            ? problems.map((p) => `❌ ${p}`).join('\n')
            : (ctx.guild.managedRoleIds ?? []).length > 0
              ? `✅ **PASS** GitGuild's role ${roleMention(me.roles.highest.id)} is above every role it manages.`
              : 'No role mappings yet, so there is nothing to check. Add some in GitGuild (Guilds → this server → Mappings).',
          1024,
        ),
      });
    return { embeds: [embed] };
  },
});
