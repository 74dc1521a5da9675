import { SOCIAL_SERVICES_ONLY_EVENT_TYPES } from '../src/auth/access-policy.js';
import type { RecordedEvent } from '../src/store/port.js';

/**
 * What the police are shown of a pass: never a social-services-only fact, and no gap where one was
 * withheld — events and revisions are numbered over what they see, as their writes are checked
 * (src/application/record-commands.ts).
 */

interface HistoryEntry {
  readonly position: number;
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: string | null;
  readonly recordedAt: Date;
  readonly commandId: string | null;
  readonly actor: { userId: string; org: string; role: string } | null;
}

const seenByPolice = (event: RecordedEvent): boolean => !SOCIAL_SERVICES_ONLY_EVENT_TYPES.has(event.type);

/** A pass's history as the caller sees it: for the police, without the withheld events and numbered over the rest. */
export function historySeenBy(events: readonly RecordedEvent[], police: boolean): HistoryEntry[] {
  return events.filter((event) => !police || seenByPolice(event)).map((event, shown) => {
    const metadata = event.metadata as { occurredAt?: string; commandId?: string; actor?: { userId: string; org: string; role: string } };
    return {
      position: event.position,
      revision: police ? shown : event.revision,
      type: event.type,
      occurredAt: metadata.occurredAt ?? null,
      recordedAt: new Date(event.recordedAt),
      commandId: metadata.commandId ?? null,
      actor: metadata.actor ?? null,
    };
  });
}

/** The police's number for the stream's revision `revision`: the events up to it they may see, less one. */
export function policeRevision(events: readonly RecordedEvent[], revision: number): number {
  let shown = -1;
  for (const event of events) {
    if (event.revision > revision) break;
    if (seenByPolice(event)) shown += 1;
  }
  return shown;
}

/** A social-services-only fact as the caller may read it: null for the police. */
export const withheldFromPolice = <T>(police: boolean, value: T): T | null => (police ? null : value);
