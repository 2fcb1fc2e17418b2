// Stored data: which files the host refused to load and why, the newest good backup of each,
// and a Restore button; below, every rolling backup the host keeps.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src-main/api/contract';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { asApiError } from '../../app/use-health';
import { ErrorBox } from '../ErrorBox';

type BackupList = MethodOutput<'store.backups'>;
type Problem = BackupList['problems'][number];
type Restorable = Problem & { kind: 'config' | 'links'; newestGoodBackup: string };
type Discardable = Problem & { kind: 'contributions' | 'history' };

type Load =
  | { state: 'loading' }
  | { state: 'failed'; error: ApiError }
  | { state: 'loaded'; list: BackupList };
type Restore =
  | { state: 'idle' }
  | { state: 'restoring'; name: string }
  | { state: 'restored'; name: string }
  | { state: 'discarded'; kind: Discardable['kind'] }
  | { state: 'failed'; error: ApiError };

/** Only config and links have rolling backups; the other files are rebuilt by a crawl or sync. */
function restorable(problem: Problem): problem is Restorable {
  return (
    (problem.kind === 'config' || problem.kind === 'links') && problem.newestGoodBackup !== null
  );
}

/** Contributions are rebuilt by the next crawl; history is a log that may start over. */
function discardable(problem: Problem): problem is Discardable {
  return problem.kind === 'contributions' || problem.kind === 'history';
}

export function StorePage({ client }: { client: GitGuildClient }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [restore, setRestore] = useState<Restore>({ state: 'idle' });

  useEffect(() => {
    let active = true;
    client.api['store.backups']().then(
      (list) => active && setLoad({ state: 'loaded', list }),
      (error: unknown) => active && setLoad({ state: 'failed', error: asApiError(error) }),
    );
    return () => {
      active = false;
    };
  }, [client]);

  async function restoreBackup(problem: Restorable): Promise<void> {
    const name = problem.newestGoodBackup;
    setRestore({ state: 'restoring', name });
    try {
      const list = await client.api['store.restore']({ kind: problem.kind, name });
      setLoad({ state: 'loaded', list });
      setRestore({ state: 'restored', name });
    } catch (error) {
      setRestore({ state: 'failed', error: asApiError(error) });
    }
  }

  async function discardFile(problem: Discardable): Promise<void> {
    setRestore({ state: 'restoring', name: problem.kind });
    try {
      const list = await client.api['store.discard']({ kind: problem.kind });
      setLoad({ state: 'loaded', list });
      setRestore({ state: 'discarded', kind: problem.kind });
    } catch (error) {
      setRestore({ state: 'failed', error: asApiError(error) });
    }
  }

  return (
    <section className="page" data-testid="page-store">
      <h1 tabIndex={-1}>Data &amp; backups</h1>
      <p className="lede">
        GitGuild keeps its configuration, links, contributions and history in separate files, and
        daily backups of the configuration and links. A file it cannot read is left untouched until
        you restore a backup.
      </p>
      {restore.state === 'restored' && (
        <p className="ok-box" role="status" data-testid="store-restored">
          Restored <code>{restore.name}</code>. The host is using it now.
        </p>
      )}
      {restore.state === 'discarded' && (
        <p className="ok-box" role="status" data-testid="store-discarded">
          The damaged {restore.kind} file was set aside (kept beside it as <code>*.corrupt-*</code>
          ).
          {restore.kind === 'contributions' && ' The next crawl reads those repositories again.'}
        </p>
      )}
      {restore.state === 'failed' && (
        <ErrorBox error={restore.error} testId="store-restore-error" />
      )}
      {load.state === 'loading' && <p className="muted">Loading…</p>}
      {load.state === 'failed' && <ErrorBox error={load.error} testId="store-load-error" />}
      {load.state === 'loaded' && (
        <>
          {load.list.problems.length === 0 ? (
            <p className="ok-box" data-testid="store-ok">
              Every file loaded cleanly.
            </p>
          ) : (
            <ul className="problem-list" data-testid="store-problems">
              {load.list.problems.map((problem) => (
                <li
                  key={problem.file}
                  className="error-box"
                  data-testid={`store-problem-${problem.kind}`}
                >
                  <strong>{problem.message}</strong>
                  <p>
                    File: <code>{problem.file}</code>
                  </p>
                  <p>{problem.hint}</p>
                  {restorable(problem) ? (
                    <div className="form-row">
                      <span>
                        Newest good backup: <code>{problem.newestGoodBackup}</code>
                      </span>
                      <button
                        type="button"
                        className="primary"
                        disabled={restore.state === 'restoring'}
                        onClick={() => void restoreBackup(problem)}
                        data-testid={`store-restore-${problem.kind}`}
                      >
                        {restore.state === 'restoring' && restore.name === problem.newestGoodBackup
                          ? 'Restoring…'
                          : 'Restore'}
                      </button>
                    </div>
                  ) : discardable(problem) ? (
                    <div className="form-row">
                      <span>
                        {problem.kind === 'contributions'
                          ? 'No backup is kept: set it aside and the next crawl rebuilds it.'
                          : 'No backup is kept: set it aside and the history starts over.'}
                      </span>
                      <button
                        type="button"
                        className="primary"
                        disabled={restore.state === 'restoring'}
                        onClick={() => void discardFile(problem)}
                        data-testid={`store-discard-${problem.kind}`}
                      >
                        Set aside and rebuild
                      </button>
                    </div>
                  ) : (
                    <p>No good backup of this file exists.</p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h2 className="section-title">Backups</h2>
          <dl className="backup-list" data-testid="store-backups">
            {(['config', 'links'] as const).map((kind) => (
              <div key={kind}>
                <dt>{kind === 'config' ? 'Configuration' : 'Links'}</dt>
                <dd>
                  {load.list.backups[kind].length === 0
                    ? 'None yet'
                    : load.list.backups[kind].join(', ')}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
