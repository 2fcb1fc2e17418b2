// Streaks over local calendar days. The current streak counts consecutive active days ending
// today or yesterday (local): a day that has not ended yet does not break a streak, but a
// whole day with no activity does.

export interface Streaks {
  current: number;
  longest: number;
}

/** `localDays`: sorted, de-duplicated local day indexes with activity (already clamped to today). */
export function streaksOf(localDays: readonly number[], todayLocal: number): Streaks {
  let longest = 0;
  let run = 0;
  let previous = Number.NaN;
  for (const day of localDays) {
    run = day === previous + 1 ? run + 1 : 1;
    if (run > longest) longest = run;
    previous = day;
  }
  const last = localDays[localDays.length - 1];
  const current = last !== undefined && last >= todayLocal - 1 ? run : 0;
  return { current, longest };
}

/** Merges sorted day arrays into one sorted, de-duplicated array. */
export function unionDays(arrays: readonly ArrayLike<number>[]): number[] {
  const all = new Set<number>();
  for (const a of arrays) for (let i = 0; i < a.length; i++) all.add(a[i]!);
  return [...all].sort((x, y) => x - y);
}
