import { EVENT_SCHEMAS } from './event-schemas.js';
import { DOMAIN_EVENT_TYPES, type DomainEvent } from './events.js';
import { schemaVersionOf, upcastersFrom } from './upcasters.js';

/**
 * The one step between the log and everything that folds it (the projection engine, as-of folds, the
 * write path loading a stream): an event as stored — a type string, data of whatever version wrote
 * it — becomes a member of the DomainEvent union in the current shape, upcast where it is older.
 *
 * Two checks, by who vouches for the data:
 * - `trusted` (the default): the type must be one this version knows, the schema version one it can
 *   read, the data an object. The log's events were written by this code's deciders, through commands
 *   zod had checked, and the log's hash chain vouches that they were not changed since; checking every
 *   field again would cost a rebuild about a third of its speed (see the bench).
 * - `full`: the data is parsed with the type's zod schema as well (event-schemas.ts), which names the
 *   field and the rule of the first thing wrong. `samlogg verify` and the tests read the log so.
 *
 * Anything that does not check out is an EventDecodingError: a fold never goes on with an event it
 * cannot read.
 */
export type EventCheck = 'trusted' | 'full';

export class EventDecodingError extends Error {
  override readonly name = 'EventDecodingError';
}

/** What the decoding step reads of a stored event. */
export interface StoredEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** A stored event of `E`'s shape whose type and data are one of the domain's events, as this version reads it. */
export type Decoded<E extends StoredEvent> = DomainEvent extends infer D ? (D extends DomainEvent ? Omit<E, 'type' | 'data'> & D : never) : never;

const KNOWN = new Set<string>(DOMAIN_EVENT_TYPES);
const SCHEMAS: Readonly<Record<string, (typeof EVENT_SCHEMAS)[keyof typeof EVENT_SCHEMAS]>> = EVENT_SCHEMAS;

export function isDomainEventType(type: string): boolean {
  return KNOWN.has(type);
}

/**
 * The event's data in the current shape. A log written before versions were kept has none in its
 * metadata: that is version 1, the only one there was.
 */
export function decodeData(type: string, data: unknown, schemaVersion: unknown, check: EventCheck = 'trusted'): unknown {
  if (!KNOWN.has(type)) throw new EventDecodingError(`${type.slice(0, 60)} is not an event type this version knows`);
  const current = schemaVersionOf(type);
  const version = schemaVersion === undefined ? 1 : schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > current) {
    throw new EventDecodingError(`${type}: schemaVersion must be a version from 1 to ${current}, the ones this version reads`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new EventDecodingError(`${type}: data must be an object`);
  let shaped = data as Record<string, unknown>;
  if (version < current) for (const upcaster of upcastersFrom(type, version)) shaped = upcaster.up(shaped);
  if (check === 'full') {
    const parsed = (SCHEMAS[type] as (typeof SCHEMAS)[string]).safeParse(shaped);
    if (!parsed.success) {
      // The path and the rule, never the value: the log may hold what should not be printed.
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(data)';
      throw new EventDecodingError(`${type} (schema version ${version}): data.${field} ${issue?.code === 'unrecognized_keys' ? 'has a field this version does not know' : (issue?.message ?? 'is not valid')}`);
    }
  }
  return shaped;
}

/** The stored event with its data decoded: the same object when nothing was upcast, so a rebuild allocates nothing for it. */
export function decodeEvent<E extends StoredEvent>(event: E, check: EventCheck = 'trusted'): Decoded<E> {
  const data = decodeData(event.type, event.data, event.metadata.schemaVersion, check);
  // The one place a stored event becomes a typed one: what decodeData checked is what the union says.
  return (data === event.data ? event : { ...event, data }) as unknown as Decoded<E>;
}
