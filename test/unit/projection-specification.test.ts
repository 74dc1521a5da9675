import { AssertionError, expect } from 'chai';
import type { Projection } from '../../src/projections/projection.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { projectionSpecification } from '../support/projection-specification.js';

/** A projection small enough to see through: what it was handed, and how often it was saved. */
interface Seen {
  readonly handed: ReadonlyArray<Pick<RecordedEvent, 'streamId' | 'revision' | 'position' | 'type' | 'recordedAt'>>;
  readonly loads: number;
}
const seen: Projection<Seen> = {
  name: 'seen',
  version: 1,
  eventTypes: new Set(['Happened']),
  init: () => ({ handed: [], loads: 0 }),
  apply: (state, { streamId, revision, position, type, recordedAt }) => ({ ...state, handed: [...state.handed, { streamId, revision, position, type, recordedAt }] }),
  serialize: (state) => new TextEncoder().encode(JSON.stringify(state)),
  deserialize: (bytes) => {
    const state = JSON.parse(new TextDecoder().decode(bytes)) as Seen;
    return { ...state, loads: state.loads + 1 };
  },
};
const happened = (on: string) => ({ type: 'Happened', data: { on } });

describe('the projection specification (given events, then a state or an answer) fails when it should', () => {
  const spec = projectionSpecification(seen, { streamOf: (event: { data: unknown }) => `thing-${(event.data as { on: string }).on}` });

  it('hands the events over as the store does: a stream, a revision per stream, a position in the log, a recorded time', () => {
    spec.given(happened('a'), happened('b')).and(happened('a')).then((state) => state.handed, [
      { streamId: 'thing-a', revision: 0, position: 1, type: 'Happened', recordedAt: '2022-06-01T10:00:00.000Z' },
      { streamId: 'thing-b', revision: 0, position: 2, type: 'Happened', recordedAt: '2022-06-01T10:00:01.000Z' },
      { streamId: 'thing-a', revision: 1, position: 3, type: 'Happened', recordedAt: '2022-06-01T10:00:02.000Z' },
    ]);
  });

  it('then fails on another answer', () => {
    expect(() => spec.given(happened('a')).then((state) => state.handed.length, 2)).to.throw(AssertionError);
  });

  it('goes on after a save and load through the projection’s own serialize and deserialize', () => {
    const loaded = spec.given(happened('a')).afterSaveAndLoad();
    loaded.then((state) => state.loads, 1);
    loaded.and(happened('a')).then((state) => state.handed.map((e) => [e.revision, e.position]), [[0, 1], [1, 2]]);
  });
});
