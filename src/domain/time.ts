import { DateTime } from 'luxon';

/** Every local date and time in samlogg is Stockholm's (DESIGN §2). */
export const ZONE = 'Europe/Stockholm';

/** The agreement with the police was signed in April 2021; cumulative figures start here. */
export const AGREEMENT_START = '2021-04-01';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isLocalDate(value: string): boolean {
  return LOCAL_DATE.test(value) && DateTime.fromISO(value, { zone: ZONE }).isValid;
}

/** The Stockholm calendar date of an instant. */
export function stockholmDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate() as string;
}

/**
 * The instant a local date and time in Stockholm denote, as ISO-8601 with offset. A time that does not
 * exist (the hour skipped when summer time starts) moves forward, as a clock on the wall would.
 */
export function stockholmDateTime(date: string, time = '00:00'): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toISO({ suppressMilliseconds: true }) as string;
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

/** T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec: first and last date, inclusive. */
export function tertialRange(t: Tertial): { from: string; to: string } {
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
