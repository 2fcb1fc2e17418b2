// Opens the data directory: four kinds of file (config, links, contributions, history), each
// versioned, migrated on open, written atomically, and refused rather than overwritten when bad.
// Everything outside src-main/store uses the `Store` returned here, never the files or lowdb.
import { mkdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { z } from 'zod';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { removeStaleTempFiles } from './atomic-file.js';
import { DailyBackups } from './backups.js';
import type { BackedUpKind } from './backups.js';
import {
  exportConfig,
  importConfig,
  type ConfigImportOutcome,
  type NetworkPeerDecision,
} from './config-document.js';
import { ContributionsStore } from './contributions/contributions-repository.js';
import { ConfigFileSchema, HistoryFileSchema, LinksFileSchema } from './file-schemas.js';
import type { ConfigFile, HistoryFile, LinksFile } from './file-schemas.js';
import { createGuildsRepository, createMappingsRepository } from './guilds-repository.js';
import { createHistoryRepository } from './history-repository.js';
import type { HistoryLimits } from './history-repository.js';
import { createLinksRepository } from './links-repository.js';
import { CURRENT_VERSION } from './migrations/index.js';
import type {
  ContributionsRepository,
  GuildsRepository,
  HistoryRepository,
  LinksRepository,
  MappingsRepository,
  SettingsRepository,
} from './repositories.js';
import { createSettingsRepository } from './settings-repository.js';
import { StoreFile } from './store-file.js';
import { nodeStoreFs, type StoreFs, type StoreIo, type StoreIoProblem } from './store-io.js';
import { DEFAULT_SETTINGS, STORE_FILES } from './types.js';
import type { ConfigDocument, StoreFileKind, StoreProblem } from './types.js';

export type { StoreProblem } from './types.js';
export { publicStoreProblem } from './problem-summary.js';
export type { ConfigImportOutcome, NetworkPeerDecision } from './config-document.js';
export type StoreStatus = { ok: true } | { ok: false; problems: StoreProblem[] };

export interface Store {
  /** Current health; recomputed after a restore or discard. */
  readonly status: StoreStatus;
  readonly dataDir: string;
  settings: SettingsRepository;
  guilds: GuildsRepository;
  mappings: MappingsRepository;
  links: LinksRepository;
  contributions: ContributionsRepository;
  history: HistoryRepository;
  exportConfig(): ConfigDocument;
  /**
   * Replaces guilds, mappings and settings; rejects with `invalid_input` naming the bad field.
   * A document that changes network peers is imported only with `apply` or `keep` (see
   * config-document.ts); with `ask` (the default) nothing changes and the outcome says why.
   */
  importConfig(raw: unknown, networkPeers?: NetworkPeerDecision): Promise<ConfigImportOutcome>;
  /** Backup file names of config or links, newest first. */
  listBackups(kind: BackedUpKind): Promise<string[]>;
  /** Restores a backup over the file, keeping the present file as `<name>.corrupt-<time>` (or `.replaced-`). */
  restoreBackup(kind: BackedUpKind, backupName: string): Promise<void>;
  /** Sets refused files of a kind aside (`.corrupt-<time>`) and starts them empty; contributions re-crawl. */
  discardCorrupt(kind: StoreFileKind): Promise<void>;
  /** Waits for every queued write. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  dataDir: string;
  logger: Logger;
  /** How many daily backups of config and links to keep. */
  backupDays?: number;
  now?: () => Date;
  historyLimits?: HistoryLimits;
  /** The file-system seam; tests inject failing fsyncs or readdirs here. Node's fs by default. */
  fs?: StoreFs;
}

/** One JSON object per line: compact, yet diffs and a human reading it see one link per line. */
function serializeLinks(data: LinksFile): string {
  return `{"schemaVersion":${data.schemaVersion},"links":[\n${data.links.map((l) => JSON.stringify(l)).join(',\n')}\n]}\n`;
}

function stampOf(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { dataDir } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger.child('store');
  if (
    options.backupDays !== undefined &&
    (!Number.isInteger(options.backupDays) || options.backupDays < 1)
  ) {
    throw new GitGuildError(
      'invalid_input',
      `backupDays must be a positive integer, got ${options.backupDays}`,
    );
  }
  // Failures underneath a completed operation (a directory fsync after a rename, a folder that
  // cannot be listed) become store problems here; they stay until GitGuild restarts.
  const ioProblems = new Map<string, StoreProblem>();
  const io: StoreIo = {
    fs: options.fs ?? nodeStoreFs,
    report: (problem) => {
      const key = `${problem.identifier}:${problem.path}`;
      if (ioProblems.has(key)) return;
      const stored = ioStoreProblem(dataDir, problem);
      ioProblems.set(key, stored);
      logger.error('store problem', {
        identifier: stored.identifier,
        kind: stored.kind,
        path: problem.path,
        code: problem.code,
      });
    },
  };
  const backups = new DailyBackups(join(dataDir, 'backups'), options.backupDays ?? 7, now, io);
  await mkdir(backups.dir, { recursive: true });
  await removeStaleTempFiles(dataDir);
  await removeStaleTempFiles(backups.dir);

  const configPath = join(dataDir, 'config.json');
  const linksPath = join(dataDir, 'links.json');
  const config = new StoreFile<ConfigFile>({
    kind: 'config',
    path: configPath,
    schema: ConfigFileSchema,
    initial: () => ({
      schemaVersion: CURRENT_VERSION.config,
      settings: structuredClone(DEFAULT_SETTINGS),
      guilds: [],
      mappings: [],
    }),
    logger,
    io,
    beforeWrite: () => backups.ensureToday('config', configPath),
  });
  const links = new StoreFile<LinksFile>({
    kind: 'links',
    path: linksPath,
    schema: LinksFileSchema,
    initial: () => ({ schemaVersion: CURRENT_VERSION.links, links: [] }),
    serialize: serializeLinks,
    logger,
    io,
    beforeWrite: () => backups.ensureToday('links', linksPath),
  });
  const history = new StoreFile<HistoryFile>({
    kind: 'history',
    path: join(dataDir, 'history.json'),
    schema: HistoryFileSchema,
    initial: () => ({ schemaVersion: CURRENT_VERSION.history, syncRuns: [], audit: [] }),
    serialize: (data) => JSON.stringify(data),
    logger,
    io,
  });
  const contributions = new ContributionsStore(join(dataDir, 'contributions'), logger, io);

  const backedUp: Record<BackedUpKind, StoreFile<ConfigFile> | StoreFile<LinksFile>> = {
    config,
    links,
  };
  // Widened to unknown: callers only need "does this parse" and hand the data back to its own file.
  const schemas: Record<BackedUpKind, z.ZodType<unknown>> = {
    config: ConfigFileSchema,
    links: LinksFileSchema,
  };
  let problems: StoreProblem[] = [];

  async function loadAll(): Promise<void> {
    await Promise.all([config.load(), links.load(), history.load(), contributions.load()]);
    // A good file gets today's backup now, so even a day without writes has a restore point.
    for (const kind of ['config', 'links'] as const) {
      if (!backedUp[kind].refused) await backups.ensureToday(kind, backedUp[kind].path);
    }
    await refreshProblems();
  }

  async function refreshProblems(): Promise<void> {
    const files: StoreFile<unknown>[] = [
      config,
      links,
      history,
      ...contributions.files(),
    ] as StoreFile<unknown>[];
    const next: StoreProblem[] = [];
    for (const file of files) {
      const refused = file.refused;
      if (!refused) continue;
      const kind = file.kind;
      const newestGoodBackup =
        kind === 'config' || kind === 'links'
          ? await backups.newestGood(kind, schemas[kind])
          : null;
      next.push({
        identifier: refused.identifier,
        kind,
        file: file.path,
        message: refused.message,
        newestGoodBackup,
        hint: problemHint(kind, refused.identifier, newestGoodBackup),
      });
    }
    problems = next;
  }

  await loadAll();
  if (problems.length > 0)
    logger.error('store opened with problems', { problems: problems.map((p) => p.message) });

  return {
    get status(): StoreStatus {
      const all = [...problems, ...ioProblems.values()];
      return all.length === 0 ? { ok: true } : { ok: false, problems: all.map((p) => ({ ...p })) };
    },
    dataDir,
    settings: createSettingsRepository(config),
    guilds: createGuildsRepository(config),
    mappings: createMappingsRepository(config),
    links: createLinksRepository(links, now),
    contributions,
    history: createHistoryRepository(history, now, options.historyLimits),
    exportConfig: () => exportConfig(config, now),
    importConfig: (raw, networkPeers) => importConfig(config, raw, networkPeers),
    listBackups: (kind) => backups.list(assertBackedUpKind(kind)),
    async restoreBackup(kind, backupName) {
      assertBackedUpKind(kind);
      const parsed = await backups.read(kind, backupName, schemas[kind]);
      if (!parsed) {
        throw new GitGuildError(
          'not_found',
          `no ${kind} backup named ${JSON.stringify(backupName)}`,
          {
            hint: `Available: ${(await backups.list(kind)).join(', ') || 'none'}`,
          },
        );
      }
      if (!parsed.ok)
        throw new GitGuildError(
          parsed.identifier,
          `backup ${backupName} cannot be restored: ${parsed.message}`,
        );
      // The union of the two file types is narrowed by `kind`; TypeScript cannot correlate them.
      await (backedUp[kind] as StoreFile<unknown>).replaceWith(parsed.data, stampOf(now()));
      logger.warn('store backup restored', { kind, backup: backupName });
      await refreshProblems();
    },
    async discardCorrupt(kind) {
      if (!STORE_FILES.includes(kind))
        throw new GitGuildError('invalid_input', `unknown store file kind ${JSON.stringify(kind)}`);
      const all = [config, links, history, ...contributions.files()] as StoreFile<unknown>[];
      for (const file of all.filter((f) => f.kind === kind && f.refused))
        await file.discard(stampOf(now()));
      await refreshProblems();
    },
    async close() {
      await Promise.all([
        config.settle(),
        links.settle(),
        history.settle(),
        contributions.settle(),
      ]);
    },
  };
}

function assertBackedUpKind(kind: string): BackedUpKind {
  if (kind !== 'config' && kind !== 'links') {
    throw new GitGuildError(
      'invalid_input',
      `only config and links have backups, not ${JSON.stringify(kind)}`,
    );
  }
  return kind;
}

function problemHint(
  kind: StoreFileKind,
  identifier: StoreProblem['identifier'],
  backup: string | null,
): string {
  if (identifier === 'store_too_new')
    return 'This file was written by a newer GitGuild. Run that version, or restore a backup made by this one.';
  if (backup)
    return `Restore the backup ${backup}; the damaged file is kept beside it as .corrupt-<time>.`;
  if (kind === 'contributions')
    return 'Discard the damaged file; its repository is crawled again on the next run.';
  return 'No good backup exists. Discard the damaged file to start it empty (it is kept as .corrupt-<time>), or repair it by hand.';
}

const FOLDER_KIND: readonly [RegExp, StoreFileKind][] = [
  [/^contributions(\/|$)/, 'contributions'],
  [/^history/, 'history'],
  [/^links|^backups\/links/, 'links'],
];

/** Which kind of data a path under the data directory holds; the data directory itself counts as config. */
function kindOfPath(dataDir: string, path: string): StoreFileKind {
  const rel = relative(dataDir, path).split(sep).join('/');
  return FOLDER_KIND.find(([pattern]) => pattern.test(rel))?.[1] ?? 'config';
}

function ioStoreProblem(dataDir: string, problem: StoreIoProblem): StoreProblem {
  const kind = kindOfPath(dataDir, problem.path);
  if (problem.identifier === 'store_unreadable') {
    return {
      identifier: 'store_unreadable',
      kind,
      file: problem.path,
      message: `The folder ${problem.path} cannot be read (${problem.code}), so the ${kind} data in it was not loaded.`,
      newestGoodBackup: null,
      hint: 'Give the user running GitGuild read and write access to its data directory, then restart GitGuild. Nothing in the folder was changed.',
    };
  }
  return {
    identifier: 'store_not_durable',
    kind,
    file: problem.path,
    message: `The disk did not confirm the write of ${problem.path} (directory fsync failed: ${problem.code}); the change is saved but may be lost in a crash or power cut.`,
    newestGoodBackup: null,
    hint: 'Check the disk and file system that hold the data directory (system log, free space, health), then restart GitGuild.',
  };
}
