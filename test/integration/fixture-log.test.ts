import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agreementRegister } from '../../projections/agreements.js';
import { outreachRegister, outreachSummary } from '../../projections/outreach.js';
import { passRegister } from '../../projections/pass-register.js';
import { passView } from '../../projections/pass-views.js';
import { trainingRegister } from '../../projections/trainings.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { recordCommands } from '../../src/application/record-commands.js';
import { recordProblem } from '../../src/application/record-schemas.js';
import { decodeEvent, isDomainEventType } from '../../src/domain/event-decoding.js';
import { DOMAIN_EVENT_TYPES } from '../../src/domain/events.js';
import { openProjectionEngine } from '../../src/projections/engine.js';
import { PROJECTIONS } from '../../src/projections/registry.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../support/temp.js';

/**
 * test/fixtures/log-v1.jsonl is a log as the code at 6543263 wrote it (write-log-v1.ts): every event
 * type, with its metadata. Every later version must read it: decode it, upcast what changed shape
 * since, and fold it into the same figures and views.
 */

const FIXTURE = new URL('../fixtures/log-v1.jsonl', import.meta.url);
const fixture = (): RecordedEvent[] =>
  readFileSync(FIXTURE, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RecordedEvent);

const id = (n: number) => `7c9e6679-7425-40de-944b-e07fc1f9${String(n).padStart(4, '0')}`;
const PASS = id(1), RAID = id(2), MINOR = id(3), BUYER = id(4), RETRACTED = id(5), PASS2 = id(6), ACCOUNT = id(7), SESSION = id(8);

/** The fixture appended to a new log as it was recorded: same ids, data and metadata, in log order. */
async function restored(dir: string, events: readonly RecordedEvent[]): Promise<SqliteEventStore> {
  const store = openSqliteStore(join(dir, 'log.db'));
  for (const e of events) await store.append(e.streamId, [{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }], e.revision === 0 ? 'no_stream' : e.revision - 1);
  return store;
}

describe('the fixture log written by the first schema version', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('holds every event type, and each decodes in full (zod) to the current shape, upcast where it is older', () => {
    const events = fixture().filter((e) => isDomainEventType(e.type));
    expect([...new Set(events.map((e) => e.type))].sort()).to.deep.equal([...DOMAIN_EVENT_TYPES].sort());
    for (const event of events) expect(event.metadata.schemaVersion, event.type).to.equal(1);
    const decoded = events.map((e) => decodeEvent(e, 'full'));
    const records = fixture().filter((e) => !isDomainEventType(e.type));
    expect(records.map((e) => e.type)).to.deep.equal(Array(6).fill('IdReserved'));
    for (const record of records) expect(recordProblem('IdReserved', record.data, record.metadata.schemaVersion)).to.equal(undefined);
    const account = decoded.find((e) => e.type === 'AccountRegistered');
    expect(account?.data).to.deep.equal({ accountId: ACCOUNT, unit: 'UNGDOMSJOUREN', platform: 'Site A', on: '2022-01-12', payment: 'ORGANISATION_CARD' });
  });

  it('folds into the figures and views it was recorded with, through the store and the projection engine', async () => {
    const store = await restored(temp.dir, fixture());
    const engine = await openProjectionEngine(store, store.projectionStates, PROJECTIONS);
    await engine.rebuild();
    const register = engine.state(passRegister);
    expect(steeringFigures(register, { from: '2022-01-01', to: '2022-12-31' })).to.deep.equal({
      from: '2022-01-01',
      to: '2022-12-31',
      jointPasses: 1,
      exposed: 1,
      exposedUnder18: 1,
      suspectedBuyers: 1,
      suspectedBuyersUnder18: 0,
      offeredSupport: 2,
    });
    const pass = passView(register, PASS);
    expect(pass).to.deep.include({ date: '2022-05-12', kind: 'RAID', units: ['MIKA', 'POLIS'], area: 'Syntetiskt område', startTime: '21:00', endTime: '23:30', retracted: false });
    expect(pass?.raids).to.deep.equal([{ id: RAID, time: '21:40', locationType: 'HOTEL' }]);
    expect(pass?.encounters).to.deep.equal([
      {
        id: MINOR, passId: PASS, raidId: RAID, role: 'EXPOSED', ageBand: 'AGE_15_17', gender: 'WOMAN', homeKommun: '0126', retracted: false,
        supportOfferedBy: ['MIKA'], guardianContactedOn: '2022-05-12', concernReport: { on: '2022-05-13', kommun: '0126' },
      },
      { id: BUYER, passId: PASS, role: 'BUYER', ageBand: 'AGE_26_35', gender: 'MAN', homeKommun: '0182', retracted: false, supportOfferedBy: ['MIKA'] },
      { id: RETRACTED, passId: PASS, role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: 'ABROAD', retracted: true, supportOfferedBy: [] },
    ]);
    expect(passView(register, PASS2)).to.deep.include({ date: '2022-06-03', kind: 'SURVEILLANCE', units: ['KAST', 'UNGDOMSJOUREN', 'POLIS'], retracted: true });

    const agreements = engine.state(agreementRegister).kommuner;
    expect(agreements['0126']?.periods).to.deep.equal([{ from: '2021-04-01', until: '2023-12-31' }]);
    expect(agreements['0980']?.notConnectedOn).to.deep.equal(['2022-09-30']);
    expect(agreements['0182']?.notified).to.deep.equal([BUYER]);
    expect(engine.state(trainingRegister).trainings.map((t) => [t.date, t.format, t.participants])).to.deep.equal([['2022-05-17', 'PHYSICAL', 80]]);

    const outreach = engine.state(outreachRegister);
    expect(outreach.accounts[ACCOUNT]).to.deep.equal({
      accountId: ACCOUNT, unit: 'UNGDOMSJOUREN', platform: 'Site A', registeredOn: '2022-01-12', payment: 'ORGANISATION_CARD', disclosedOn: '2022-02-01', blockedOn: '2022-04-04',
    });
    expect(outreach.sessions.map((s) => s.sessionId)).to.deep.equal([SESSION]);
    expect(outreachSummary(outreach, register, 2022)).to.deep.include({ accountsRegistered: 1, organisationDisclosed: 1, accountsBlocked: 1, sessions: 1, contactsEstablished: 3, minorsFound: 2, referrals: 1 });
    await engine.close();
    await store.close();
  });

  it('is decided on by the write path as recorded: the upcast account keeps its registration date', async () => {
    const store = await restored(temp.dir, fixture());
    const context = { actor: { userId: 'fixture', org: 'UNGDOMSJOUREN', role: 'projektledare' }, correlationId: id(98), now: new Date('2024-06-01T10:00:00Z') };
    const early = { type: 'RecordOutreachSession', commandId: id(97), sessionId: id(96), date: '2022-01-05', unit: 'UNGDOMSJOUREN', platform: 'Site A', accountId: ACCOUNT, contactsEstablished: 1, minorsFound: 0, referrals: 0 };
    const result = await recordCommands(store, [early], context);
    expect(result.ok).to.equal(false);
    expect(result.ok ? [] : result.failures[0]?.errors).to.deep.equal([{ code: 'BAD_USER_INPUT', field: 'date', rule: 'must not be before the account was registered (2022-01-12)' }]);
    await store.close();
  });
});
