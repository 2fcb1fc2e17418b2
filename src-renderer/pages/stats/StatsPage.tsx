// Stats: org totals, charts and the full leaderboard for one org, metric and window; a "Crawl
// now" button with its progress; and plain words when the numbers are partial or there are none.
import { useEffect, useState } from 'react';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { CrawlProgressBar } from '../../app/CrawlProgressBar';
import type { CrawlController } from '../../app/use-crawl';
import { asApiError } from '../../app/use-health';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { shownValue, useLoad } from '../../components/use-load';
import { ErrorBox } from '../ErrorBox';
import { LeaderboardTable } from './LeaderboardTable';
import type { Leaderboard } from './leaderboard-view';
import { OrgTotals } from './OrgTotals';
import { StatsCharts } from './StatsCharts';
import {
  DEFAULT_WINDOW,
  hasCrawled,
  METRIC_OPTIONS,
  missingSummary,
  relativeTime,
  WINDOW_OPTIONS,
  type StatsMetric,
  type StatsWindow,
} from './stats-view';

const DEFAULT_METRIC: StatsMetric = 'prs_merged';
/** Stands in for a request not made yet (no org known): stays loading. */
const NEVER = new Promise<never>(() => undefined);

export function StatsPage({ client, crawl }: { client: GitGuildClient; crawl: CrawlController }) {
  /** Null until the settings answer: no stats are asked for before the org is known. */
  const [orgs, setOrgs] = useState<string[] | null>(null);
  const [settingsError, setSettingsError] = useState<ApiError | null>(null);
  const [org, setOrg] = useState<string | undefined>(undefined);
  const [timeWindow, setTimeWindow] = useState<StatsWindow>(DEFAULT_WINDOW);
  const [metric, setMetric] = useState<StatsMetric>(DEFAULT_METRIC);
  const [tokenPresent, setTokenPresent] = useState<boolean | null>(null);
  const [runError, setRunError] = useState<ApiError | null>(null);
  const [runNote, setRunNote] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    let active = true;
    client.api['settings.get']().then(
      (settings) => {
        if (!active) return;
        setOrgs(settings.githubOrgs);
        setSettingsError(null);
      },
      (error: unknown) => active && setSettingsError(asApiError(error)),
    );
    client.api['secrets.status']().then(
      (status) => active && setTokenPresent(status.present['github.token']),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [client, crawl.finishedCount]);

  const orgInput = org ? { org } : {};
  const hasOrg = orgs !== null && orgs.length > 0;
  const board = useLoad(
    () =>
      hasOrg ? client.api['stats.leaderboard']({ ...orgInput, metric, window: timeWindow }) : NEVER,
    [client, hasOrg, org, metric, timeWindow, crawl.finishedCount],
  );
  const totals = useLoad(
    () => (hasOrg ? client.api['stats.orgTotals']({ ...orgInput, window: timeWindow }) : NEVER),
    [client, hasOrg, org, timeWindow, crawl.finishedCount],
  );

  const running = crawl.progress !== null;
  const leaderboard = shownValue(board);
  const shownOrg = org ?? leaderboard?.org ?? orgs?.[0];
  const metricLabel = METRIC_OPTIONS.find((m) => m.id === metric)?.label ?? metric;
  const windowLabel = WINDOW_OPTIONS.find((w) => w.id === timeWindow)?.label ?? timeWindow;

  async function crawlNow(): Promise<void> {
    setStarting(true);
    setRunError(null);
    setRunNote(null);
    try {
      const answer = await crawl.run(shownOrg);
      if (!answer.started) setRunNote(answer.reason ?? 'The host did not start a crawl.');
    } catch (error) {
      setRunError(asApiError(error));
    } finally {
      setStarting(false);
    }
  }

  return (
    <section className="page page-wide" data-testid="page-stats">
      <h1 tabIndex={-1}>Stats</h1>
      <p className="lede">
        Who contributed to the organisation, counted from the crawled daily totals. Ranks are shared
        on ties.
      </p>

      <div className="toolbar">
        <label className="toolbar-field">
          <span>Organisation</span>
          <select
            value={shownOrg ?? ''}
            onChange={(e) => setOrg(e.target.value)}
            disabled={(orgs ?? []).length < 2}
            data-testid="stats-org"
          >
            {(orgs ?? []).length === 0 && <option value="">None configured</option>}
            {(orgs ?? []).map((login) => (
              <option key={login} value={login}>
                {login}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-field">
          <span>Metric</span>
          <select
            value={metric}
            onChange={(e) => setMetric(e.target.value as StatsMetric)}
            data-testid="stats-metric"
          >
            {METRIC_OPTIONS.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="group" aria-label="Window" data-testid="stats-window">
          {WINDOW_OPTIONS.map((option) => (
            <button
              key={option.id}
              type="button"
              aria-pressed={option.id === timeWindow}
              className={option.id === timeWindow ? 'selected' : undefined}
              onClick={() => setTimeWindow(option.id)}
              data-testid={`stats-window-${option.id}`}
            >
              {option.label}
            </button>
          ))}
        </div>
        <span className="status-spacer" />
        <button
          type="button"
          className="primary"
          onClick={() => void crawlNow()}
          disabled={running || starting}
          data-testid="crawl-now"
        >
          {running ? 'Crawling…' : 'Crawl now'}
        </button>
      </div>

      {crawl.progress && <CrawlProgressBar progress={crawl.progress} testId="crawl-progress" />}
      {runError && <ErrorBox error={runError} testId="crawl-error" />}
      {runNote && (
        <p className="note" role="status" data-testid="crawl-note">
          {runNote}
        </p>
      )}
      {!running && crawl.status?.lastError && !runError && (
        <div className="error-box" role="alert" data-testid="crawl-last-error">
          <strong>The last crawl failed.</strong>
          <p>{crawl.status.lastError}</p>
        </div>
      )}

      {board.state === 'failed' && (
        <div className="empty-state" data-testid="stats-empty">
          <h2>No stats to show</h2>
          <ErrorState error={board.error} testId="stats-error" onRetry={board.reload} />
        </div>
      )}
      {orgs !== null && orgs.length === 0 && (
        <EmptyState title="No organisation chosen yet" testId="stats-empty">
          <p data-testid="stats-empty-org">
            Choose the GitHub organisation to count in the <a href="#/setup">setup wizard</a> or in{' '}
            <a href="#/settings">Settings → GitHub</a>, then crawl it.
          </p>
        </EmptyState>
      )}
      {hasOrg && board.state !== 'failed' && !leaderboard && (
        <LoadingState label="Loading stats…" testId="stats-loading" />
      )}
      {orgs === null && !settingsError && (
        <LoadingState label="Loading settings…" testId="stats-loading" />
      )}
      {orgs === null && settingsError && (
        <ErrorState error={settingsError} testId="stats-error" headline="No stats to show" />
      )}
      {leaderboard && !hasCrawled(leaderboard) && (
        <NotCrawled org={leaderboard.org} tokenPresent={tokenPresent} running={running} />
      )}
      {leaderboard && hasCrawled(leaderboard) && (
        <>
          <CrawlFacts leaderboard={leaderboard} />
          {totals.state === 'failed' ? (
            <ErrorState error={totals.error} testId="totals-error" onRetry={totals.reload} />
          ) : shownValue(totals) ? (
            <OrgTotals totals={shownValue(totals)!} />
          ) : (
            <LoadingState label="Loading totals…" testId="totals-loading" />
          )}
          <StatsCharts
            client={client}
            org={org}
            metric={metric}
            window={timeWindow}
            refreshKey={crawl.finishedCount}
          />
          <LeaderboardTable
            entries={leaderboard.entries}
            metricLabel={metricLabel}
            windowLabel={windowLabel}
            ready={board.state === 'loaded'}
            shows={`${leaderboard.metric}/${leaderboard.window}`}
          />
        </>
      )}
    </section>
  );
}

function NotCrawled({
  org,
  tokenPresent,
  running,
}: {
  org: string;
  tokenPresent: boolean | null;
  running: boolean;
}) {
  return (
    <EmptyState title={`${org} has not been crawled yet`} testId="stats-empty">
      {tokenPresent === false ? (
        <p data-testid="stats-empty-token">
          No GitHub token is set, so GitGuild cannot read the organisation. Add one in{' '}
          <a href="#/settings">Settings → Secrets</a> or in the <a href="#/setup">setup wizard</a>,
          then crawl.
        </p>
      ) : (
        <p>
          {running
            ? 'The first crawl is running; the numbers appear when it finishes.'
            : 'Press "Crawl now" to read its repositories. Later crawls only fetch what changed.'}
        </p>
      )}
    </EmptyState>
  );
}

function CrawlFacts({ leaderboard }: { leaderboard: Leaderboard }) {
  const lastCrawlAt = leaderboard.lastCrawlAt ?? '';
  return (
    <>
      <p className="stats-meta" data-testid="stats-last-crawl">
        Last crawl{' '}
        <time dateTime={lastCrawlAt} title={new Date(lastCrawlAt).toLocaleString()}>
          {new Date(lastCrawlAt).toLocaleString()}
        </time>{' '}
        ({relativeTime(lastCrawlAt, new Date())}) · days counted in {leaderboard.timeZone}
      </p>
      {leaderboard.partial && (
        <div className="warn-box" role="status" data-testid="stats-partial">
          <strong>Partial data.</strong> {missingSummary(leaderboard.missing)}
          {leaderboard.missing.length > 0 && (
            <ul>
              {leaderboard.missing.map((m) => (
                <li key={m.repo} data-testid="stats-missing-repo">
                  <code>{m.repo}</code>: {m.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
