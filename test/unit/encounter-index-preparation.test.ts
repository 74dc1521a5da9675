import { expect } from 'chai';
import { BLOCKS_PER_STEP, encounterIndex, prepareEncounterIndex, ROWS_PER_STEP, type EncounterIndex } from '../../projections/encounter-index.js';
import { passRegister } from '../../projections/pass-register.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import type { StatisticsQuery } from '../../queries/statistics.js';
import { decodeEvent } from '../../src/domain/event-decoding.js';
import { encounterIndexReady } from '../../src/projections/encounter-index-preparation.js';
import { drain } from '../../src/projections/steps.js';
import { growLog, newLogState, random, type LogState } from '../support/random-log.js';
import { expectReferenceAnswers, laidOut } from '../support/encounter-index-checks.js';

const QUESTIONS: StatisticsQuery[] = [
  { from: '0001-01-01', to: '9999-12-31', groupBy: [] },
  { from: '0001-01-01', to: '9999-12-31', groupBy: ['UNIT', 'AGE_BAND'] },
  { from: '2022-01-01', to: '2022-12-31', groupBy: ['TERTIAL', 'ROLE', 'HOME_KOMMUN'] },
  { from: '2021-06-01', to: '2023-06-30', groupBy: ['MONTH'], jointOnly: true, roles: ['EXPOSED'] },
];

// Enough passes (about 2.5 encounters each) for several slices of blocks and of rows.
const PASSES = 3 * BLOCKS_PER_STEP;

function grown(seed: number): { register: PassRegister; state: LogState; rnd: ReturnType<typeof random> } {
  const rnd = random(seed);
  const state = newLogState();
  return { register: growLog(passRegister.init(), rnd, PASSES, state), state, rnd };
}

/** The layout `encounterIndex` gives at once on a saved and loaded copy of the register. */
function builtAtOnce(register: PassRegister) {
  return laidOut(encounterIndex(passRegister.deserialize!(passRegister.serialize!(register))));
}

/** Runs the steps to the end, counting the yields. */
function stepped(steps: Generator<void, EncounterIndex>): { index: EncounterIndex; yields: number } {
  let yields = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { index: next.value, yields };
    yields += 1;
  }
}

/** One more event on a pass stream, its revision counting up as growLog's do. */
function applyEvent(register: PassRegister, state: LogState, type: string, data: Record<string, unknown> & { passId: string }): PassRegister {
  state.position += 1;
  const event = { id: `e${state.position}`, streamId: `pass-${data.passId}`, revision: state.position, position: state.position, type, data, metadata: {}, recordedAt: '2024-01-01T00:00:00.000Z' };
  return passRegister.apply(register, decodeEvent(event));
}

/** The earliest pass moved to a date after every other: every block moves. */
function redateFirstPass(register: PassRegister, state: LogState): PassRegister {
  const index = encounterIndex(register);
  return applyEvent(register, state, 'PassCorrected', { passId: state.passIds[index.blockPass[0] as number] as string, date: '2030-01-01' });
}

describe('encounter index prepared in steps: a server lays it out between other requests', () => {
  it('lays out a register’s first index in several slices of blocks and rows, leaving the index encounterIndex then answers, with the reference answers', () => {
    const { register } = grown(1);
    const rows = register.encounters.count;
    const { index, yields } = stepped(prepareEncounterIndex(register));
    expect(yields).to.be.at.least(Math.floor(PASSES / BLOCKS_PER_STEP) + Math.floor(rows / ROWS_PER_STEP));
    expect(encounterIndex(register)).to.equal(index);
    expect(laidOut(index)).to.deep.equal(builtAtOnce(register));
    expectReferenceAnswers(register, QUESTIONS, 'prepared in steps');
  });

  it('brings a current index up to date at once after a correction in place, and lays it out again in steps after a correction that moves every block', () => {
    const { register, state } = grown(2);
    drain(prepareEncounterIndex(register));
    const [passId, encounterId] = state.encounterIds[0] as [string, string];
    expect(applyEvent(register, state, 'EncounterCorrected', { passId, encounterId, ageBand: 'AGE_18_20', homeKommun: '0180' })).to.equal(register);
    expect(stepped(prepareEncounterIndex(register)).yields, 'an encounter corrected').to.equal(0);
    expect(laidOut(encounterIndex(register))).to.deep.equal(builtAtOnce(register));

    expect(redateFirstPass(register, state)).to.equal(register);
    const { index, yields } = stepped(prepareEncounterIndex(register));
    expect(yields, 'every block moved').to.be.at.least(Math.floor(PASSES / BLOCKS_PER_STEP));
    expect(encounterIndex(register)).to.equal(index);
    expect(laidOut(index)).to.deep.equal(builtAtOnce(register));
    expect(index.blockDate[index.blocks - 1]).to.equal(20300101);
    expectReferenceAnswers(register, QUESTIONS, 'after the correction');
  });

  it('starts the layout again when the register folds events between two slices', () => {
    const { register, state, rnd } = grown(3);
    const steps = prepareEncounterIndex(register);
    // Past the sort by date, into the blocks.
    for (let step = 0; step < 4; step += 1) steps.next();
    // Events folded while the server let other requests run: a pass redated, passes added.
    expect(growLog(register, rnd, 40, state)).to.equal(register);
    const { index } = stepped(steps);
    expect(laidOut(index)).to.deep.equal(builtAtOnce(register));
    expect(encounterIndex(register)).to.equal(index);
    expectReferenceAnswers(register, QUESTIONS, 'folded during the layout');
  });

  it('lets other callbacks run between its slices, and every question waiting meanwhile shares the one layout', async () => {
    const { register } = grown(4);
    let turns = 0;
    let turnsWhenReady = -1;
    let running = true;
    const tick = () => {
      turns += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const first = encounterIndexReady(register, 0);
    const second = encounterIndexReady(register, 0);
    expect(second).to.equal(first);
    await first.then(() => {
      turnsWhenReady = turns;
    });
    running = false;
    expect(turnsWhenReady).to.be.at.least(Math.floor(PASSES / BLOCKS_PER_STEP));
    expect(laidOut(encounterIndex(register))).to.deep.equal(builtAtOnce(register));
    expectReferenceAnswers(register, QUESTIONS, 'prepared between other callbacks');
  });
});
