import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { ProjectedEvent, Projection } from '../../src/projections/projection.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { decodeEvent, isDomainEventType } from '../../src/domain/event-decoding.js';

/**
 * Given events, then this state or this answer: one helper for every projection. The events are
 * handed to `apply` as the store hands them over (a stream, a revision per stream, a position in the
 * log, a recorded time), so a test names only the domain events.
 *
 *   const register = projectionSpecification(passRegister, { streamOf: (e) => `pass-${e.data.passId}` });
 *   register.given(passRecorded, raidRecorded).then((state) => passView(state, passId), expectedView);
 */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

export interface ProjectionOptions<E extends DomainEvent> {
  /** The stream an event was appended to. */
  streamOf(event: E): string;
  /** When the `n`th event (from 0) was recorded; default one second apart from 2022-06-01T10:00Z. */
  recordedAt?(n: number): string;
}

export interface GivenProjection<S, E extends DomainEvent> {
  /** The projection's state after the events. */
  readonly state: S;
  /** More events, after these, in the same log. */
  and(...events: E[]): GivenProjection<S, E>;
  /** The state saved and loaded again (`serialize`, `deserialize`), to go on from. */
  afterSaveAndLoad(): GivenProjection<S, E>;
  /** The answer of `query` on the state deep-equals `expected`. */
  then<A>(query: (state: S) => A, expected: A): void;
}

export function projectionSpecification<S, E extends DomainEvent>(projection: Projection<S>, options: ProjectionOptions<E>): { given(...events: E[]): GivenProjection<S, E> } {
  const recordedAt = options.recordedAt ?? ((n: number) => new Date(Date.UTC(2022, 5, 1, 10, 0, n)).toISOString());

  interface Log {
    readonly state: S;
    readonly count: number;
    readonly revisions: ReadonlyMap<string, number>;
  }

  const append = (log: Log, events: readonly E[]): Log => {
    let { state, count } = log;
    const revisions = new Map(log.revisions);
    for (const event of events) {
      const streamId = options.streamOf(event);
      const revision = (revisions.get(streamId) ?? -1) + 1;
      revisions.set(streamId, revision);
      const recorded: RecordedEvent = { id: randomUUID(), streamId, revision, position: count + 1, type: event.type, data: event.data, metadata: {}, recordedAt: recordedAt(count) };
      // Domain events are decoded as the engine decodes them; a test's own event types pass as they are.
      state = projection.apply(state, (isDomainEventType(recorded.type) ? decodeEvent(recorded) : recorded) as ProjectedEvent);
      count += 1;
    }
    return { state, count, revisions };
  };

  const givenFrom = (log: Log): GivenProjection<S, E> => ({
    state: log.state,
    and: (...events) => givenFrom(append(log, events)),
    afterSaveAndLoad: () => givenFrom({ ...log, state: projection.deserialize(projection.serialize(log.state)) }),
    then: (query, expected) => expect(query(log.state)).to.deep.equal(expected),
  });

  return { given: (...events) => givenFrom(append({ state: projection.init(), count: 0, revisions: new Map() }, events)) };
}
