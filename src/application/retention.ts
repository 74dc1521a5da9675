import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { dateNumber } from '../../projections/pass-register-rows.js';
import { passStreamId } from '../domain/events.js';
import { domainError, type DomainError } from '../domain/errors.js';
import { ZONE } from '../domain/time.js';
import type { DataKeyStore } from '../store/data-keys.js';
import type { EventStore } from '../store/port.js';
import type { Actor } from './actor.js';

/**
 * Retention by crypto-shredding: the data keys of passes dated before the cut-off are destroyed, so
 * their free text (area, reasons) can never be read again, while every event and every count stays.
 * A run that destroys anything is itself recorded in the log (who, when, cut-off, which passes).
 */
const RETENTION_APPLIED = 'RetentionApplied';

interface RetentionLimit {
  readonly amount: number;
  readonly unit: 'years' | 'months' | 'days';
  readonly text: string;
}

/** `5y`, `18m` or `90d`; an error naming `field` otherwise. */
export function parseRetentionLimit(text: string, field = 'olderThan'): RetentionLimit | DomainError {
  const match = /^([1-9]\d{0,3})(y|m|d)$/.exec(text);
  if (!match) return domainError('BAD_USER_INPUT', field, 'must be a whole number of years, months or days, e.g. 5y, 18m or 90d');
  const unit = match[2] === 'y' ? 'years' : match[2] === 'm' ? 'months' : 'days';
  return { amount: Number(match[1]), unit, text };
}

interface RetentionReport {
  /** Pass dates before this Stockholm day are past the limit. */
  readonly cutoff: string;
  /** Passes dated before the cut-off. */
  readonly passesPastLimit: number;
  /** Of those, passes whose key still existed: their text is (or in a dry run would be) erased now. */
  readonly passesErased: number;
  readonly dryRun: boolean;
  /** Log position of the run's own record; absent for a dry run or a run that erased nothing. */
  readonly position?: number;
}

export async function applyRetention(
  store: EventStore,
  register: PassRegister,
  keys: DataKeyStore,
  limit: RetentionLimit,
  context: { actor: Actor; now: Date; dryRun: boolean },
): Promise<RetentionReport> {
  const cutoff = DateTime.fromJSDate(context.now, { zone: ZONE }).startOf('day').minus({ [limit.unit]: limit.amount }).toISODate() as string;
  const before = dateNumber(cutoff);
  const past: string[] = [];
  const dates = register.passes.cols.date;
  for (let row = 0; row < register.passes.count; row += 1) {
    if ((dates[row] as number) < before) past.push(register.passIds[row] as string);
  }
  const owners = past.map(passStreamId).filter((owner) => keys.find(owner) !== undefined);
  if (context.dryRun || owners.length === 0) return { cutoff, passesPastLimit: past.length, passesErased: owners.length, dryRun: context.dryRun };
  // Recorded first: a run that destroyed keys but left no record would be the quiet change this log exists to prevent.
  const recorded = await store.append(
    `retention-${cutoff}`,
    [
      {
        id: randomUUID(),
        type: RETENTION_APPLIED,
        data: { olderThan: limit.text, cutoff, passIds: owners.map((owner) => owner.slice('pass-'.length)) },
        metadata: { schemaVersion: 1, actor: context.actor, occurredAt: context.now.toISOString() },
      },
    ],
    'any',
  );
  const erased = keys.destroy(owners, `retention ${limit.text} (pass dates before ${cutoff})`);
  return { cutoff, passesPastLimit: past.length, passesErased: erased, dryRun: false, position: recorded.position };
}
