// Sync: the run in progress (progress and ETA from `progress` events and `sync.status`), the
// scheduler's next runs with pause and resume, Sync now and Dry run (with its full plan; a run over
// the safety cap asks to confirm), past runs and the audit log with filters, both exportable as
// CSV.
import { useEffect, useRef, useState } from 'react';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import type { MethodOutput } from '../../../src-main/api/contract';
import { asApiError } from '../../app/use-health';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { shownValue, useLoad } from '../../components/use-load';
import { ErrorBox } from '../ErrorBox';
import {
  formatDuration,
  formatWhen,
  GuildPicker,
  managedGuilds,
  PlanDetails,
  ProblemList,
  saveText,
  type GuildView,
} from '../guilds/guild-bits';

type RunAnswer = MethodOutput<'sync.run'>;
type Progress = MethodOutput<'sync.status'>['running'][number];

export function SyncPage({ client }: { client: GitGuildClient }) {
  const guilds = useLoad(() => client.api['guilds.list'](), [client]);
  const managed = guilds.state === 'loaded' ? managedGuilds(guilds.value.guilds) : [];
  const [guildId, setGuildId] = useState<string>('');
  const guild = managed.find((g) => g.id === guildId) ?? managed[0];
  // Bumped when a run finishes: history, audit and status reload.
  const [finished, setFinished] = useState(0);
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'sync-finished') setFinished((n) => n + 1);
      }),
    [client],
  );
  return (
    <section className="page page-wide" data-testid="page-sync">
      <h1 tabIndex={-1}>Sync</h1>
      <p className="lede">
        Give and take roles now, preview what a sync would do, and see what past runs did.
      </p>
      <Scheduler client={client} finished={finished} />
      {guilds.state === 'loading' && (
        <LoadingState label="Loading servers…" testId="sync-loading" />
      )}
      {guilds.state === 'failed' && (
        <ErrorState error={guilds.error} testId="sync-error" onRetry={guilds.reload} />
      )}
      {guilds.state === 'loaded' && managed.length === 0 && (
        <EmptyState title="No server is managed yet" testId="sync-empty">
          <p>
            Turn GitGuild on for a server under <a href="#/guilds">Guilds</a> and give it mappings;
            then its runs show here.
          </p>
        </EmptyState>
      )}
      {guild && (
        <>
          <div className="toolbar">
            <GuildPicker
              guilds={managed}
              value={guild.id}
              onChange={setGuildId}
              testId="sync-guild"
            />
          </div>
          <RunPanel key={guild.id} client={client} guild={guild} finished={finished} />
          <History client={client} guildId={guild.id} finished={finished} />
          <AuditLog client={client} guildId={guild.id} finished={finished} />
        </>
      )}
    </section>
  );
}

