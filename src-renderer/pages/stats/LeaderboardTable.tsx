// The leaderboard: every ranked contributor of one metric and window, sortable by any column and
// searchable by login. Only the rows in view (plus a few) are in the DOM, via
// @tanstack/react-virtual, so 10k contributors scroll as smoothly as 10. It stays a real
// <table> (aria-rowcount and aria-rowindex tell assistive technology where each row sits), and
// its scroll area takes focus so the arrow and Page keys scroll it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import {
  COLUMNS,
  DEFAULT_SORT,
  formatAverage,
  nextSort,
  searchEntries,
  sortEntries,
  type LeaderboardEntry,
  type SortOrder,
} from './leaderboard-view';
import { tiedRanks } from './stats-view';

const ROW_HEIGHT = 34;

export function LeaderboardTable({
  entries,
  metricLabel,
  windowLabel,
  ready,
  shows,
}: {
  entries: readonly LeaderboardEntry[];
  metricLabel: string;
  windowLabel: string;
  /** False while a newer list is loading (the previous one stays shown). */
  ready: boolean;
  /** "metric/window" of the list shown, which can lag the selection while a new one loads. */
  shows: string;
}) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortOrder>(DEFAULT_SORT);
  // Typing stays instant; the filter catches up a frame later when the list is long.
  const deferredQuery = useDeferredValue(query);
  const rows = useMemo(
    () => sortEntries(searchEntries(entries, deferredQuery), sort),
    [entries, deferredQuery, sort],
  );
  const ties = useMemo(() => tiedRanks(entries), [entries]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Re-render through React's normal scheduling: a flushSync from a scroll event that lands
    // during a render (a sort on a busy machine) is dropped, leaving stale rows in view.
    useFlushSync: false,
  });
  const captionId = 'leaderboard-caption';

  return (
    <section
      className="leaderboard"
      data-testid="leaderboard"
      data-state={ready ? 'ready' : 'loading'}
      data-shows={shows}
      data-rows={rows.length}
      aria-labelledby={captionId}
      aria-busy={!ready}
    >
      <div className="leaderboard-bar">
        <h2 id={captionId} className="section-title">
          Leaderboard: {metricLabel}, {windowLabel.toLowerCase()}
        </h2>
        <label className="search-field">
          <span>Search contributors</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="GitHub login"
            spellCheck={false}
            autoComplete="off"
            data-testid="leaderboard-search"
          />
        </label>
        <span className="muted" role="status" data-testid="leaderboard-count">
          {rows.length === entries.length
            ? `${entries.length.toLocaleString()} contributors`
            : `${rows.length.toLocaleString()} of ${entries.length.toLocaleString()} contributors`}
        </span>
      </div>
      <div
        ref={scrollRef}
        className="leaderboard-scroll"
        tabIndex={0}
        role="region"
        aria-label={`Leaderboard rows, ${rows.length} contributors; use the arrow keys to scroll`}
        data-testid="leaderboard-scroll"
      >
        <table
          className="leaderboard-table"
          aria-labelledby={captionId}
          aria-rowcount={rows.length + 1}
        >
          <thead>
            <tr aria-rowindex={1}>
              {COLUMNS.map((column) => {
                const active = sort.key === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.numeric ? 'num' : undefined}
                    aria-sort={active ? sort.direction : 'none'}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => setSort((current) => nextSort(current, column.key))}
                      data-testid={`leaderboard-sort-${column.key}`}
                    >
                      {column.label}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = rows[item.index]!;
              const tied = ties.has(entry.rank);
              return (
                <tr
                  key={entry.login}
                  aria-rowindex={item.index + 2}
                  data-testid="leaderboard-row"
                  data-login={entry.login}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <td className="num rank" title={tied ? 'Tied' : undefined}>
                    {tied ? `=${entry.rank}` : entry.rank}
                  </td>
                  <td className="login">{entry.login}</td>
                  <td className="num count">{entry.count.toLocaleString()}</td>
                  <td className="num">{formatAverage(entry.dailyAverage)}</td>
                  <td className="num">{entry.currentStreak} d</td>
                  <td className="num">{entry.longestStreak} d</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && (
          <p className="leaderboard-none" data-testid="leaderboard-none">
            {entries.length === 0
              ? `Nobody has ${metricLabel.toLowerCase()} in this window.`
              : `No contributor matches “${deferredQuery.trim()}”.`}
          </p>
        )}
      </div>
    </section>
  );
}
