import { expect } from 'chai';
import { buildSchema, graphql } from 'graphql';
import { listInTurns } from '../../src/api/list-in-turns.js';
import { turnCounter } from '../support/turn-counter.js';

const schema = buildSchema('type Row { n: Int!, turn: Int! } type Query { rows: [Row!]! }');

/** Answers `{ rows { n turn } }` over `count` rows, each row's `turn` the turn of the loop its field was completed in. */
async function completedRows(count: number, list: (rows: Array<{ n: number }>) => ReadonlyArray<unknown>) {
  const turns = turnCounter();
  const rows = Array.from({ length: count }, (_, n) => ({ n }));
  const root = { rows: () => list(rows.map((row) => ({ ...row, turn: () => turns.now() }))) };
  const result = await graphql({ schema, source: '{ rows { n turn } }', rootValue: root });
  turns.stop();
  expect(result.errors).to.equal(undefined);
  return (result.data as { rows: Array<{ n: number; turn: number }> }).rows;
}

describe('listInTurns: a long GraphQL list completed a slice per turn of the event loop', () => {
  it('answers the same list in the same order, its slices of 250 completed in turns of their own', async () => {
    const inTurns = await completedRows(1_000, (rows) => listInTurns(rows));
    expect(inTurns.map((r) => r.n)).to.deep.equal(Array.from({ length: 1_000 }, (_, n) => n));
    const turnOf = (from: number, to: number) => new Set(inTurns.slice(from, to).map((r) => r.turn));
    for (const [from, to] of [[0, 250], [250, 500], [500, 750], [750, 1_000]] as const) expect(turnOf(from, to).size, `rows ${from}–${to - 1} in one turn`).to.equal(1);
    expect(new Set(inTurns.map((r) => r.turn)).size, 'four slices, four turns').to.equal(4);
    // As graphql-js completes a plain list: all at once.
    const atOnce = await completedRows(1_000, (rows) => rows);
    expect(new Set(atOnce.map((r) => r.turn)).size).to.equal(1);
  });

  it('leaves a list of one slice or less as it is', () => {
    const rows = Array.from({ length: 250 }, (_, n) => n);
    expect(listInTurns(rows)).to.equal(rows);
    expect(listInTurns([])).to.deep.equal([]);
  });
});
