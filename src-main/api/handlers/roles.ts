// guilds.* and mappings.*: the admin's guild settings and role mappings, with the bot's view of
// each guild (roles, channels) merged in, and presets that can create their roles on Discord.
import { randomBytes } from 'node:crypto';
import type { BotGuildInfo, EnsuredRoles } from '../../../src-bot/sync/guild-directory.js';
import { GitGuildError } from '../../errors.js';
import { PRESETS, presetMappingId } from '../../roles/presets.js';
import type { GuildsRepository, MappingsRepository } from '../../store/repositories.js';
import { GuildSchema, type AuditEntry, type Guild } from '../../store/types.js';
import type { GuildView } from '../methods/sync.js';
import type { HandlersFor } from '../handler-types.js';
import { actorOf } from '../caller.js';

export interface RolesHandlerDeps {
  guilds: GuildsRepository;
  mappings: MappingsRepository;
  /** The guilds the bot is in, from its cache; empty while it is not connected. */
  botGuilds: () => BotGuildInfo[];
  ensureRoles: (
    guildId: string,
    wanted: { name: string; color: number }[],
    create: boolean,
  ) => Promise<EnsuredRoles>;
  /** Guild settings or mappings changed: the scheduler reconciles its jobs. */
  onChanged: () => void;
  audit: (entry: Omit<AuditEntry, 'at'>) => Promise<void>;
}

type Methods =
  | 'guilds.list'
  | 'guilds.update'
  | 'mappings.list'
  | 'mappings.create'
  | 'mappings.update'
  | 'mappings.delete'
  | 'mappings.reorder'
  | 'mappings.presets'
  | 'mappings.applyPreset';

