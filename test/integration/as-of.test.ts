import { expect } from 'chai';
import { join } from 'node:path';
import { passRegister } from '../../projections/pass-register.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { AGE_BANDS, ROLES, UNITS } from '../../src/domain/vocabulary.js';
import { asOfFolds, type AsOfReport } from '../../src/projections/as-of.js';
import type { AppendRequest, EventStore } from '../../src/store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite/sqlite-store.js';
import { random } from '../support/random-log.js';
import { tempDir } from '../support/temp.js';

const START = Date.parse('2023-01-01T00:00:00Z');

/** The plain as-of fold: the whole log, filtered by recorded time. */
async function referenceFold(store: EventStore, asOf: Date): Promise<PassRegister> {
  const limit = asOf.toISOString();
  let state = passRegister.init();
  for await (const page of store.readAll({ metadata: false })) {
    for (const event of page) if (event.recordedAt <= limit && passRegister.eventTypes.has(event.type)) state = passRegister.apply(state, event);
  }
  return state;
}

/** Appends `passes` passes of 1–4 encounters, a minute of the store's clock apart, with corrections of earlier ones. */
async function fill(store: SqliteEventStore, clock: { at: number }, passes: number, seed: number): Promise<void> {
  const rnd = random(seed);
  const revisions = new Map<string, number>();
  const encounters: Array<[string, string]> = [];
  let n = 0;
  const next = (streamId: string, type: string, data: Record<string, unknown>): AppendRequest => {
    const revision = revisions.get(streamId) ?? -1;
    revisions.set(streamId, revision + 1);
    n += 1;
    return { streamId, expectedRevision: revision < 0 ? 'no_stream' : revision, events: [{ id: `00000000-0000-4000-8000-${String(seed * 1e6 + n).padStart(12, '0')}`, type, data, metadata: {} }] };
  };
  for (let p = 0; p < passes; p += 1) {
    clock.at += 60_000;
    const passId = `pass${seed}-${p}`;
    const requests = [next(`pass-${passId}`, 'PassRecorded', { passId, date: `2022-0${1 + rnd.int(9)}-1${rnd.int(10)}`, kind: 'RAID', units: rnd.some(UNITS, 3) })];
    for (let e = 1 + rnd.int(4); e > 0; e -= 1) {
      const encounterId = `enc${seed}-${p}-${e}`;
      encounters.push([passId, encounterId]);
      requests.push(next(`pass-${passId}`, 'PersonEncountered', { passId, encounterId, role: rnd.pick(ROLES), ageBand: rnd.pick(AGE_BANDS), homeKommun: '0180' }));
    }
    if (encounters.length > 0 && rnd.chance(0.3)) {
      const [other, encounterId] = rnd.pick(encounters);
      requests.push(next(`pass-${other}`, 'EncounterCorrected', { passId: other, encounterId, role: rnd.pick(ROLES) }));
    }
    await store.appendBatch(requests);
  }
}

describe('as-of folds: stop at the instant, yield, start from snapshots, share identical questions', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  const clock = { at: START };

  beforeEach(() => {
    temp = tempDir();
    clock.at = START;
    store = openSqliteStore(join(temp.dir, 'log.db'), { now: () => new Date(clock.at) });
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  it('gives the plain fold’s register at 60 random instants while the log grows, from snapshots once there are some', async () => {
    const reports: AsOfReport[] = [];
    const folds = asOfFolds(store, { snapshotEvery: 300, maxSnapshots: 4, onFold: (r) => reports.push(r) });
    const rnd = random(3);
    for (let round = 0; round < 4; round += 1) {
      await fill(store, clock, 250, round + 1);
      for (let q = 0; q < 15; q += 1) {
        const asOf = new Date(START + rnd.int(clock.at - START + 120_000) - 60_000);
        const expected = passRegister.serialize(await referenceFold(store, asOf));
        const actual = passRegister.serialize(await folds.fold(passRegister, asOf));
        expect(Buffer.from(actual).equals(Buffer.from(expected)), `round ${round}, as of ${asOf.toISOString()}`).to.equal(true);
      }
    }
    const head = await store.headPosition();
    expect(reports.some((r) => r.fromPosition > 0), 'some folds start from a snapshot').to.equal(true);
    expect(reports.some((r) => r.stoppedEarly && r.fromPosition + r.eventsRead < head / 2), 'an early instant stops early').to.equal(true);
  });

  it('reads no further than the first event recorded after the instant, and starts from the newest snapshot before it', async () => {
    await fill(store, clock, 400, 9);
    const reports: AsOfReport[] = [];
    const folds = asOfFolds(store, { snapshotEvery: 200, onFold: (r) => reports.push(r) });
    const head = await store.headPosition();
    await folds.fold(passRegister, new Date(clock.at));
    expect(reports[0]).to.deep.include({ fromPosition: 0, eventsRead: head, stoppedEarly: false });
    const early = new Date(START + 100 * 60_000);
    await folds.fold(passRegister, early);
    expect(reports[1]?.stoppedEarly).to.equal(true);
    expect(reports[1]?.fromPosition).to.equal(0);
    expect((reports[1]?.eventsRead as number) < head / 3).to.equal(true);
    await folds.fold(passRegister, new Date(clock.at - 30 * 60_000));
    expect(reports[2]?.fromPosition, 'from a snapshot').to.be.greaterThan(head / 2);
    expect((reports[2]?.eventsRead as number) < head / 2).to.equal(true);
  });

  it('answers identical questions in flight with one fold, and lets the event loop run while it folds', async () => {
    await fill(store, clock, 700, 4);
    const reports: AsOfReport[] = [];
    const folds = asOfFolds(store, { onFold: (r) => reports.push(r) });
    const asOf = new Date(clock.at);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 0);
    const [a, b] = await Promise.all([folds.fold(passRegister, asOf), folds.fold(passRegister, asOf)]);
    clearInterval(ticker);
    expect(a).to.equal(b);
    expect(reports).to.have.length(1);
    expect(ticks, 'timers ran during the fold').to.be.greaterThan(1);
  });
});
