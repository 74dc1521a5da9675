import { createHash } from 'node:crypto';
import type { EventStore, NewEvent, RecordedEvent } from '../store/port.js';

/**
 * Copies a whole log to another store in global order, keeping each event's id, type, data and
 * metadata (its original recorded time and position go into the metadata), then compares the two:
 * the number of events and a checksum over (id, type, data) in order.
 *
 * A re-run appends nothing: the target's last revision of each stream is taken from one read of its
 * log (none when the target held nothing) and what it already holds is skipped; a run that stopped
 * half-way goes on after the last event that arrived. Appends stay below EventStoreDB's
 * MaxAppendSize (1 MiB of data, metadata and type per append): a run of consecutive events of one
 * stream, such as a day of audit events, is split into several appends.
 */
interface MigrationReport {
  readonly events: number;
  readonly appended: number;
  readonly sourceChecksum: string;
  readonly targetChecksum: string;
  readonly targetEvents: number;
  readonly identical: boolean;
}

export class MigrationMismatch extends Error {}

/** Below the server's 1 MiB, with room for what the size estimate leaves out. */
const MIGRATION_APPEND_BYTES = 896 * 1024;
const MAX_EVENTS_PER_APPEND = 2_000;

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

/** What EventStoreDB counts against MaxAppendSize (Event.SizeOnDisk): data + metadata + 2 × type length. */
const sizeOf = (event: NewEvent) => Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata)) + 2 * event.type.length;

/** Consecutive slices of `events` whose size stays within `budget` (an event larger than that goes alone). */
function splitForAppend(events: readonly NewEvent[], budget = MIGRATION_APPEND_BYTES): NewEvent[][] {
  const chunks: NewEvent[][] = [];
  let chunk: NewEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = sizeOf(event);
    if (chunk.length > 0 && (bytes + size > budget || chunk.length >= MAX_EVENTS_PER_APPEND)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(event);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Each stream's last revision as the store's log holds it, from one read of the whole log. */
async function lastRevisions(store: EventStore): Promise<Map<string, number>> {
  const revisions = new Map<string, number>();
  for await (const page of store.readAll({ metadata: false, pageSize: 2_000 })) for (const event of page) revisions.set(event.streamId, Math.max(event.revision, revisions.get(event.streamId) ?? -1));
  return revisions;
}

export async function migrateLog(source: EventStore, target: EventStore, onProgress?: (done: number, total: number) => void, budget = MIGRATION_APPEND_BYTES): Promise<MigrationReport> {
  const total = await source.headPosition();
  let appended = 0;
  // A target that held nothing at the start has each stream where this run left it; one that held
  // something says where each stream stands in one read of its log, not a read per stream (the
  // checksum below reads it whole anyway). Another writer meanwhile is refused by the expected
  // revision, and the checksums differ.
  const targetRevision = (await target.headPosition()) === 0 ? new Map<string, number>() : await lastRevisions(target);
  const lastRevisionOf = (streamId: string) => targetRevision.get(streamId) ?? -1;
  // Consecutive events of one stream go together, after the revision they followed in the source.
  let run: RecordedEvent[] = [];
  const flush = async () => {
    const first = run[0];
    if (!first) return;
    const there = lastRevisionOf(first.streamId);
    const missing = run.filter((event) => event.revision > there);
    run = [];
    let expected = there;
    for (const chunk of splitForAppend(missing.map(copied), budget)) {
      const result = await target.append(first.streamId, chunk, expected < 0 ? 'no_stream' : expected);
      if (!result.alreadyRecorded) appended += chunk.length;
      expected += chunk.length;
    }
    targetRevision.set(first.streamId, expected);
  };
  for await (const page of source.readAll({ pageSize: 2_000 })) {
    for (const event of page) {
      if (run.length > 0 && (run[0] as RecordedEvent).streamId !== event.streamId) await flush();
      run.push(event);
    }
    await flush();
    onProgress?.((page[page.length - 1] as RecordedEvent).position, total);
  }
  const [from, to] = [await checksumOf(source), await checksumOf(target)];
  const report = { events: from.events, appended, sourceChecksum: from.checksum, targetChecksum: to.checksum, targetEvents: to.events, identical: from.events === to.events && from.checksum === to.checksum };
  if (!report.identical) {
    throw new MigrationMismatch(`the target differs from the source: ${from.events} events (checksum ${from.checksum.slice(0, 12)}…) against ${to.events} (${to.checksum.slice(0, 12)}…)`);
  }
  return report;
}
