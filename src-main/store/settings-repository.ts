// Settings live in config.json next to guilds and mappings: they change rarely and together.
import type { ConfigFile } from './file-schemas.js';
import type { SettingsRepository } from './repositories.js';
import type { StoreFile } from './store-file.js';
import { SettingsPatchSchema, SettingsSchema } from './types.js';
import type { Settings, SettingsPatch } from './types.js';
import { validateInput } from './validate-input.js';

export function createSettingsRepository(file: StoreFile<ConfigFile>): SettingsRepository {
  return {
    get: () => structuredClone(file.data.settings),
    update: async (patch: SettingsPatch) => {
      const valid = validateInput(SettingsPatchSchema, patch, 'settings patch');
      return file.update((current) => {
        const merged = {
          ...current.settings,
          ...valid,
          crawl: { ...current.settings.crawl, ...valid.crawl },
        };
        const settings: Settings = validateInput(SettingsSchema, merged, 'settings');
        return { next: { ...current, settings }, result: structuredClone(settings) };
      });
    },
  };
}