function Scheduler({ client, finished }: { client: GitGuildClient; finished: number }) {
  const [generation, setGeneration] = useState(0);
  const status = useLoad(() => client.api['scheduler.status'](), [client, finished, generation]);
  const [error, setError] = useState<ApiError | null>(null);
  const value = shownValue(status);
  async function toggle(): Promise<void> {
    try {
      setError(null);
      await (value?.paused ? client.api['scheduler.resume']() : client.api['scheduler.pause']());
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(asApiError(e));
    }
  }
  return (
    <section className="panel-section" aria-labelledby="scheduler-title" data-testid="scheduler">
      <div className="section-bar">
        <h2 id="scheduler-title" className="section-title">
          Schedule{' '}
          {value && (
            <span
              className={`pill ${value.paused ? 'pill-bad' : 'pill-ok'}`}
              data-testid="scheduler-state"
            >
              {value.paused ? 'Paused' : 'Running'}
            </span>
          )}
        </h2>
        {value && (
          <button type="button" onClick={toggle} data-testid="scheduler-toggle">
            {value.paused ? 'Resume timed runs' : 'Pause timed runs'}
          </button>
        )}
      </div>
      {status.state === 'failed' && (
        <ErrorState error={status.error} testId="scheduler-error" onRetry={status.reload} />
      )}
      {value === null && status.state === 'loading' && (
        <LoadingState label="Loading the schedule…" testId="scheduler-loading" />
      )}
      {value && value.jobs.length === 0 && <p className="muted">No timed jobs yet.</p>}
      {value && value.jobs.length > 0 && (
        <table className="data-table" data-testid="scheduler-jobs">
          <caption className="sr-only">Timed jobs</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Every</th>
              <th scope="col">Next run</th>
              <th scope="col">Last run</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {value.jobs.map((j) => (
              <tr key={j.id}>
                <th scope="row">
                  {j.label}
                  {j.running && <span className="pill pill-ok"> running</span>}
                </th>
                <td>{j.intervalMinutes} min</td>
                <td>{value.paused ? 'paused' : formatWhen(j.nextRunAt)}</td>
                <td>{formatWhen(j.lastRunAt)}</td>
                <td className={j.lastError ? 'loss' : 'muted'}>
                  {j.lastError ? `${j.lastError} (${j.failures} failures)` : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <ErrorBox error={error} testId="scheduler-toggle-error" />}
    </section>
  );
}

function RunPanel({
  client,
  guild,
  finished,
}: {
  client: GitGuildClient;
  guild: GuildView;
  finished: number;
}) {
  const [answer, setAnswer] = useState<RunAnswer | null>(null);
  const [busy, setBusy] = useState<'dry' | 'run' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [full, setFull] = useState(false);
  const status = useLoad(
    () => client.api['sync.status']({ guildId: guild.id }),
    [client, guild.id, finished],
  );

  const readProgress = useRef<() => void>(() => undefined);
  // While a run applies: its progress from sync.status, refreshed on each progress event.
  useEffect(() => {
    let active = true;
    // Only the newest read counts: an answer to a read sent before the run finished must not
    // bring its progress bar back.
    let sequence = 0;
    const read = () => {
      const mine = ++sequence;
      client.api['sync.status']({ guildId: guild.id }).then(
        (s) =>
          active &&
          mine === sequence &&
          setProgress(s.running.find((r) => r.guildId === guild.id) ?? null),
        () => undefined,
      );
    };
    read();
    readProgress.current = read;
    const off = client.onEvent((event) => {
      if (event.type === 'progress' && event.job === 'sync') read();
      if (event.type === 'sync-finished' && event.guildId === guild.id) {
        setProgress(null);
        read();
      }
    });
    return () => {
      active = false;
      off();
    };
  }, [client, guild.id]);

  async function run(kind: 'dry' | 'run', confirm = false): Promise<void> {
    setBusy(kind);
    setError(null);
    try {
      const a = await client.api['sync.run']({
        guildId: guild.id,
        dryRun: kind === 'dry',
        full,
        confirm,
      });
      setAnswer(a);
      if (a.status === 'started') readProgress.current();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(null);
    }
  }
  const last =
    status.state === 'loaded' ? status.value.guilds.find((g) => g.guildId === guild.id) : undefined;
  return (
    <section className="panel-section" aria-labelledby="run-title" data-testid="sync-run">
      <h2 id="run-title" className="section-title">
        Run
      </h2>
      {!guild.botPresent && (
        <p className="warn-box">The bot is not in {guild.name}: invite it from Guilds to sync.</p>
      )}
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          onClick={() => run('run')}
          disabled={busy !== null || progress !== null}
          data-testid="sync-now"
        >
          {busy === 'run' ? 'Starting…' : 'Sync now'}
        </button>
        <button
          type="button"
          onClick={() => run('dry')}
          disabled={busy !== null}
          data-testid="sync-dry-run"
        >
          {busy === 'dry' ? 'Planning…' : 'Dry run'}
        </button>
        <label className="check">
          <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} />
          Full resync (re-read every member from Discord first)
        </label>
      </div>
      {progress && <RunProgress progress={progress} />}
      {error && <ErrorBox error={error} testId="sync-run-error" />}
      {answer && (
        <RunAnswerView answer={answer} onConfirm={() => run('run', true)} busy={busy !== null} />
      )}
      {last?.lastRun && !progress && (
        <p className="muted" data-testid="sync-last">
          Last run {formatWhen(last.lastRun.finishedAt ?? last.lastRun.startedAt)}:{' '}
          {outcomeText(last.lastRun.outcome)}
          {last.lastRun.dryRun ? ' (dry run)' : ''}, {last.lastRun.counts.rolesAdded} added,{' '}
          {last.lastRun.counts.rolesRemoved} removed.
          {last.lastApplied &&
            last.lastApplied.id !== last.lastRun.id &&
            ` Last applied ${formatWhen(last.lastApplied.finishedAt)}.`}
        </p>
      )}
      {last?.lastRun && !progress && (
        <ProblemList problems={last.lastRun.problems} testId="sync-last-problems" />
      )}
    </section>
  );
}

function RunProgress({ progress }: { progress: Progress }) {
  const pct = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="crawl-progress" data-testid="sync-progress">
      <div className="progress-label">
        {progress.phase === 'applying'
          ? `Applying: ${progress.done} of ${progress.total} members, ${progress.writes} writes`
          : `${progress.phase[0]!.toUpperCase()}${progress.phase.slice(1)}…`}
        {progress.failed > 0 && `, ${progress.failed} failed`}
        {progress.etaMs !== null &&
          progress.done < progress.total &&
          ` · about ${formatDuration(progress.etaMs)} left`}
      </div>
      <div
        className={`progress-track${progress.total === 0 ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.total === 0 ? undefined : pct}
      >
        <div
          className="progress-fill"
          style={{ width: progress.total === 0 ? '30%' : `${pct}%` }}
        />
      </div>
    </div>
  );
}

function RunAnswerView({
  answer,
  onConfirm,
  busy,
}: {
  answer: RunAnswer;
  onConfirm: () => void;
  busy: boolean;
}) {
  const text: Record<RunAnswer['status'], string> = {
    started: 'Applying in the background; progress shows above and the run lands in the history.',
    dry_run: 'Dry run: this is what a sync would do now. Nothing was changed.',
    needs_confirmation:
      'This run would change more than the safety cap allows, so nothing was applied. Check the plan, then confirm.',
    already_running: answer.reason ?? 'A sync of this server is already running.',
    failed: answer.reason ?? 'The run failed.',
  };
  return (
    <div
      className="run-answer"
      data-testid="sync-answer"
      data-status={answer.status}
      data-run-id={answer.runId ?? undefined}
    >
      <p
        className={answer.status === 'failed' ? 'error-box' : 'note-box'}
        role="status"
        data-testid="sync-answer-text"
      >
        {text[answer.status]}
      </p>
      {answer.status === 'needs_confirmation' && (
        <button
          type="button"
          className="primary"
          onClick={onConfirm}
          disabled={busy}
          data-testid="sync-confirm"
        >
          Apply {answer.plan ? answer.plan.totalAdds + answer.plan.totalRemoves : ''} changes anyway
        </button>
      )}
      {answer.plan &&
        (answer.status === 'dry_run' ||
          answer.status === 'needs_confirmation' ||
          answer.status === 'started') && (
          <PlanDetails plan={answer.plan} testId="sync-plan" whoLimit={100} />
        )}
      {answer.plan && answer.plan.topUnlinked.length > 0 && (
        <p className="muted" data-testid="sync-invitees">
          Active contributors nobody has linked:{' '}
          {answer.plan.topUnlinked.map((t) => t.login).join(', ')}.
        </p>
      )}
    </div>
  );
}

function outcomeText(outcome: string): string {
  return outcome.replace('_', ' ');
}

function History({
  client,
  guildId,
  finished,
}: {
  client: GitGuildClient;
  guildId: string;
  finished: number;
}) {
  const history = useLoad(
    () => client.api['sync.history']({ guildId, limit: 25 }),
    [client, guildId, finished],
  );
  const runs = shownValue(history)?.runs ?? null;
  const [error, setError] = useState<ApiError | null>(null);
  async function exportCsv(): Promise<void> {
    try {
      const file = await client.api['sync.exportHistoryCsv']({ guildId });
      saveText(file.filename, file.csv);
    } catch (e) {
      setError(asApiError(e));
    }
  }
  return (
    <section className="panel-section" aria-labelledby="history-title" data-testid="sync-history">
      <div className="section-bar">
        <h2 id="history-title" className="section-title">
          History
        </h2>
        <button type="button" onClick={exportCsv} data-testid="history-export">
          Export CSV
        </button>
      </div>
      {history.state === 'failed' && (
        <ErrorState error={history.error} testId="history-error" onRetry={history.reload} />
      )}
      {runs === null && history.state === 'loading' && (
        <LoadingState label="Loading runs…" testId="history-loading" />
      )}
      {runs && runs.length === 0 && (
        <EmptyState title="No runs yet" testId="history-empty" headingLevel={3}>
          <p>Runs show here after Sync now, a dry run, /sync, or the schedule.</p>
        </EmptyState>
      )}
      {runs && runs.length > 0 && (
        <table className="data-table" data-testid="history-table">
          <caption className="sr-only">Past sync runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Trigger</th>
              <th scope="col">Outcome</th>
              <th scope="col" className="num">
                Checked
              </th>
              <th scope="col" className="num">
                Added
              </th>
              <th scope="col" className="num">
                Removed
              </th>
              <th scope="col" className="num">
                Failed
              </th>
              <th scope="col" className="num">
                Took
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr
                key={r.id}
                data-testid="history-row"
                data-run-id={r.id}
                data-dry-run={r.dryRun}
                data-outcome={r.outcome}
              >
                <th scope="row" title={r.id}>
                  {formatWhen(r.startedAt)}
                </th>
                <td>
                  {r.trigger} <span className="muted">{r.actor}</span>
                </td>
                <td>
                  {outcomeText(r.outcome)}
                  {r.dryRun && <span className="pill pill-idle"> dry run</span>}
                  {r.problems.length > 0 && (
                    <span className="muted"> · {r.problems.length} problems</span>
                  )}
                </td>
                <td className="num">{r.counts.membersChecked}</td>
                <td className="num gain">{r.counts.rolesAdded}</td>
                <td className="num loss">{r.counts.rolesRemoved}</td>
                <td className="num">{r.counts.membersFailed}</td>
                <td className="num">{formatDuration(r.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <ErrorBox error={error} testId="history-export-error" />}
    </section>
  );
}

function AuditLog({
  client,
  guildId,
  finished,
}: {
  client: GitGuildClient;
  guildId: string;
  finished: number;
}) {
  const [runId, setRunId] = useState('');
  const [memberId, setMemberId] = useState('');
  const [change, setChange] = useState<'' | 'add' | 'remove'>('');
  const [search, setSearch] = useState('');
  const member = /^\d{1,20}$/.test(memberId.trim()) ? memberId.trim() : undefined;
  const audit = useLoad(
    () =>
      client.api['audit.list']({
        guildId,
        limit: 500,
        ...(runId ? { runId } : {}),
        ...(member ? { memberId: member } : {}),
      }),
    [client, guildId, runId, member, finished],
  );
  const runs = useLoad(
    () => client.api['sync.history']({ guildId, limit: 50 }),
    [client, guildId, finished],
  );
  const [error, setError] = useState<ApiError | null>(null);
  const needle = search.trim().toLowerCase();
  const entries = (shownValue(audit)?.entries ?? []).filter(
    (e) =>
      (change === '' || e.change === change) &&
      (needle === '' ||
        [e.memberName, e.roleName, e.reason, e.action, e.actor].some((v) =>
          v?.toLowerCase().includes(needle),
        )),
  );
  async function exportCsv(): Promise<void> {
    try {
      const file = await client.api['audit.exportCsv']({ guildId, ...(runId ? { runId } : {}) });
      saveText(file.filename, file.csv);
    } catch (e) {
      setError(asApiError(e));
    }
  }
  const appliedRuns = runs.state === 'loaded' ? runs.value.runs.filter((r) => !r.dryRun) : [];
  return (
    <section className="panel-section" aria-labelledby="audit-title" data-testid="audit-log">
      <div className="section-bar">
        <h2 id="audit-title" className="section-title">
          Audit log
        </h2>
        <button type="button" onClick={exportCsv} data-testid="audit-export">
          Export CSV
        </button>
      </div>
      <div className="toolbar" role="group" aria-label="Audit filters">
        <label className="toolbar-field">
          Run
          <select value={runId} onChange={(e) => setRunId(e.target.value)} data-testid="audit-run">
            <option value="">Every run</option>
            {appliedRuns.map((r) => (
              <option key={r.id} value={r.id}>
                {formatWhen(r.startedAt)} ({r.trigger})
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-field">
          Change
          <select
            value={change}
            onChange={(e) => setChange(e.target.value as typeof change)}
            data-testid="audit-change"
          >
            <option value="">Added and removed</option>
            <option value="add">Added</option>
            <option value="remove">Removed</option>
          </select>
        </label>
        <label className="toolbar-field">
          Member ID
          <input
            value={memberId}
            onChange={(e) => setMemberId(e.target.value)}
            inputMode="numeric"
            className="medium"
          />
        </label>
        <label className="toolbar-field">
          Search
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="member, role, reason"
            data-testid="audit-search"
          />
        </label>
      </div>
      {audit.state === 'failed' && (
        <ErrorState error={audit.error} testId="audit-error" onRetry={audit.reload} />
      )}
      {audit.state === 'loading' && shownValue(audit) === null && (
        <LoadingState label="Loading the audit log…" testId="audit-loading" />
      )}
      {shownValue(audit) && entries.length === 0 && (
        <EmptyState title="No entries" testId="audit-empty" headingLevel={3}>
          <p>Every role GitGuild gives or takes is listed here, with the run and the reason.</p>
        </EmptyState>
      )}
      {entries.length > 0 && (
        <table className="data-table" data-testid="audit-table">
          <caption className="sr-only">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Member</th>
              <th scope="col">Change</th>
              <th scope="col">Reason</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, 300).map((e, i) => (
              <tr
                key={`${e.at}-${i}`}
                data-testid="audit-row"
                data-run-id={e.runId}
                data-member-id={e.memberId}
              >
                <th scope="row">{formatWhen(e.at)}</th>
                <td>{e.memberName ?? e.memberId ?? e.target ?? '–'}</td>
                <td
                  className={
                    e.change === 'add' ? 'gain' : e.change === 'remove' ? 'loss' : undefined
                  }
                >
                  {e.change
                    ? `${e.change === 'add' ? '+' : '−'}${e.roleName ?? e.roleId}`
                    : e.action}
                </td>
                <td>{e.reason ?? '–'}</td>
                <td className="muted">{e.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries.length > 300 && (
        <p className="muted">Showing 300 of {entries.length}; export for all.</p>
      )}
      {error && <ErrorBox error={error} testId="audit-export-error" />}
    </section>
  );
}
