// The migration chain of every store file. Add a step as `<file>/NNN-name.ts` and bump the version.
import type { StoreFileKind } from '../types.js';
import { settingsObject } from './config/001-settings-object.js';
import { roleEngine } from './config/002-role-engine.js';
import { repoIds } from './contributions/001-repo-ids.js';
import { syncRunsV2 } from './history/001-sync-runs-v2.js';
import type { Migration } from './migration.js';

export const CURRENT_VERSION = {
  config: 3,
  links: 1,
  history: 2,
  contributions: 2,
} as const satisfies Record<StoreFileKind, number>;

export const MIGRATIONS: Record<StoreFileKind, readonly Migration[]> = {
  config: [settingsObject, roleEngine],
  links: [],
  history: [syncRunsV2],
  contributions: [repoIds],
};
