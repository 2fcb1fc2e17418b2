// The bot's view of the guilds GitGuild manages: the enabled guilds in config, each with its org
// (the guild's own once the Guild schema carries one, else the first configured org) and the
// roles its mappings manage. Kept small on purpose: the sync branch reshapes the Guild schema.
import type { GuildSettingsPort } from '../../src-bot/ports.js';
import type {
  GuildsRepository,
  MappingsRepository,
  SettingsRepository,
} from '../store/repositories.js';

export interface GuildsPortDeps {
  guilds: Pick<GuildsRepository, 'list'>;
  mappings: Pick<MappingsRepository, 'list'>;
  settings: Pick<SettingsRepository, 'get'>;
}

/** Fields a later Guild schema may add; read defensively so this adapter survives the reshape. */
function optionalString(guild: object, key: string): string | null {
  const value = (guild as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : null;
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
        org: optionalString(guild, 'org') ?? deps.settings.get().githubOrgs[0] ?? null,
        auditChannelId: optionalString(guild, 'auditChannelId'),
        managedRoleIds: [...new Set(roleIds)],
      };
    },
  };
}
