// The migration chain of every store file. Add a step as `<file>/NNN-name.ts` and bump the version.
import type { StoreFileKind } from '../types.js';
import { settingsObject } from './config/001-settings-object.js';
import { repoIds } from './contributions/001-repo-ids.js';
import type { Migration } from './migration.js';

export const CURRENT_VERSION = {
  config: 2,
  links: 1,
  history: 1,
  contributions: 2,
} as const satisfies Record<StoreFileKind, number>;

export const MIGRATIONS: Record<StoreFileKind, readonly Migration[]> = {
  config: [settingsObject],
  links: [],
  history: [],
  contributions: [repoIds],
};
