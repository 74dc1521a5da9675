import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { passRegister } from '../../projections/pass-register.js';
import { REGISTER_CODES, REGISTER_FINGERPRINT, UnknownCodeError, type PassRegister } from '../../projections/pass-register-rows.js';
import { decodeEvent } from '../../src/domain/event-decoding.js';
import type { PassEvent } from '../../src/domain/events.js';
import { openProjectionEngine } from '../../src/projections/engine.js';
import { codesFingerprint } from '../../src/projections/fingerprint.js';
import type { Projection } from '../../src/projections/projection.js';
import { openFileProjectionStates } from '../../src/store/file-projection-states.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../support/temp.js';

/**
 * The pass register keeps enum values and kommuner as indexes into their lists: a state saved under
 * other lists (UNITS reordered, the kommun reference edited) is rebuilt, never read with new labels;
 * and a value with no code is an error, never code 0.
 */

const passId = '7c9e6679-7425-40de-944b-e07fc1f90001';
const encounterId = '7c9e6679-7425-40de-944b-e07fc1f90002';
const recorded: PassEvent = { type: 'PassRecorded', data: { passId, date: '2022-05-12', kind: 'RAID', units: ['MIKA', 'POLIS'] } };
const encountered: PassEvent = { type: 'PersonEncountered', data: { passId, encounterId, role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0180' } };

function fold(events: readonly PassEvent[]): PassRegister {
  let register = passRegister.init();
  events.forEach((event, i) => {
    const stored = { id: randomUUID(), streamId: `pass-${passId}`, revision: i, position: i + 1, type: event.type, data: event.data, metadata: {}, recordedAt: '2022-05-12T20:00:00.000Z' };
    register = passRegister.apply(register, decodeEvent(stored));
  });
  return register;
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('the pass register’s codes', () => {
  it('has a fingerprint of its code lists that changes when UNITS is reordered or the kommun reference is edited', () => {
    expect(passRegister.fingerprint).to.equal(REGISTER_FINGERPRINT);
    expect(codesFingerprint({ ...REGISTER_CODES })).to.equal(REGISTER_FINGERPRINT);
    expect(codesFingerprint({ ...REGISTER_CODES, units: [...REGISTER_CODES.units].reverse() })).to.not.equal(REGISTER_FINGERPRINT);
    expect(codesFingerprint({ ...REGISTER_CODES, homeKommuner: REGISTER_CODES.homeKommuner.filter((k) => k !== '0117') })).to.not.equal(REGISTER_FINGERPRINT);
    expect(codesFingerprint({ ...REGISTER_CODES, homeKommuner: [...REGISTER_CODES.homeKommuner, '0199'] })).to.not.equal(REGISTER_FINGERPRINT);
    expect(codesFingerprint({ ...REGISTER_CODES, ageBands: ['UNDER_18', ...REGISTER_CODES.ageBands] })).to.not.equal(REGISTER_FINGERPRINT);
  });

  it('refuses a value it has no code for, naming the field and not the value, instead of folding it as code 0', () => {
    const kommun = thrown(() => fold([recorded, { type: 'PersonEncountered', data: { ...encountered.data, homeKommun: '9999' } } as PassEvent]));
    expect(kommun).to.be.instanceOf(UnknownCodeError);
    expect(kommun.message).to.match(/^homeKommun has a value the pass register has no code for/);
    expect(kommun.message).to.not.include('9999');
    const unit = thrown(() => fold([{ type: 'PassRecorded', data: { ...recorded.data, units: ['MIKA', 'SOCIALTJANSTEN'] } } as unknown as PassEvent]));
    expect(unit).to.be.instanceOf(UnknownCodeError);
    expect(unit.message).to.match(/^units has a value/);
    const support = thrown(() => fold([recorded, encountered, { type: 'SupportOffered', data: { passId, encounterId, unit: 'SOCIALTJANSTEN' } } as unknown as PassEvent]));
    expect(support.message).to.match(/^unit has a value/);
    const concern = thrown(() => fold([recorded, encountered, { type: 'ConcernReportFiled', data: { passId, encounterId, on: '2022-05-13', kommun: '0000' } }]));
    expect(concern.message).to.match(/^kommun has a value/);
    expect(() => fold([recorded, encountered])).to.not.throw();
  });
});

describe('a saved projection state and the code lists it was encoded with', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  beforeEach(async () => {
    temp = tempDir();
    store = openSqliteStore(join(temp.dir, 'log.db'));
    await store.append(`pass-${passId}`, [recorded, encountered].map((e, i) => ({ id: `0b0e2c1a-0000-4000-8000-00000000000${i}`, type: e.type, data: e.data, metadata: { schemaVersion: 1 } })), 'no_stream');
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  /** Opens the engine over the log's saved states and catches up: how many events it had to fold. */
  async function restart(projection: Projection<PassRegister>): Promise<{ folded: number; passes: number }> {
    const engine = await openProjectionEngine(store, store.projectionStates, [projection]);
    const report = await engine.catchUp();
    const passes = engine.state(projection).passes.count;
    await engine.close();
    return { folded: report.events, passes };
  }

  it('is loaded while the lists are the same, and folded again from zero once they differ', async () => {
    expect(await restart(passRegister)).to.deep.equal({ folded: 2, passes: 1 });
    expect(await restart(passRegister)).to.deep.equal({ folded: 0, passes: 1 });
    const reordered = { ...passRegister, fingerprint: codesFingerprint({ ...REGISTER_CODES, units: [...REGISTER_CODES.units].reverse() }) };
    expect(await restart(reordered)).to.deep.equal({ folded: 2, passes: 1 });
    expect(await restart(reordered)).to.deep.equal({ folded: 0, passes: 1 });
    // Back to today's lists: the state saved under the reordered ones is not trusted either.
    expect(await restart(passRegister)).to.deep.equal({ folded: 2, passes: 1 });
  });

  it('keeps the fingerprint in the state file under its MAC', async () => {
    const dir = join(temp.dir, 'states');
    const states = openFileProjectionStates(dir, 'log-a', { chainHashAt: () => new Uint8Array(32) });
    await states.save({ name: 'pass-register', version: 3, fingerprint: REGISTER_FINGERPRINT, position: 2, state: new Uint8Array([1, 2]) });
    await states.save({ name: 'agreements', version: 1, position: 2, state: new Uint8Array([3]) });
    expect(await states.load('pass-register')).to.deep.include({ version: 3, fingerprint: REGISTER_FINGERPRINT, position: 2 });
    expect(await states.load('agreements')).to.not.have.property('fingerprint');
  });
});
