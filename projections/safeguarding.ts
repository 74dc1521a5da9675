import { DateTime } from 'luxon';
import { ZONE } from '../src/domain/time.js';
import { HOME_KOMMUN_VALUES } from '../src/domain/kommun.js';
import type { Unit } from '../src/domain/vocabulary.js';
import { CONCERN_REPORTED, dateString, GUARDIAN_CONTACTED, UNDER_18_AGE_CODES, RETRACTED, unitsOf, type PassRegister } from './pass-register-rows.js';

/**
 * Safeguarding of minors (14 kap. 1 § SoL): every encounter under 18 needs its guardian contacted and
 * a report of concern filed with the home kommun's social services. Read from the pass register; pure,
 * with `now` passed in.
 */

const OVERDUE_AFTER_HOURS = 24;

export const SAFEGUARDING_ACTIONS = ['GUARDIAN_CONTACT', 'CONCERN_REPORT'] as const;
export type SafeguardingAction = (typeof SAFEGUARDING_ACTIONS)[number];

interface OpenSafeguarding {
  readonly passId: string;
  readonly encounterId: string;
  readonly passDate: string;
  readonly passUnits: Unit[];
  readonly homeKommun: string;
  readonly missing: SafeguardingAction[];
  /** The instant the hours are counted from: the pass's end, or the start of its date when no end is recorded. */
  readonly since: string;
  /** Whole hours from `since` to now. */
  readonly ageHours: number;
  /** More than 24 hours since `since`. */
  readonly overdue: boolean;
}

/**
 * When a pass ended: its end time on its date, or on the next day when the end time is not after the
 * start (a night pass 21:00–03:00); the start of its date when no end time is recorded.
 */
export function passEnd(date: string, startTime: string | null | undefined, endTime: string | null | undefined): DateTime {
  const day = DateTime.fromISO(date, { zone: ZONE });
  if (!endTime) return day;
  const end = DateTime.fromISO(`${date}T${endTime}`, { zone: ZONE });
  return startTime && endTime <= startTime ? DateTime.fromISO(`${day.plus({ days: 1 }).toISODate()}T${endTime}`, { zone: ZONE }) : end;
}

export function openSafeguardingActions(register: PassRegister, now: Date): OpenSafeguarding[] {
  const open: OpenSafeguarding[] = [];
  const p = register.passes.cols;
  const e = register.encounters.cols;
  const at = DateTime.fromJSDate(now, { zone: ZONE });
  for (let row = 0; row < register.encounters.count; row += 1) {
    const flags = e.flags[row] as number;
    const pass = e.pass[row] as number;
    if ((flags & RETRACTED) !== 0 || p.retracted[pass] || !UNDER_18_AGE_CODES.has(e.ageBand[row] as number)) continue;
    const missing: SafeguardingAction[] = [];
    if ((flags & GUARDIAN_CONTACTED) === 0) missing.push('GUARDIAN_CONTACT');
    if ((flags & CONCERN_REPORTED) === 0) missing.push('CONCERN_REPORT');
    if (missing.length === 0) continue;
    const passDate = dateString(p.date[pass] as number);
    const since = passEnd(passDate, register.passStart[pass], register.passEnd[pass]);
    const hours = at.diff(since, 'hours').hours;
    const ageHours = Math.max(0, Math.floor(hours));
    open.push({
      passId: register.passIds[pass] as string,
      encounterId: register.encounterIds[row] as string,
      passDate,
      passUnits: unitsOf(p.units[pass] as number),
      homeKommun: HOME_KOMMUN_VALUES[e.homeKommun[row] as number] as string,
      missing,
      since: since.toISO({ suppressMilliseconds: true }) as string,
      ageHours,
      overdue: hours > OVERDUE_AFTER_HOURS,
    });
  }
  // The longest waiting first.
  return open.sort((a, b) => b.ageHours - a.ageHours || (a.encounterId < b.encounterId ? -1 : 1));
}
