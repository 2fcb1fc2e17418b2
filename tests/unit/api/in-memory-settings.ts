// A SettingsRepository held in memory, for unit tests only; product code uses the store.
import type { SettingsRepository } from '../../../src-main/store/repositories.js';
import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../src-main/store/types.js';

export function inMemorySettings(
  initial: Settings = DEFAULT_SETTINGS,
): SettingsRepository & { writes: number } {
  let current = structuredClone(initial);
  const repo = {
    writes: 0,
    get: () => structuredClone(current),
    update: async (patch: SettingsPatch) => {
      const { crawl, ...rest } = patch;
      current = SettingsSchema.parse({
        ...current,
        ...rest,
        crawl: { ...current.crawl, ...crawl },
      });
      repo.writes += 1;
      return structuredClone(current);
    },
  };
  return repo;
}
