// The compact encoding of one contributor's daily counts for one metric in one repository:
// `[firstDay, c, c, -gap, c, ...]` (see RepoContributionsFileSchema). Series are immutable: an
// update builds a new array, so a failed write never leaves a half-changed series in memory.
export type EncodedSeries = readonly number[];

/** Calls `visit(day, count)` for every stored day, oldest first. */
export function forEachDay(
  series: EncodedSeries,
  visit: (day: number, count: number) => void,
): void {
  if (series.length === 0) return;
  let day = series[0] as number;
  for (let i = 1; i < series.length; i++) {
    const entry = series[i] as number;
    if (entry > 0) {
      visit(day, entry);
      day += 1;
    } else {
      day -= entry; // a negative entry skips days; 0 skips none
    }
  }
}

/** Encodes (day, count) pairs sorted by day with positive counts. */
export function encodeDays(days: readonly number[], counts: readonly number[]): number[] {
  if (days.length === 0) return [];
  const out: number[] = [days[0] as number];
  let next = days[0] as number;
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as number;
    if (day > next) out.push(next - day);
    out.push(counts[i] as number);
    next = day + 1;
  }
  return out;
}

/** Adds `increments` (day → delta) to a series; days whose count drops to 0 or below vanish. */
export function addToSeries(
  series: EncodedSeries | undefined,
  increments: ReadonlyMap<number, number>,
): number[] {
  const merged = new Map<number, number>();
  if (series) forEachDay(series, (day, count) => merged.set(day, count));
  for (const [day, delta] of increments) merged.set(day, (merged.get(day) ?? 0) + delta);
  const days = [...merged.keys()]
    .filter((d) => (merged.get(d) as number) > 0)
    .sort((a, b) => a - b);
  return encodeDays(
    days,
    days.map((d) => merged.get(d) as number),
  );
}
