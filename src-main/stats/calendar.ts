// Day arithmetic for stats. Stored counts are per UTC day ("bucket"); calendar ideas (today,
// streaks, the calendar month, daily series) live in the configured IANA time zone.
//
// Attribution rule: a UTC-day bucket belongs to the local date of its midpoint (12:00 UTC). For
// every zone within ±12 h of UTC that is the bucket's own date; east of +12 h (e.g. Pacific/Auckland
// in summer) it is the next date. A bucket attributed after local "today" (possible west of UTC in
// the local evening, when the UTC date has already turned) counts as today: it can only hold
// events that already happened.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a YYYY-MM-DD label. */
export function dayIndex(label: string): number {
  const y = Number(label.slice(0, 4));
  const m = Number(label.slice(5, 7));
  const d = Number(label.slice(8, 10));
  const ms = Date.UTC(y, m - 1, d);
  if (label.length !== 10 || Number.isNaN(ms))
    throw new Error(`"${label}" is not a YYYY-MM-DD day`);
  return ms / DAY_MS;
}

export function dayLabel(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

export function utcDayIndex(instant: Date): number {
  return Math.floor(instant.getTime() / DAY_MS);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar date (as a day index) of an instant in a time zone. */
export function localDayIndex(instant: Date, timeZone: string): number {
  return dayIndex(formatter(timeZone).format(instant));
}

/** Maps UTC-day buckets to local dates by the midpoint rule, clamped to local today. */
export class BucketCalendar {
  private readonly cache = new Map<number, number>();
  readonly todayLocal: number;
  readonly todayUtc: number;

  constructor(
    readonly now: Date,
    readonly timeZone: string,
  ) {
    this.todayLocal = localDayIndex(now, timeZone);
    this.todayUtc = utcDayIndex(now);
  }

  localIndexOf(bucket: number): number {
    let local = this.cache.get(bucket);
    if (local === undefined) {
      local = Math.min(
        localDayIndex(new Date(bucket * DAY_MS + DAY_MS / 2), this.timeZone),
        this.todayLocal,
      );
      this.cache.set(bucket, local);
    }
    return local;
  }

  /** First day index of the local calendar month containing `localIndex`. */
  static monthStart(localIndex: number): number {
    const label = dayLabel(localIndex);
    return dayIndex(`${label.slice(0, 8)}01`);
  }

  /** Monday of the ISO week containing `localIndex`. */
  static weekStart(localIndex: number): number {
    // 1970-01-01 was a Thursday: (index + 3) % 7 is 0 on Mondays.
    return localIndex - ((((localIndex + 3) % 7) + 7) % 7);
  }
}

/**
 * The UTC buckets whose attributed local date lies in [from, to]. The midpoint rule maps bucket b
 * to local date b or b+1, monotonically, so the answer is one contiguous range.
 */
export function bucketRangeForLocal(
  calendar: BucketCalendar,
  from: number,
  to: number,
): { from: number; to: number } {
  const utcFrom =
    Number.isFinite(from) && calendar.localIndexOf(from - 1) >= from ? from - 1 : from;
  const utcTo = Number.isFinite(to) && calendar.localIndexOf(to) > to ? to - 1 : to;
  return { from: utcFrom, to: utcTo };
}
