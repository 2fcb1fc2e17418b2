// UTC calendar days as small integers (days since 1970-01-01): compact on disk, cheap to compare.
const MS_PER_DAY = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const labels = new Map<number, string>();
const numbers = new Map<string, number>();

/** 'YYYY-MM-DD' → day number; NaN when the text is not a real calendar day. */
export function dayNumber(day: string): number {
  const known = numbers.get(day);
  if (known !== undefined) return known;
  const n = parseDay(day);
  // Only valid days are memoised, so arbitrary bad input cannot grow the cache.
  if (!Number.isNaN(n)) numbers.set(day, n);
  return n;
}

function parseDay(day: string): number {
  const match = DAY.exec(day);
  if (!match) return Number.NaN;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2024-02-31 over to March; a round trip catches it.
  return new Date(ms).toISOString().slice(0, 10) === day ? ms / MS_PER_DAY : Number.NaN;
}

/** Day number → 'YYYY-MM-DD'; memoised because millions of counts share a few thousand days. */
export function dayLabel(n: number): string {
  let label = labels.get(n);
  if (label === undefined) {
    label = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    labels.set(n, label);
  }
  return label;
}
