// The Discord servers the admin manages, and the role mappings of each (both in config.json).
import { GitGuildError } from '../errors.js';
import type { ConfigFile } from './file-schemas.js';
import type { GuildsRepository, MappingsRepository } from './repositories.js';
import type { StoreFile } from './store-file.js';
import { GuildSchema, MappingSchema } from './types.js';
import type { Mapping, MappingInput } from './types.js';
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

const byOrder = (a: Mapping, b: Mapping): number =>
  a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createMappingsRepository(file: StoreFile<ConfigFile>): MappingsRepository {
  const store = (inputs: MappingInput[]): Promise<Mapping[]> => {
    const valid = inputs.map((m, i) =>
      validateInput(MappingSchema, m, inputs.length === 1 ? 'mapping' : `mapping ${i + 1}`),
    );
    return file.update((current) => {
      let mappings = current.mappings;
      for (const mapping of valid) {
        if (!current.guilds.some((g) => g.id === mapping.guildId)) {
          throw new GitGuildError(
            'not_found',
            `guild ${mapping.guildId} is not managed by GitGuild`,
            { hint: 'Add the guild before its mappings.' },
          );
        }
        mappings = mappings.some((m) => m.id === mapping.id)
          ? mappings.map((m) => (m.id === mapping.id ? mapping : m))
          : [...mappings, mapping];
      }
      return { next: { ...current, mappings }, result: valid.map((m) => structuredClone(m)) };
    });
  };
  return {
    list: (guildId) =>
      file.data.mappings
        .filter((m) => m.guildId === guildId)
        .sort(byOrder)
        .map((m) => structuredClone(m)),
    get: (id) => {
      const mapping = file.data.mappings.find((m) => m.id === id);
      return mapping && structuredClone(mapping);
    },
    upsert: async (input) => (await store([input]))[0]!,
    upsertMany: (inputs) => store(inputs),
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