export function rolesHandlers(deps: RolesHandlerDeps): HandlersFor<Methods> {
  const view = (guild: Guild | undefined, bot: BotGuildInfo | undefined): GuildView => {
    const base = guild ?? GuildSchema.parse({ id: bot!.id, name: bot!.name, enabled: false });
    return {
      ...structuredClone(base),
      configured: guild !== undefined,
      botPresent: bot !== undefined,
      memberCount: bot?.memberCount ?? null,
      roles: bot?.roles.map((r) => ({ ...r })) ?? [],
      textChannels: bot?.textChannels.map((c) => ({ ...c })) ?? [],
    };
  };
  const requireGuild = (guildId: string): Guild => {
    const guild = deps.guilds.get(guildId);
    if (!guild)
      throw new GitGuildError('not_found', `Guild ${guildId} is not managed by GitGuild.`, {
        hint: 'Turn it on under Guilds first (guilds.update).',
      });
    return guild;
  };
  const nextOrder = (guildId: string): number =>
    Math.max(-1, ...deps.mappings.list(guildId).map((m) => m.order)) + 1;

  return {
    'guilds.list': async () => {
      const bots = new Map(deps.botGuilds().map((g) => [g.id, g]));
      const configured = deps.guilds.list();
      const ids = [...new Set([...configured.map((g) => g.id), ...bots.keys()])];
      return {
        guilds: ids.map((id) =>
          view(
            configured.find((g) => g.id === id),
            bots.get(id),
          ),
        ),
      };
    },
    'guilds.update': async ({ id, ...patch }, { caller }) => {
      const existing = deps.guilds.get(id);
      const bot = deps.botGuilds().find((g) => g.id === id);
      if (!existing && !bot && patch.name === undefined)
        throw new GitGuildError('not_found', `The bot is not in guild ${id}.`, {
          hint: 'Invite the bot to the server first, or give a name to configure it ahead of time.',
        });
      const saved = await deps.guilds.upsert({
        ...(existing ?? { id, name: bot?.name ?? patch.name!, enabled: true }),
        ...patch,
      });
      await deps.audit({
        actor: actorOf(caller),
        action: existing ? 'guild.update' : 'guild.add',
        target: id,
      });
      deps.onChanged();
      return view(saved, bot);
    },
    'mappings.list': async ({ guildId }) => ({ mappings: deps.mappings.list(guildId) }),
    'mappings.create': async ({ guildId, ...draft }, { caller }) => {
      requireGuild(guildId);
      const mapping = await deps.mappings.upsert({
        ...draft,
        id: `m-${randomBytes(6).toString('hex')}`,
        guildId,
        order: draft.order ?? nextOrder(guildId),
      });
      await deps.audit({
        actor: actorOf(caller),
        action: 'mapping.create',
        target: mapping.id,
        guildId,
      });
      deps.onChanged();
      return mapping;
    },
    'mappings.update': async ({ id, ...patch }, { caller }) => {
      const existing = deps.mappings.get(id);
      if (!existing) throw new GitGuildError('not_found', `No mapping ${id}.`);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const mapping = await deps.mappings.upsert({ ...existing, ...defined });
      await deps.audit({
        actor: actorOf(caller),
        action: 'mapping.update',
        target: id,
        guildId: mapping.guildId,
      });
      deps.onChanged();
      return mapping;
    },
    'mappings.delete': async ({ id }, { caller }) => {
      const existing = deps.mappings.get(id);
      const deleted = await deps.mappings.remove(id);
      if (deleted && existing)
        await deps.audit({
          actor: actorOf(caller),
          action: 'mapping.delete',
          target: id,
          guildId: existing.guildId,
        });
      deps.onChanged();
      return { deleted };
    },
    'mappings.reorder': async ({ guildId, ids }, { caller }) => {
      const current = deps.mappings.list(guildId);
      const known = new Set(current.map((m) => m.id));
      if (
        ids.length !== known.size ||
        ids.some((id) => !known.has(id)) ||
        new Set(ids).size !== ids.length
      )
        throw new GitGuildError(
          'invalid_input',
          'ids must list every mapping of the guild exactly once.',
          {
            hint: `The guild has ${known.size} mapping(s).`,
          },
        );
      await deps.mappings.upsertMany(
        ids.map((id, order) => ({ ...current.find((m) => m.id === id)!, order })),
      );
      await deps.audit({ actor: actorOf(caller), action: 'mapping.reorder', guildId });
      return { mappings: deps.mappings.list(guildId) };
    },
    'mappings.presets': async () => ({
      presets: Object.values(PRESETS).map((p) => ({
        id: p.id,
        title: p.title,
        description: p.description,
        roles: p.roles.map((r) => ({
          name: r.name,
          color: r.color,
          group: r.group,
          condition: structuredClone(r.condition),
        })),
      })),
    }),
    'mappings.applyPreset': async (
      { guildId, preset: presetId, createMissingRoles },
      { caller },
    ) => {
      requireGuild(guildId);
      const preset = PRESETS[presetId];
      const roles = await deps.ensureRoles(
        guildId,
        preset.roles.map((r) => ({ name: r.name, color: r.color })),
        createMissingRoles,
      );
      const start = nextOrder(guildId);
      const existing = new Map(deps.mappings.list(guildId).map((m) => [m.id, m]));
      const inputs = preset.roles.flatMap((r, i) => {
        const roleId = roles.ids.get(r.name);
        if (!roleId) return [];
        const id = presetMappingId(presetId, r.key, guildId);
        const before = existing.get(id);
        return [
          {
            id,
            guildId,
            roleId,
            label: r.name,
            enabled: before?.enabled ?? true,
            order: before?.order ?? start + i,
            group: r.group,
            condition: structuredClone(r.condition),
            graceDays: before?.graceDays ?? null,
          },
        ];
      });
      const mappings = await deps.mappings.upsertMany(inputs);
      await deps.audit({
        actor: actorOf(caller),
        action: 'mapping.preset',
        target: presetId,
        guildId,
        detail: { mappings: mappings.length, rolesCreated: roles.created.length },
      });
      deps.onChanged();
      return { mappings, createdRoles: roles.created, missingRoles: roles.missing };
    },
  };
}
