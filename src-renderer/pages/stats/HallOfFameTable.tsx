// One metric's top ten: rank, login, count. Tied contributors share a rank, marked "=".
import type { HallOfFame } from './stats-view';
import { tiedRanks } from './stats-view';

export function HallOfFameTable({
  metric,
  label,
  entries,
}: {
  metric: string;
  label: string;
  entries: HallOfFame['metrics'][keyof HallOfFame['metrics']];
}) {
  const ties = tiedRanks(entries);
  return (
    <section className="hof-card" data-testid={`hof-${metric}`}>
      <h2>{label}</h2>
      {entries.length === 0 ? (
        <p className="muted hof-empty">Nobody in this window.</p>
      ) : (
        <table className="hof-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                Rank
              </th>
              <th scope="col">Contributor</th>
              <th scope="col" className="num">
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.login} data-testid={`hof-${metric}-row`}>
                <td className="num rank" title={ties.has(entry.rank) ? 'Tied' : undefined}>
                  {ties.has(entry.rank) ? `=${entry.rank}` : entry.rank}
                </td>
                <td className="login">{entry.login}</td>
                <td className="num count">{entry.count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
