// The Discord servers the admin manages, and the role mappings of each (both in config.json).
import { GitGuildError } from '../errors.js';
import type { ConfigFile } from './file-schemas.js';
import type { GuildsRepository, MappingsRepository } from './repositories.js';
import type { StoreFile } from './store-file.js';
import { GuildSchema, MappingSchema } from './types.js';
import { validateInput } from './validate-input.js';

export function createGuildsRepository(file: StoreFile<ConfigFile>): GuildsRepository {
  return {
    list: () => file.data.guilds.map((g) => ({ ...g })),
    get: (id) => {
      const guild = file.data.guilds.find((g) => g.id === id);
      return guild && { ...guild };
    },
    upsert: async (input) => {
      const guild = validateInput(GuildSchema, input, 'guild');
      return file.update((current) => {
        const others = current.guilds.filter((g) => g.id !== guild.id);
        const index = current.guilds.findIndex((g) => g.id === guild.id);
        const guilds =
          index === -1
            ? [...others, guild]
            : current.guilds.map((g) => (g.id === guild.id ? guild : g));
        return { next: { ...current, guilds }, result: { ...guild } };
      });
    },
    remove: (id) =>
      file.update((current) => {
        if (!current.guilds.some((g) => g.id === id)) return { next: current, result: false };
        return {
          next: {
            ...current,
            guilds: current.guilds.filter((g) => g.id !== id),
            mappings: current.mappings.filter((m) => m.guildId !== id),
          },
          result: true,
        };
      }),
  };
}

export function createMappingsRepository(file: StoreFile<ConfigFile>): MappingsRepository {
  return {
    list: (guildId) =>
      file.data.mappings.filter((m) => m.guildId === guildId).map((m) => structuredClone(m)),
    get: (id) => {
      const mapping = file.data.mappings.find((m) => m.id === id);
      return mapping && structuredClone(mapping);
    },
    upsert: async (input) => {
      const mapping = validateInput(MappingSchema, input, 'mapping');
      return file.update((current) => {
        if (!current.guilds.some((g) => g.id === mapping.guildId)) {
          throw new GitGuildError(
            'not_found',
            `guild ${mapping.guildId} is not managed by GitGuild`,
            { hint: 'Add the guild before its mappings.' },
          );
        }
        const exists = current.mappings.some((m) => m.id === mapping.id);
        const mappings = exists
          ? current.mappings.map((m) => (m.id === mapping.id ? mapping : m))
          : [...current.mappings, mapping];
        return { next: { ...current, mappings }, result: structuredClone(mapping) };
      });
    },
    remove: (id) =>
      file.update((current) => {
        if (!current.mappings.some((m) => m.id === id)) return { next: current, result: false };
        return {
          next: { ...current, mappings: current.mappings.filter((m) => m.id !== id) },
          result: true,
        };
      }),
  };
}
