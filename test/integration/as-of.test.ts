import { expect } from 'chai';
import { copyFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { passRegister } from '../../projections/pass-register.js';
import { reportRegisters, type ReportRegisters } from '../../projections/report-registers.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { decodeEvent } from '../../src/domain/event-decoding.js';
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
    for (const event of page) if (event.recordedAt <= limit && passRegister.eventTypes.has(event.type)) state = passRegister.apply(state, decodeEvent(event));
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
    const folds = asOfFolds(store, { snapshotEvery: 200, maxSnapshots: 6, onFold: (r) => reports.push(r) });
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

  it('answers another instant with the same prefix from the last answers, without folding, and folds again once the log grew', async () => {
    await fill(store, clock, 100, 5);
    const reports: AsOfReport[] = [];
    const folds = asOfFolds(store, { onFold: (r) => reports.push(r) });
    const now = new Date(clock.at + 1000);
    const first = await folds.fold(passRegister, now);
    expect(await folds.fold(passRegister, new Date(now.getTime() + 1)), 'nothing recorded between the instants').to.equal(first);
    expect(reports).to.have.length(1);
    clock.at += 60_000;
    await fill(store, clock, 1, 6);
    const later = new Date(now.getTime() + 3_600_000);
    const grown = await folds.fold(passRegister, later);
    expect(grown).to.not.equal(first);
    expect(Buffer.from(passRegister.serialize(grown)).equals(Buffer.from(passRegister.serialize(await referenceFold(store, later))))).to.equal(true);
    expect(reports).to.have.length(2);
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

/** The plain fold of both report registers over what was recorded by `asOf`. */
async function referenceRegisters(store: EventStore, asOf: Date): Promise<ReportRegisters> {
  const limit = asOf.toISOString();
  let state = reportRegisters.init();
  for await (const page of store.readAll({ metadata: false })) {
    for (const event of page) if (event.recordedAt <= limit && reportRegisters.eventTypes.has(event.type)) state = reportRegisters.apply(state, decodeEvent(event));
  }
  return state;
}

/** A kommun signs an agreement now and then, so both registers change along the log. */
async function signAgreements(store: SqliteEventStore, clock: { at: number }, seed: number): Promise<void> {
  const kommuner = ['0114', '0123', '0126'];
  for (const [i, kommun] of kommuner.entries()) {
    clock.at += 60_000;
    await store.appendBatch([{ streamId: `kommun-${kommun}`, expectedRevision: 'any', events: [{ id: `00000000-0000-4000-9000-${String(seed * 1000 + i).padStart(12, '0')}`, type: 'AgreementSigned', data: { kommun, effectiveFrom: `202${seed % 4}-0${1 + i}-01` }, metadata: {} }] }]);
  }
}

const same = (a: ReportRegisters, b: ReportRegisters) => Buffer.from(reportRegisters.serialize(a)).equals(Buffer.from(reportRegisters.serialize(b)));
const slotFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith(encodeURIComponent('as-of/report-registers/'))).sort((a, b) => parseInt(a.split('%2F').pop() as string, 10) - parseInt(b.split('%2F').pop() as string, 10));

describe('as-of snapshots kept beside the log: the same answers across a restart, and none trusted that does not check out', function () {
  this.timeout(120_000);
  let temp: ReturnType<typeof tempDir>;
  const clock = { at: START };
  const path = () => join(temp.dir, 'log.db');
  const open = (refused: string[] = []) => openSqliteStore(path(), { now: () => new Date(clock.at), onStateRefused: (name) => refused.push(name) });

  // The log and a first server's snapshots, built once for the file (the same seeds and clock each
  // time); each test gets a copy of that folder and the clock where the build left it.
  let built: { folder: ReturnType<typeof tempDir>; at: number };
  before(async () => {
    temp = tempDir();
    clock.at = START;
    const store = open();
    for (let round = 0; round < 3; round += 1) {
      await fill(store, clock, 200, round + 11);
      await signAgreements(store, clock, round + 1);
    }
    // A first server folds to the head and leaves its snapshots in the projection states.
    const folds = asOfFolds(store, { states: store.projectionStates, snapshotEvery: 250 });
    await folds.prepare(reportRegisters);
    await folds.flush();
    await store.close();
    built = { folder: temp, at: clock.at };
  });
  after(() => built?.folder.remove());
  beforeEach(() => {
    temp = tempDir();
    cpSync(built.folder.dir, temp.dir, { recursive: true });
    clock.at = built.at;
  });
  afterEach(() => temp.remove());

  it('after a restart, starts from a saved snapshot and gives the plain fold’s registers at 30 random instants, also as the log grows', async () => {
    expect(slotFiles(`${path()}.projections`).length, 'snapshots saved').to.be.greaterThan(3);
    const store = open();
    try {
      const reports: AsOfReport[] = [];
      const folds = asOfFolds(store, { states: store.projectionStates, snapshotEvery: 250, onFold: (r) => reports.push(r) });
      const rnd = random(21);
      for (let q = 0; q < 30; q += 1) {
        if (q === 15) await fill(store, clock, 150, 31);
        const asOf = new Date(START + rnd.int(clock.at - START + 120_000) - 60_000);
        expect(same(await folds.fold(reportRegisters, asOf), await referenceRegisters(store, asOf)), `as of ${asOf.toISOString()}`).to.equal(true);
      }
      expect(reports.filter((r) => r.fromPosition > 0).length, 'most folds start from a saved snapshot').to.be.greaterThan(20);
      expect(Math.max(...reports.map((r) => r.eventsRead)), 'no fold reads more than the spacing and the growth').to.be.lessThan(250 + 600);
    } finally {
      await store.close();
    }
  });

  it('refuses a changed snapshot and one put in another’s slot, and folds from an earlier one or from the start of the log', async () => {
    const dir = `${path()}.projections`;
    const files = slotFiles(dir);
    const newest = join(dir, files[files.length - 1] as string);
    const changed = readFileSync(newest);
    changed[changed.length - 100] = (changed[changed.length - 100] as number) ^ 1;
    writeFileSync(newest, changed);
    // Slot 0 gets slot 1's file: MAC'd under this folder's key, but the state of another name.
    copyFileSync(join(dir, files[1] as string), join(dir, files[0] as string));
    const refused: string[] = [];
    const store = open(refused);
    try {
      const reports: AsOfReport[] = [];
      const folds = asOfFolds(store, { states: store.projectionStates, snapshotEvery: 250, onFold: (r) => reports.push(r) });
      const latest = new Date(clock.at);
      expect(same(await folds.fold(reportRegisters, latest), await referenceRegisters(store, latest))).to.equal(true);
      expect(refused).to.include(decodeURIComponent(files[files.length - 1] as string).replace(/\.state$/, ''));
      const head = await store.headPosition();
      expect(reports[0]?.fromPosition, 'from the snapshot before the changed one').to.be.greaterThan(0).and.lessThan(head - 250);
      const early = new Date(START + 90 * 60_000);
      expect(same(await folds.fold(reportRegisters, early), await referenceRegisters(store, early))).to.equal(true);
      expect(refused).to.include(decodeURIComponent(files[0] as string).replace(/\.state$/, ''));
      expect(reports[1]?.fromPosition, 'slot 0 refused: from the start of the log').to.equal(0);
    } finally {
      await store.close();
    }
  });

  it('trusts no snapshot of another log: a copy of the folder beside another log folds from the start', async () => {
    const other = join(temp.dir, 'other.db');
    const otherStore = openSqliteStore(other, { now: () => new Date(clock.at) });
    clock.at = START;
    await fill(otherStore, clock, 600, 11);
    await otherStore.close();
    for (const file of readdirSync(`${path()}.projections`)) copyFileSync(join(`${path()}.projections`, file), join(`${other}.projections`, file));
    const refused: string[] = [];
    const store = openSqliteStore(other, { onStateRefused: (name) => refused.push(name) });
    try {
      const reports: AsOfReport[] = [];
      const folds = asOfFolds(store, { states: store.projectionStates, snapshotEvery: 250, onFold: (r) => reports.push(r) });
      const asOf = new Date(clock.at);
      expect(same(await folds.fold(reportRegisters, asOf), await referenceRegisters(store, asOf))).to.equal(true);
      expect(refused).to.include('as-of/report-registers');
      expect(reports[0]?.fromPosition).to.equal(0);
    } finally {
      await store.close();
    }
  });
});
