// The stats windows. Stored counts are per UTC day, so every window is a set of whole buckets
// and its count is an exact sum; nothing is pro-rated.
//
// Rolling windows (24h, 7d, 30d, 90d) hold every UTC day that overlaps the last N×24 hours
// before `now`: today's bucket plus the N before it. They always contain the whole rolling
// period, and at most one extra day at the start. (The old bot's "24h" was the current UTC
// calendar day, so it read ~0 right after midnight UTC.) These need no time zone.
// The calendar month is local: buckets attributed (see calendar.ts) to the local month of `now`
// (or to a requested month). All time is everything stored.
import { BucketCalendar, dayIndex, utcDayIndex } from './calendar.js';

export const WINDOWS = ['24h', '7d', '30d', '90d', 'month', 'all'] as const;
export type WindowId = (typeof WINDOWS)[number];

const ROLLING_DAYS: Partial<Record<WindowId, number>> = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 };

export interface WindowRange {
  id: WindowId;
  /** 'utc' ranges select buckets by their UTC day; 'local' ranges by their attributed local date. */
  basis: 'utc' | 'local' | 'all';
  /** Inclusive day indexes; `to` may be Infinity for windows that end now. */
  from: number;
  to: number;
  /** Days the window spans, for daily averages (all time: set per contributor). */
  days: number;
}

export function resolveWindows(
  calendar: BucketCalendar,
  month?: string,
): Record<WindowId, WindowRange> {
  const out = {} as Record<WindowId, WindowRange>;
  for (const id of WINDOWS) {
    const rolling = ROLLING_DAYS[id];
    if (rolling !== undefined) {
      const from = utcDayIndex(new Date(calendar.now.getTime() - rolling * 86_400_000));
      out[id] = {
        id,
        basis: 'utc',
        from,
        to: Number.POSITIVE_INFINITY,
        days: calendar.todayUtc - from + 1,
      };
    } else if (id === 'month') {
      out[id] = monthRange(calendar, month);
    } else {
      out[id] = {
        id,
        basis: 'all',
        from: Number.NEGATIVE_INFINITY,
        to: Number.POSITIVE_INFINITY,
        days: 0,
      };
    }
  }
  return out;
}

function monthRange(calendar: BucketCalendar, month: string | undefined): WindowRange {
  if (month === undefined) {
    const from = BucketCalendar.monthStart(calendar.todayLocal);
    // Ends "now": buckets attributed after local today are clamped into today (calendar.ts).
    return {
      id: 'month',
      basis: 'local',
      from,
      to: Number.POSITIVE_INFINITY,
      days: calendar.todayLocal - from + 1,
    };
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new Error(`month must look like 2024-05, got "${month}"`);
  const from = dayIndex(`${month}-01`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const nextMonth = dayIndex(
    `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`,
  );
  if (from > calendar.todayLocal)
    return { id: 'month', basis: 'local', from, to: nextMonth - 1, days: 0 };
  const endsNow = nextMonth - 1 >= calendar.todayLocal;
  return {
    id: 'month',
    basis: 'local',
    from,
    to: endsNow ? Number.POSITIVE_INFINITY : nextMonth - 1,
    days: (endsNow ? calendar.todayLocal : nextMonth - 1) - from + 1,
  };
}
