// Stats: the hall of fame per metric for one org and window, a "Crawl now" button with its
// progress, and plain words when the numbers are partial or there are none yet.
import { useEffect, useState } from 'react';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { CrawlProgressBar } from '../../app/CrawlProgressBar';
import { asApiError } from '../../app/use-health';
import type { CrawlController } from '../../app/use-crawl';
import { ErrorBox } from '../ErrorBox';
import { HallOfFameTable } from './HallOfFameTable';
import {
  DEFAULT_WINDOW,
  hasCrawled,
  METRIC_OPTIONS,
  missingSummary,
  relativeTime,
  WINDOW_OPTIONS,
  type HallOfFame,
  type StatsWindow,
} from './stats-view';

type Load<T> =
  { state: 'loading' } | { state: 'failed'; error: ApiError } | { state: 'loaded'; value: T };

export function StatsPage({ client, crawl }: { client: GitGuildClient; crawl: CrawlController }) {
  const [orgs, setOrgs] = useState<string[]>([]);
  const [org, setOrg] = useState<string | undefined>(undefined);
  const [timeWindow, setTimeWindow] = useState<StatsWindow>(DEFAULT_WINDOW);
  const [hallOfFame, setHallOfFame] = useState<Load<HallOfFame>>({ state: 'loading' });
  const [tokenPresent, setTokenPresent] = useState<boolean | null>(null);
  const [runError, setRunError] = useState<ApiError | null>(null);
  const [runNote, setRunNote] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    let active = true;
    client.api['settings.get']().then(
      (settings) => active && setOrgs(settings.githubOrgs),
      () => undefined, // The hall of fame call below reports the same failure, with its hint.
    );
    client.api['secrets.status']().then(
      (status) => active && setTokenPresent(status.present['github.token']),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [client, crawl.finishedCount]);

  useEffect(() => {
    let active = true;
    setHallOfFame((previous) => (previous.state === 'loaded' ? previous : { state: 'loading' }));
    client.api['stats.hallOfFame']({ ...(org ? { org } : {}), window: timeWindow }).then(
      (value) => active && setHallOfFame({ state: 'loaded', value }),
      (error: unknown) => active && setHallOfFame({ state: 'failed', error: asApiError(error) }),
    );
    return () => {
      active = false;
    };
  }, [client, org, timeWindow, crawl.finishedCount]);

  const running = crawl.progress !== null;
  const shownOrg = org ?? (hallOfFame.state === 'loaded' ? hallOfFame.value.org : orgs[0]);

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
      <h1>Stats</h1>
      <p className="lede">
        Who contributed most to the organisation, per metric, counted from the crawled daily totals.
        Ranks are shared on ties.
      </p>

      <div className="toolbar">
        <label className="toolbar-field">
          <span>Organisation</span>
          <select
            value={shownOrg ?? ''}
            onChange={(e) => setOrg(e.target.value)}
            disabled={orgs.length < 2}
            data-testid="stats-org"
          >
            {orgs.length === 0 && <option value="">None configured</option>}
            {orgs.map((login) => (
              <option key={login} value={login}>
                {login}
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

      {hallOfFame.state === 'loading' && <p className="muted">Loading stats…</p>}
      {hallOfFame.state === 'failed' && (
        <div className="empty-state" data-testid="stats-empty">
          <h2>No stats to show</h2>
          <ErrorBox error={hallOfFame.error} testId="stats-error" />
        </div>
      )}
      {hallOfFame.state === 'loaded' && (
        <HallOfFameView
          hallOfFame={hallOfFame.value}
          tokenPresent={tokenPresent}
          running={running}
        />
      )}
    </section>
  );
}

function HallOfFameView({
  hallOfFame,
  tokenPresent,
  running,
}: {
  hallOfFame: HallOfFame;
  tokenPresent: boolean | null;
  running: boolean;
}) {
  if (!hasCrawled(hallOfFame)) {
    return (
      <div className="empty-state" data-testid="stats-empty">
        <h2>{hallOfFame.org} has not been crawled yet</h2>
        {tokenPresent === false ? (
          <p data-testid="stats-empty-token">
            No GitHub token is set, so GitGuild cannot read the organisation. Add one in{' '}
            <a href="#/settings">Settings → Secrets</a>, then crawl.
          </p>
        ) : (
          <p>
            {running
              ? 'The first crawl is running; the tables appear when it finishes.'
              : 'Press "Crawl now" to read its repositories. Later crawls only fetch what changed.'}
          </p>
        )}
      </div>
    );
  }
  const lastCrawlAt = hallOfFame.lastCrawlAt ?? '';
  return (
    <>
      <p className="stats-meta" data-testid="stats-last-crawl">
        Last crawl{' '}
        <time dateTime={lastCrawlAt} title={new Date(lastCrawlAt).toLocaleString()}>
          {new Date(lastCrawlAt).toLocaleString()}
        </time>{' '}
        ({relativeTime(lastCrawlAt, new Date())}) · days counted in {hallOfFame.timeZone}
      </p>
      {hallOfFame.partial && (
        <div className="warn-box" role="status" data-testid="stats-partial">
          <strong>Partial data.</strong> {missingSummary(hallOfFame.missing)}
          {hallOfFame.missing.length > 0 && (
            <ul>
              {hallOfFame.missing.map((m) => (
                <li key={m.repo} data-testid="stats-missing-repo">
                  <code>{m.repo}</code>: {m.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="hof-grid" data-testid="hall-of-fame">
        {METRIC_OPTIONS.map(({ id, label }) => (
          <HallOfFameTable key={id} metric={id} label={label} entries={hallOfFame.metrics[id]} />
        ))}
      </div>
    </>
  );
}
