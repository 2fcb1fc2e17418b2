// Stats benchmark on the `large` scenario: the indexed computation (ContributionIndex +
// computeStats) against a naive baseline that re-scans every stored row per window, in the
// same run. Prints figures; asserts nothing.
import { generateOrg, orgTruth } from '../../sim/scenarios/org.js';
import {
  computeStats,
  ContributionIndex,
  WINDOWS,
  rankCounts,
} from '../../src-main/stats/index.js';
import { METRICS, type DailyCount } from '../../src-main/store/types.js';

const DAY_MS = 86_400_000;

/** What a straightforward implementation does: per window, scan all rows with Date parsing. */
function naiveStats(counts: DailyCount[], now: Date): number {
  const windowDays: Record<string, number> = {
    '24h': 1,
    '7d': 7,
    '30d': 30,
    '90d': 90,
    month: 31,
    all: 1e9,
  };
  let cells = 0;
  for (const w of WINDOWS) {
    const since = now.getTime() - windowDays[w]! * DAY_MS;
    const sums = new Map<string, number>();
    for (const c of counts) {
      const t = Date.parse(`${c.day}T00:00:00Z`);
      if (t + DAY_MS <= since) continue;
      const key = `${c.metric}\u0000${c.login}`;
      sums.set(key, (sums.get(key) ?? 0) + c.count);
    }
    for (const metric of METRICS) {
      const entries = [...sums]
        .filter(([k]) => k.startsWith(`${metric}\u0000`))
        .map(([k, count]) => ({ login: k.slice(metric.length + 1), count }));
      cells += rankCounts(entries).length;
    }
  }
  // Streaks: per login, collect and sort active days.
  const byLogin = new Map<string, Set<string>>();
  for (const c of counts) {
    let s = byLogin.get(c.login);
    if (!s) byLogin.set(c.login, (s = new Set()));
    s.add(c.day);
  }
  for (const days of byLogin.values()) [...days].sort();
  return cells;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

export async function run(): Promise<void> {
  const now = Date.UTC(2025, 4, 15, 12);
  const org = generateOrg({ seed: 7, preset: 'large', now });
  const counts = orgTruth(org, { includeBots: false });
  const events = counts.reduce((s, c) => s + c.count, 0);
  console.log(
    `stats bench: large scenario, ${counts.length.toLocaleString()} daily rows holding ${events.toLocaleString()} events`,
  );

  const naive = time(() => naiveStats(counts, new Date(now)));
  const build = time(() => new ContributionIndex(counts));
  const first = time(() =>
    computeStats(build.value, { now: new Date(now), timeZone: 'Europe/Berlin' }),
  );
  // The index is reused when only the clock moves (the common case between crawls).
  const again = time(() =>
    computeStats(build.value, { now: new Date(now + 3_600_000), timeZone: 'Europe/Berlin' }),
  );
  const increment = counts.slice(0, 500).map((c) => ({ ...c, day: '2025-05-15' }));
  const incremental = time(() => {
    build.value.add(increment);
    return computeStats(build.value, { now: new Date(now + 7_200_000), timeZone: 'Europe/Berlin' });
  });
  const rss = process.resourceUsage().maxRSS / 1024;
  console.table({
    'naive baseline (6 windows, ranks, streak days)': { ms: naive.ms.toFixed(0) },
    'index build': { ms: build.ms.toFixed(0) },
    'computeStats, all windows x metrics + ranks + streaks + hall of fame': {
      ms: first.ms.toFixed(0),
    },
    'computeStats again, same index, later now': { ms: again.ms.toFixed(0) },
    'add 500 increments + computeStats': { ms: incremental.ms.toFixed(0) },
  });
  console.log(
    `contributors: ${first.value.contributors.length}; indexed total (build + compute) ${(build.ms + first.ms).toFixed(0)} ms vs naive ${naive.ms.toFixed(0)} ms (naive computes less: no averages, no streak runs, no hall of fame)`,
  );
  console.log(
    `heap used ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MiB; peak RSS ${rss.toFixed(0)} MiB`,
  );
}
