// Org totals for the chosen window: each metric's sum and how many contributors were active.
import type { MethodOutput } from '../../../src-main/api/contract';
import { METRIC_OPTIONS } from './stats-view';

type OrgTotalsValue = MethodOutput<'stats.orgTotals'>;

export function OrgTotals({ totals }: { totals: OrgTotalsValue }) {
  const span =
    totals.window === 'all'
      ? 'all time'
      : totals.from
        ? `${totals.from} to ${totals.to ?? 'now'}`
        : '';
  return (
    <section className="totals" aria-labelledby="totals-title" data-testid="org-totals">
      <h2 id="totals-title" className="sr-only">
        Organisation totals
      </h2>
      <dl className="totals-grid">
        <div className="total-card" data-testid="total-contributors">
          <dt>Active contributors</dt>
          <dd>
            {totals.activeContributors.toLocaleString()}
            <span className="total-sub">of {totals.contributors.toLocaleString()} all time</span>
          </dd>
        </div>
        {METRIC_OPTIONS.map(({ id, label }) => (
          <div className="total-card" key={id} data-testid={`total-${id}`}>
            <dt>{label}</dt>
            <dd>{totals.metrics[id].toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      <p className="stats-meta">
        Totals for {span}
        {totals.repos === null &&
          '. Stars, forks and open issues appear here once the crawl keeps them.'}
      </p>
    </section>
  );
}
