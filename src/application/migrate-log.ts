import { createHash } from 'node:crypto';
import type { EventStore, NewEvent, RecordedEvent } from '../store/port.js';

/**
 * Copies a whole log to another store in global order, keeping each event's id, type, data and
 * metadata (its original recorded time and position go into the metadata), then compares the two:
 * the number of events and a checksum over (id, type, data) in order. A re-run appends nothing:
 * the target recognises the ids it already holds.
 */
export interface MigrationReport {
  readonly events: number;
  readonly appended: number;
  readonly sourceChecksum: string;
  readonly targetChecksum: string;
  readonly targetEvents: number;
  readonly identical: boolean;
}

export class MigrationMismatch extends Error {}

async function checksumOf(store: EventStore, onProgress?: (done: number) => void): Promise<{ events: number; checksum: string }> {
  const hash = createHash('sha256');
  let events = 0;
  for await (const page of store.readAll({ metadata: false, pageSize: 2_000 })) {
    for (const event of page) hash.update(`${JSON.stringify([event.id, event.type, event.data])}\n`);
    events += page.length;
    onProgress?.(events);
  }
  return { events, checksum: hash.digest('hex') };
}

function copied(event: RecordedEvent): NewEvent {
  return { id: event.id, type: event.type, data: event.data, metadata: { ...event.metadata, migratedFrom: { recordedAt: event.recordedAt, position: event.position } } };
}

export async function migrateLog(source: EventStore, target: EventStore, onProgress?: (done: number, total: number) => void): Promise<MigrationReport> {
  const total = await source.headPosition();
  let done = 0;
  let appended = 0;
  // Consecutive events of one stream go in one append, after the revision they followed in the source.
  let run: RecordedEvent[] = [];
  const flush = async () => {
    const first = run[0];
    if (!first) return;
    const result = await target.append(first.streamId, run.map(copied), first.revision === 0 ? 'no_stream' : first.revision - 1);
    if (!result.alreadyRecorded) appended += run.length;
    run = [];
  };
  for await (const page of source.readAll({ pageSize: 2_000 })) {
    for (const event of page) {
      if (run.length > 0 && (run[0] as RecordedEvent).streamId !== event.streamId) await flush();
      run.push(event);
    }
    await flush();
    done = (page[page.length - 1] as RecordedEvent).position;
    onProgress?.(done, total);
  }
  const [from, to] = [await checksumOf(source), await checksumOf(target)];
  const report = { events: from.events, appended, sourceChecksum: from.checksum, targetChecksum: to.checksum, targetEvents: to.events, identical: from.events === to.events && from.checksum === to.checksum };
  if (!report.identical) {
    throw new MigrationMismatch(`the target differs from the source: ${from.events} events (checksum ${from.checksum.slice(0, 12)}…) against ${to.events} (${to.checksum.slice(0, 12)}…)`);
  }
  return report;
}
