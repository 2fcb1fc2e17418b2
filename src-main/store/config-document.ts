// Export and import of the configuration (settings, guilds, mappings) as one JSON document.
// Import validates everything before changing anything, names the bad field, accepts documents
// from older versions through the same migrations as config.json, and never carries secrets:
// the schema is strict, so a stray "githubToken" is rejected rather than stored.
import { GitGuildError } from '../errors.js';
import type { ConfigFile } from './file-schemas.js';
import { describeIssues } from './issue-path.js';
import { applyMigrations, isJsonObject } from './migrations/migration.js';
import { CURRENT_VERSION, MIGRATIONS } from './migrations/index.js';
import type { StoreFile } from './store-file.js';
import { ConfigDocumentSchema } from './types.js';
import type { ConfigDocument } from './types.js';

export const CONFIG_FORMAT = 'gitguild-config';

export function exportConfig(file: StoreFile<ConfigFile>, now: () => Date): ConfigDocument {
  const { settings, guilds, mappings } = structuredClone(file.data);
  return {
    format: CONFIG_FORMAT,
    schemaVersion: CURRENT_VERSION.config,
    exportedAt: now().toISOString(),
    settings,
    guilds,
    mappings,
  };
}

function invalid(message: string): GitGuildError {
  return new GitGuildError('invalid_input', `invalid configuration: ${message}`);
}

/** Validates a document at any known version; returns the config.json content it stands for. */
export function parseConfigDocument(raw: unknown): ConfigFile {
  if (!isJsonObject(raw)) throw invalid('(document): must be a JSON object');
  if (raw['format'] !== CONFIG_FORMAT) throw invalid(`format: must be "${CONFIG_FORMAT}"`);
  const { format: _format, exportedAt, ...body } = raw;
  // Older documents go through the same migrations as config.json; store_too_new propagates.
  const migrated = applyMigrations(
    'imported configuration',
    body,
    MIGRATIONS.config,
    CURRENT_VERSION.config,
  );
  const result = ConfigDocumentSchema.safeParse({
    ...migrated.doc,
    format: CONFIG_FORMAT,
    exportedAt: exportedAt ?? '',
  });
  if (!result.success) throw invalid(describeIssues(result.error));
  const doc = result.data;
  const guildIds = new Set<string>();
  doc.guilds.forEach((g, i) => {
    if (guildIds.has(g.id)) throw invalid(`guilds[${i}].id: duplicate guild id ${g.id}`);
    guildIds.add(g.id);
  });
  const mappingIds = new Set<string>();
  doc.mappings.forEach((m, i) => {
    if (mappingIds.has(m.id)) throw invalid(`mappings[${i}].id: duplicate mapping id ${m.id}`);
    if (!guildIds.has(m.guildId))
      throw invalid(`mappings[${i}].guildId: no guild with id ${m.guildId} in this document`);
    mappingIds.add(m.id);
  });
  return {
    schemaVersion: CURRENT_VERSION.config,
    settings: doc.settings,
    guilds: doc.guilds,
    mappings: doc.mappings,
  };
}

export async function importConfig(file: StoreFile<ConfigFile>, raw: unknown): Promise<void> {
  let next: ConfigFile;
  try {
    next = parseConfigDocument(raw);
  } catch (error) {
    if (error instanceof GitGuildError && error.identifier === 'store_corrupt')
      throw invalid(error.message);
    throw error;
  }
  await file.update(() => ({ next, result: undefined }));
}
