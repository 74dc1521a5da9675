import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { DateTime } from 'luxon';
import { domainError, type DomainError } from '../domain/errors.js';
import { stockholmDate, ZONE } from '../domain/time.js';
import type { EventStore, RecordedEvent } from '../store/port.js';
import { parseRecord } from './record-schemas.js';

/**
 * Every look at pass-level data leaves a record in the log: who (subject, organisation, role), what
 * (the operation and the passes it returned), when, and the request. One stream per Stockholm day
 * keeps an auditor's period query to the days asked for, not a scan of the log.
 */
const PASS_DATA_READ = 'PassDataRead';

export interface PassDataRead {
  readonly sub: string;
  readonly org: string;
  readonly role: string;
  readonly operation: string;
  readonly passIds: readonly string[];
  readonly requestId: string;
  readonly at: string;
}

const auditStreamId = (day: string) => `audit-${day}`;

export async function recordRead(store: EventStore, principal: Principal, operation: string, passIds: readonly string[], requestId: string, now: Date): Promise<void> {
  const read: PassDataRead = { sub: principal.sub, org: principal.org, role: principal.role, operation, passIds, requestId, at: now.toISOString() };
  await store.append(auditStreamId(stockholmDate(now)), [{ id: randomUUID(), type: PASS_DATA_READ, data: read, metadata: { schemaVersion: 1, requestId } }], 'any');
}

const MAX_AUDIT_DAYS = 366;

/** An audit query reads one stream per day, so its period is bounded; undefined when `from`..`to` is fine. */
export function auditPeriodError(from: string, to: string): DomainError | undefined {
  const days = DateTime.fromISO(to, { zone: ZONE }).diff(DateTime.fromISO(from, { zone: ZONE }), 'days').days + 1;
  return days > MAX_AUDIT_DAYS ? domainError('BAD_USER_INPUT', 'to', `must be at most ${MAX_AUDIT_DAYS} days from from`) : undefined;
}

/** The reads recorded on the Stockholm days from `from` to `to` (YYYY-MM-DD, both included), oldest first. */
export async function readsBetween(store: EventStore, from: string, to: string, sub?: string): Promise<PassDataRead[]> {
  const reads: PassDataRead[] = [];
  for (let day = from; day <= to; day = nextDay(day)) {
    const events: RecordedEvent[] = await store.readStream(auditStreamId(day));
    for (const event of events) {
      if (event.type !== PASS_DATA_READ) continue;
      const read = parseRecord('PassDataRead', event.data);
      // A record that cannot be read is not passed over in silence: the auditor is told.
      if (!read) throw new Error(`the read audit of ${day} holds a record at position ${event.position} this version cannot read`);
      if (!sub || read.sub === sub) reads.push(read);
    }
  }
  return reads;
}

const nextDay = (day: string) => DateTime.fromISO(day, { zone: ZONE }).plus({ days: 1 }).toISODate() as string;
