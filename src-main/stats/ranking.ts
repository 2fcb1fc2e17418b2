// Competition ranking ("1224"): tied counts share a rank and the next rank skips the tied
// places. Only contributors with a count above zero are ranked.

export interface RankedEntry {
  login: string;
  count: number;
  rank: number;
}

export function rankCounts(entries: Iterable<{ login: string; count: number }>): RankedEntry[] {
  const positive = [...entries].filter((e) => e.count > 0);
  // Ties are listed by login so the order is stable between runs.
  positive.sort(
    (a, b) => b.count - a.count || (a.login < b.login ? -1 : a.login > b.login ? 1 : 0),
  );
  const ranked: RankedEntry[] = [];
  for (let i = 0; i < positive.length; i++) {
    const e = positive[i]!;
    const prev = ranked[i - 1];
    ranked.push({
      login: e.login,
      count: e.count,
      rank: prev && prev.count === e.count ? prev.rank : i + 1,
    });
  }
  return ranked;
}

/** The hall of fame: everyone ranked 10th or better, so a tie for 10th place is not cut off. */
export function topTen(ranked: readonly RankedEntry[]): RankedEntry[] {
  return ranked.filter((e) => e.rank <= 10);
}
