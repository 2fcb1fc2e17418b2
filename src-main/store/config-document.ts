// Export and import of the configuration (settings, guilds, mappings) as one JSON document.
// Import validates everything before changing anything, names the bad field, accepts documents
// from older versions through the same migrations as config.json, and never carries secrets:
// the schema is strict, so a stray "githubToken" is rejected rather than stored.
//
// A shared or downloaded document must not redirect tokens: if it changes a network peer (any
// URL-valued setting) nothing is imported until the admin confirms those addresses, or chooses
// to import without them. Peers must be https, or plain http to a loopback address.
import { GitGuildError } from '../errors.js';
import type { ConfigFile } from './file-schemas.js';
import { describeIssues, formatPath } from './issue-path.js';
import { applyMigrations, isJsonObject } from './migrations/migration.js';
import { CURRENT_VERSION, MIGRATIONS } from './migrations/index.js';
import {
  keepCurrentPeers,
  networkPeerChanges,
  peerTransportIssues,
  type NetworkPeerChange,
} from './network-peers.js';
import type { StoreFile } from './store-file.js';
import { ConfigDocumentSchema, SETTINGS_PEER_PATHS } from './types.js';
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
  const peerIssue = peerTransportIssues(SETTINGS_PEER_PATHS, doc.settings)[0];
  if (peerIssue)
    throw invalid(`${formatPath(['settings', ...peerIssue.path])}: ${peerIssue.message}`);
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

/** What the import does with network peers the document changes. */
export type NetworkPeerDecision = 'ask' | 'apply' | 'keep';

export interface ConfigImportOutcome {
  imported: boolean;
  networkPeers: {
    /** `needs_confirmation`: nothing was imported because the document changes peers. */
    status: 'unchanged' | 'needs_confirmation' | 'applied' | 'kept';
    changes: NetworkPeerChange[];
  };
  /** What the document changes (or would change) besides the peers. */
  changes: {
    settings: string[];
    guilds: { current: number; proposed: number };
    mappings: { current: number; proposed: number };
  };
  /** One paragraph for the admin: what happened and, when nothing did, why and what to do. */
  message: string;
}

function describePeers(changes: readonly NetworkPeerChange[]): string {
  return changes.map((c) => `${c.setting}: ${c.current} → ${c.proposed}`).join('; ');
}

function changedSettings(current: ConfigFile['settings'], proposed: ConfigFile['settings']) {
  const peers = new Set(SETTINGS_PEER_PATHS.map((p) => p[0]));
  return Object.keys(proposed).filter(
    (key) =>
      !peers.has(key) &&
      JSON.stringify(current[key as keyof typeof current]) !==
        JSON.stringify(proposed[key as keyof typeof proposed]),
  );
}

export async function importConfig(
  file: StoreFile<ConfigFile>,
  raw: unknown,
  networkPeers: NetworkPeerDecision = 'ask',
): Promise<ConfigImportOutcome> {
  let next: ConfigFile;
  try {
    next = parseConfigDocument(raw);
  } catch (error) {
    if (error instanceof GitGuildError && error.identifier === 'store_corrupt')
      throw invalid(error.message);
    throw error;
  }
  // Decided inside the write queue, against the settings the import would replace.
  return file.update<ConfigImportOutcome>((current) => {
    const peerChanges = networkPeerChanges(SETTINGS_PEER_PATHS, current.settings, next.settings);
    const changes = {
      settings: changedSettings(current.settings, next.settings),
      guilds: { current: current.guilds.length, proposed: next.guilds.length },
      mappings: { current: current.mappings.length, proposed: next.mappings.length },
    };
    if (peerChanges.length > 0 && networkPeers === 'ask') {
      return {
        next: current,
        result: {
          imported: false,
          networkPeers: { status: 'needs_confirmation', changes: peerChanges },
          changes,
          message:
            `Nothing was imported: this document changes where GitGuild sends its tokens ` +
            `(${describePeers(peerChanges)}). A shared or downloaded configuration could point ` +
            `them at someone else's server. Import again confirming these addresses if you ` +
            `trust them, or import without them to keep the current ones.`,
        },
      };
    }
    const kept = peerChanges.length > 0 && networkPeers === 'keep';
    const applied = kept
      ? {
          ...next,
          settings: keepCurrentPeers(SETTINGS_PEER_PATHS, current.settings, next.settings),
        }
      : next;
    const status = peerChanges.length === 0 ? 'unchanged' : kept ? 'kept' : 'applied';
    const message =
      status === 'unchanged'
        ? 'Imported. Network addresses are unchanged.'
        : status === 'kept'
          ? `Imported without the document's network addresses; the current ones stay (${describePeers(peerChanges)} was left out).`
          : `Imported, including the confirmed network addresses (${describePeers(peerChanges)}).`;
    return {
      next: applied,
      result: {
        imported: true,
        networkPeers: { status, changes: peerChanges },
        changes,
        message,
      },
    };
  });
}
