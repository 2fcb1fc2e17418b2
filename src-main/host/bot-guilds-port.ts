// The bot's view of the guilds GitGuild manages: the enabled guilds in config, each with its own
// GitHub org (the same one the role engine syncs from and voice stats count, so /getstats never
// shows tiers from an org the sync does not use) and the roles its mappings manage.
import type { GuildSettingsPort } from '../../src-bot/ports.js';
import type { GuildsRepository, MappingsRepository } from '../store/repositories.js';

export interface GuildsPortDeps {
  guilds: Pick<GuildsRepository, 'list'>;
  mappings: Pick<MappingsRepository, 'list'>;
}

export function createGuildsPort(deps: GuildsPortDeps): GuildSettingsPort {
  const enabled = () => deps.guilds.list().filter((g) => g.enabled);
  return {
    managedGuildIds: () => enabled().map((g) => g.id),
    forGuild(guildId) {
      const guild = deps.guilds.list().find((g) => g.id === guildId);
      if (!guild) return null;
      const roleIds = deps.mappings
        .list(guildId)
        .filter((m) => m.enabled)
        .map((m) => m.roleId);
      return {
        guildId,
        org: guild.org,
        auditChannelId: guild.auditChannelId,
        managedRoleIds: [...new Set(roleIds)],
      };
    },
  };
}
