import { describe, expect, it } from 'vitest';
import { dayLabel, dayNumber } from '../../../../src-main/store/contributions/day.js';
import {
  addToSeries,
  encodeDays,
  forEachDay,
} from '../../../../src-main/store/contributions/series.js';

function decode(series: readonly number[]): [string, number][] {
  const out: [string, number][] = [];
  forEachDay(series, (day, count) => out.push([dayLabel(day), count]));
  return out;
}

describe('day numbers', () => {
  it('round-trips calendar days and rejects impossible ones', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayLabel(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(dayNumber('2025-02-29')).toBeNaN();
    expect(dayNumber('2025-1-01')).toBeNaN();
  });
});

describe('series encoding', () => {
  it('stores consecutive days as bare counts and gaps as negative skips', () => {
    const d = dayNumber('2025-01-01');
    expect(encodeDays([d, d + 1, d + 5], [3, 1, 2])).toEqual([d, 3, 1, -3, 2]);
    expect(decode([d, 3, 1, -3, 2])).toEqual([
      ['2025-01-01', 3],
      ['2025-01-02', 1],
      ['2025-01-06', 2],
    ]);
  });

  it('adds increments to existing days, inserts new ones in order and drops days that reach zero', () => {
    const d = dayNumber('2025-01-10');
    const before = encodeDays([d, d + 2], [1, 4]);
    const after = addToSeries(
      before,
      new Map([
        [d - 3, 2],
        [d, 5],
        [d + 2, -4],
      ]),
    );
    expect(decode(after)).toEqual([
      ['2025-01-07', 2],
      ['2025-01-10', 6],
    ]);
    expect(decode(before)).toEqual([
      ['2025-01-10', 1],
      ['2025-01-12', 4],
    ]);
  });

  it('encodes an empty series as an empty array', () => {
    expect(addToSeries(undefined, new Map([[5, -1]]))).toEqual([]);
  });
});
