import { DateTime } from 'luxon';

/** Every local date and time in samlogg is Stockholm's (DESIGN §2). */
export const ZONE = 'Europe/Stockholm';

/** The agreement with the police was signed in April 2021; cumulative figures start here. */
export const AGREEMENT_START = '2021-04-01';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real Gregorian calendar date written YYYY-MM-DD. Checked by arithmetic, not by luxon: every
 * mutation's date goes through here twice (the GraphQL scalar and the command schema) and every
 * decoded event once, and luxon's zone-aware parse was a tenth of the server's CPU under writes.
 * Midnight exists in Stockholm on every date (the clocks change at 02:00 and 03:00), so a real date is
 * a real Stockholm date; the unit test holds this to luxon's answer over many years.
 */
export function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number));
}

/** The Stockholm day the last instant asked about fell in, [start, end) in ms: most instants asked about are today. */
let lastDay: { readonly start: number; readonly end: number; readonly date: string } | undefined;

/** The Stockholm calendar date of an instant. */
export function stockholmDate(instant: Date): string {
  const at = instant.getTime();
  if (lastDay && at >= lastDay.start && at < lastDay.end) return lastDay.date;
  const local = DateTime.fromJSDate(instant, { zone: ZONE });
  // An invalid Date answers as before (luxon's null), unremembered.
  if (!local.isValid) return local.toISODate() as unknown as string;
  // startOf('day') and plus({ days: 1 }) in the zone: a day of 23 or 25 hours keeps its own bounds.
  const start = local.startOf('day');
  lastDay = { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis(), date: local.toISODate() as string };
  return lastDay.date;
}

/** Instants of local dates and times asked before (a pass's date and start time, asked once per command). */
const instants = new Map<string, string>();
const MAX_INSTANTS = 4096;

/**
 * The instant a local date and time in Stockholm denote, as ISO-8601 with offset. A time that does not
 * exist (the hour skipped when summer time starts) moves forward, as a clock on the wall would.
 * Remembered, since the answer never changes and luxon's zone lookup is costly; cleared when full.
 */
export function stockholmDateTime(date: string, time = '00:00'): string {
  const local = `${date}T${time}`;
  let instant = instants.get(local);
  if (instant === undefined) {
    instant = DateTime.fromISO(local, { zone: ZONE }).toISO({ suppressMilliseconds: true }) as string;
    if (instants.size >= MAX_INSTANTS) instants.clear();
    instants.set(local, instant);
  }
  return instant;
}

/**
 * Parses an instant given on the command line or in a query. With an offset or Z it is taken as is;
 * without one it is Stockholm local time. Returns undefined when it is not ISO-8601.
 */
export function parseInstant(value: string): Date | undefined {
  const parsed = DateTime.fromISO(value, { zone: ZONE, setZone: false });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

export interface Tertial {
  readonly year: number;
  readonly number: 1 | 2 | 3;
}

const TERTIAL = /^(\d{4})-T([123])$/;

export function parseTertial(value: string): Tertial | undefined {
  const match = TERTIAL.exec(value);
  if (!match) return undefined;
  return { year: Number(match[1]), number: Number(match[2]) as 1 | 2 | 3 };
}

export function formatTertial(t: Tertial): string {
  return `${t.year}-T${t.number}`;
}

const TERTIAL_DATES = { 1: ['01-01', '04-30'], 2: ['05-01', '08-31'], 3: ['09-01', '12-31'] } as const;

/**
 * T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec: first and last date, inclusive. Written out, not computed by
 * luxon: no tertial ends in February, so the dates are the same every year, and luxon's zone lookups
 * here were a fifth of what a report's disclosure plan costs. A year luxon would write otherwise
 * (outside 0–9999) is left to it; the unit test holds both to luxon's answer.
 */
export function tertialRange(t: Tertial): { from: string; to: string } {
  const dates = TERTIAL_DATES[t.number];
  if (Number.isInteger(t.year) && t.year >= 0 && t.year <= 9999 && dates) {
    const year = String(t.year).padStart(4, '0');
    return { from: `${year}-${dates[0]}`, to: `${year}-${dates[1]}` };
  }
  const firstMonth = (t.number - 1) * 4 + 1;
  const from = DateTime.fromObject({ year: t.year, month: firstMonth, day: 1 }, { zone: ZONE });
  const to = from.plus({ months: 4 }).minus({ days: 1 });
  return { from: from.toISODate() as string, to: to.toISODate() as string };
}

export function tertialOfDate(date: string): Tertial {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { year, number: (Math.floor((month - 1) / 4) + 1) as 1 | 2 | 3 };
}

export function previousTertial(t: Tertial): Tertial {
  return t.number === 1 ? { year: t.year - 1, number: 3 } : { year: t.year, number: (t.number - 1) as 1 | 2 };
}
