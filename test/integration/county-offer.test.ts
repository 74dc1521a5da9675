import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { agreementRegister, agreementsOn, encounterAgreementStatus, pendingNotifications } from '../../projections/agreements.js';
import { passRegister } from '../../projections/pass-register.js';
import { openSafeguardingActions } from '../../projections/safeguarding.js';
import { statistics } from '../../queries/statistics.js';
import { recordCommands } from '../../src/application/record-commands.js';
import type { Command } from '../../src/domain/commands.js';
import { costShare, countyBase } from '../../src/domain/cost-share.js';
import { COUNTY_KOMMUNER, countyKommun, OFFER_KOMMUNER, type CountyKommun } from '../../src/domain/county-offer.js';
import { KOMMUNER } from '../../src/domain/kommun.js';
import { openProjectionEngine } from '../../src/projections/engine.js';
import { PROJECTIONS } from '../../src/projections/registry.js';
import { recordEncounter, recordPass } from '../support/commands.js';
import { useTempStore } from '../support/temp-store.js';

const context = () => ({ actor: { userId: 'u-1', org: 'MIKA', role: 'projektledare' }, correlationId: randomUUID(), now: new Date() });

describe('county offer: reference data and cost share', () => {
  it('offers the agreement to 26 kommuner: Stockholms län apart from Stockholms stad, plus Gotland', () => {
    expect(OFFER_KOMMUNER).to.have.lengthOf(26);
    expect(OFFER_KOMMUNER.map((k) => k.code)).to.include('0980').and.not.include('0180');
  });

  it('names every kommun as the kommun list of Sweden does', () => {
    for (const k of COUNTY_KOMMUNER) expect(KOMMUNER.get(k.code)?.name, k.code).to.equal(k.name);
  });

  it('shares 4,000,000 SEK by the 2018 population of the whole county: Österåker 76,499 SEK, the rows summing exactly', () => {
    const result = costShare(4_000_000, 2018, 'COUNTY', countyBase());
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.share.population).to.equal(2_344_124);
    expect(result.share.rows).to.have.lengthOf(26);
    expect(result.share.rows.find((r) => r.kommun.code === '0117')).to.deep.equal({ kommun: { code: '0117', name: 'Österåker' }, population: 44_831, amountSek: 76_499 });
    expect(result.share.rows.reduce((n, r) => n + r.amountSek, 0)).to.equal(4_000_000);
    expect(result.share).to.deep.include({ totalSek: 4_000_000, populationYear: 2018, base: 'COUNTY' });
  });

  it('rounds by largest remainder: every row within one krona of its exact share, and the sum always exact', () => {
    const base = countyBase();
    const sum = base.reduce((n, k) => n + (k.population[2019] as number), 0);
    for (const total of [0, 1, 25, 26, 27, 999, 1_000_001, 3_999_999, 123_456_789, 2_147_483_647]) {
      const result = costShare(total, 2019, 'COUNTY', base);
      if (!result.ok) throw new Error(result.error.rule);
      expect(result.share.rows.reduce((n, r) => n + r.amountSek, 0), `total ${total}`).to.equal(total);
      for (const row of result.share.rows) {
        const exact = (total * row.population) / sum;
        expect(Math.abs(row.amountSek - exact), `${row.kommun.name} of ${total}`).to.be.lessThan(1);
        expect(row.amountSek === Math.floor(exact) || row.amountSek === Math.ceil(exact)).to.equal(true);
      }
    }
  });

  it('gives the kronor left over to the largest fractions, then the larger population, then the lower code', () => {
    const k = (code: string, population: number): CountyKommun => ({ code, name: code, inStockholmsLan: true, population: { 2018: population } });
    const amounts = (total: number, list: CountyKommun[]) => {
      const result = costShare(total, 2018, 'COUNTY', list);
      return result.ok ? result.share.rows.map((r) => r.amountSek) : [];
    };
    expect(amounts(10, [k('0003', 1), k('0001', 1), k('0002', 1)])).to.deep.equal([3, 4, 3]);
    // 100 by 1:2:3 → 16.67, 33.33, 50: the leftover krona goes to the largest fraction, 0.67.
    expect(amounts(100, [k('0001', 1), k('0002', 2), k('0003', 3)])).to.deep.equal([17, 33, 50]);
    // 2 by 1:3 → 0.5 and 1.5, equal fractions: the larger population gets the krona.
    expect(amounts(2, [k('0001', 1), k('0002', 3)])).to.deep.equal([0, 2]);
    // Equal fractions and populations: the lower code.
    expect(amounts(1, [k('0002', 1), k('0001', 1)])).to.deep.equal([0, 1]);
  });

  it('refuses what it cannot share, naming the field and the rule', () => {
    const refusal = (result: ReturnType<typeof costShare>) => (result.ok ? undefined : result.error);
    expect(refusal(costShare(-1, 2018, 'COUNTY', countyBase()))).to.deep.include({ code: 'BAD_USER_INPUT', field: 'totalSek' });
    expect(refusal(costShare(1.5, 2018, 'COUNTY', countyBase()))).to.deep.include({ code: 'BAD_USER_INPUT', field: 'totalSek' });
    expect(refusal(costShare(100, 2017, 'COUNTY', countyBase()))?.rule).to.match(/2018, 2019/);
    const gotland = countyKommun('0980') as CountyKommun;
    expect(refusal(costShare(100, 2018, 'CONNECTED', [gotland]))).to.deep.include({ field: 'base' });
    expect(refusal(costShare(100, 2018, 'CONNECTED', []))?.rule).to.match(/names no kommun/);
    expect(COUNTY_KOMMUNER.filter((c) => c.inStockholmsLan)).to.have.lengthOf(26);
  });
});

describe('county offer: agreements, notifications and safeguarding over a real log', () => {
  const fixture = useTempStore();

  async function record(commands: readonly unknown[]) {
    const result = await recordCommands(fixture.store, commands, context());
    if (!result.ok) throw new Error(JSON.stringify(result.failures));
    return result;
  }
  async function state() {
    const engine = await openProjectionEngine(fixture.store, fixture.store.projectionStates, PROJECTIONS);
    await engine.catchUp();
    const result = { agreements: engine.state(agreementRegister), register: engine.state(passRegister) };
    await engine.close();
    return result;
  }
  const sign = (kommun: string, effectiveFrom: string): Command => ({ type: 'SignAgreement', commandId: randomUUID(), kommun, effectiveFrom });
  const confirm = (kommun: string, on: string): Command => ({ type: 'ConfirmNotConnected', commandId: randomUUID(), kommun, on });

  it('routes each command to its stream with the usual envelope; a retry appends nothing; one bad command and the batch appends nothing', async () => {
    const trainingId = randomUUID();
    const signing = sign('0117', '2024-06-01');
    const training: Command = { type: 'RecordTraining', commandId: randomUUID(), trainingId, date: '2022-05-17', format: 'PHYSICAL', participants: 80, kommuner: [] };
    const result = await record([signing, training]);
    expect(result.outcomes.map((o) => [o.streamId, o.revision])).to.deep.equal([
      ['kommun-0117', 0],
      [`training-${trainingId}`, 0],
    ]);
    const [event] = await fixture.store.readStream('kommun-0117');
    expect(event?.type).to.equal('AgreementSigned');
    expect(event?.metadata).to.deep.include({ schemaVersion: 1, commandId: signing.commandId, occurredAt: '2024-06-01T00:00:00+02:00' });
    const head = await fixture.store.headPosition();
    const again = await recordCommands(fixture.store, [signing], context());
    expect(again.ok && again.outcomes.map((o) => o.status)).to.deep.equal(['already-recorded']);
    const mixed = await recordCommands(fixture.store, [sign('0182', '2021-01-01'), { ...training, commandId: randomUUID() }], context());
    expect(mixed.ok ? undefined : mixed.failures).to.deep.equal([{ index: 1, errors: [{ code: 'CONFLICT', field: 'trainingId', rule: 'is already recorded by another command; a training id is recorded once' }] }]);
    const stale = await recordCommands(fixture.store, [{ type: 'EndAgreement', commandId: randomUUID(), kommun: '0117', effectiveUntil: '2025-12-31' }], context(), { expectedRevision: 5 });
    expect(stale.ok ? undefined : stale.failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'expectedRevision' });
    expect(await fixture.store.headPosition()).to.equal(head);
  });

  it('lists the connected and not connected kommuner on a date, at the edges of an agreement', async () => {
    await record([sign('0182', '2021-01-01'), confirm('0126', '2022-09-30'), sign('0117', '2024-06-01'), { type: 'EndAgreement', commandId: randomUUID(), kommun: '0182', effectiveUntil: '2022-12-31' }]);
    const { agreements } = await state();
    const codes = (on: string) => {
      const a = agreementsOn(agreements, on);
      return { connected: a.connected.map((k) => k.code), notConnected: a.notConnected.map((k) => k.code), unknown: a.unknown.length };
    };
    expect(codes('2022-12-31')).to.deep.equal({ connected: ['0182'], notConnected: ['0117', '0126'], unknown: 23 });
    expect(codes('2023-01-01')).to.deep.equal({ connected: [], notConnected: ['0117', '0126', '0182'], unknown: 23 });
    expect(codes('2024-05-31').connected).to.deep.equal([]);
    expect(codes('2024-06-01').connected).to.deep.equal(['0117']);
  });

  it('keeps a resident of a non-connected kommun on the work list until a notification covers the encounter', async () => {
    const pass = recordPass({ date: '2022-05-10' });
    const huddinge = recordEncounter(pass.passId, { homeKommun: '0126' });
    const nacka = recordEncounter(pass.passId, { homeKommun: '0182' });
    const danderyd = recordEncounter(pass.passId, { homeKommun: '0162' });
    const stockholm = recordEncounter(pass.passId, { homeKommun: '0180' });
    const abroad = recordEncounter(pass.passId, { homeKommun: 'ABROAD' });
    await record([sign('0182', '2021-01-01'), confirm('0126', '2022-09-30'), pass, huddinge, nacka, danderyd, stockholm, abroad]);

    let { agreements, register } = await state();
    expect(pendingNotifications(agreements, register).map((p) => [p.kommun, p.encounterId, p.agreementStatus])).to.deep.equal([
      ['0126', huddinge.encounterId, 'NOT_CONNECTED'],
      ['0162', danderyd.encounterId, 'UNKNOWN'],
    ]);

    await record([{ type: 'NotifyKommun', commandId: randomUUID(), kommun: '0126', on: '2022-05-11', encounters: [{ passId: pass.passId, encounterId: huddinge.encounterId }] }]);
    ({ agreements, register } = await state());
    expect(pendingNotifications(agreements, register).map((p) => p.kommun)).to.deep.equal(['0162']);

    // Corrected to another non-connected kommun, the encounter needs that kommun's notification.
    await record([{ type: 'CorrectEncounter', commandId: randomUUID(), passId: pass.passId, encounterId: huddinge.encounterId, homeKommun: '0138' }]);
    ({ agreements, register } = await state());
    expect(pendingNotifications(agreements, register).map((p) => [p.kommun, p.agreementStatus])).to.deep.equal([
      ['0138', 'UNKNOWN'],
      ['0162', 'UNKNOWN'],
    ]);
  });

  it('refuses a notification of a resident of a connected kommun and appends nothing', async () => {
    const pass = recordPass({ date: '2022-05-10' });
    const nacka = recordEncounter(pass.passId, { homeKommun: '0182' });
    await record([sign('0182', '2021-01-01'), pass, nacka]);
    const head = await fixture.store.headPosition();
    const result = await recordCommands(fixture.store, [{ type: 'NotifyKommun', commandId: randomUUID(), kommun: '0182', on: '2022-05-11', encounters: [{ passId: pass.passId, encounterId: nacka.encounterId }] }], context());
    expect(result.ok).to.equal(false);
    expect(result.ok ? undefined : result.failures[0]?.errors[0]).to.deep.include({ code: 'BAD_USER_INPUT', field: 'encounters.0.encounterId' });
    expect(await fixture.store.headPosition()).to.equal(head);
  });

  it('groups statistics by agreement status on the pass date, leaving the other dimensions as they were', async () => {
    const before = recordPass({ date: '2020-12-31' });
    const after = recordPass({ date: '2021-01-01' });
    await record([
      sign('0182', '2021-01-01'),
      confirm('0126', '2022-09-30'),
      before,
      recordEncounter(before.passId, { homeKommun: '0182' }),
      after,
      recordEncounter(after.passId, { homeKommun: '0182' }),
      recordEncounter(after.passId, { homeKommun: '0126' }),
      recordEncounter(after.passId, { homeKommun: '0180' }),
      recordEncounter(after.passId, { homeKommun: '0162' }),
      recordEncounter(after.passId, { homeKommun: '1480' }),
      recordEncounter(after.passId, { homeKommun: 'UNKNOWN' }),
    ]);
    const { agreements, register } = await state();
    const query = { from: '2020-01-01', to: '2022-12-31', groupBy: ['AGREEMENT_STATUS' as const] };
    const result = statistics(register, query, { agreementStatus: (k, d) => encounterAgreementStatus(agreements, k, d) });
    expect(Object.fromEntries(result.rows.map((r) => [r.key[0]?.value, r.encounters]))).to.deep.equal({
      CONNECTED: 1,
      NOT_CONNECTED: 2,
      PROVIDER: 1,
      UNKNOWN: 1,
      OUTSIDE_AREA: 1,
      HOME_KOMMUN_UNKNOWN: 1,
    });
    expect(statistics(register, { from: '2020-01-01', to: '2022-12-31', groupBy: ['ROLE'] }).total.encounters).to.equal(7);
  });

  describe('open safeguarding actions', () => {
    it('lists a minor missing an action, counts hours from the pass\'s end and is overdue only after 24 hours', async () => {
      // A night pass 21:00–03:00: it ended at 03:00 on 2022-07-02.
      const pass = recordPass({ date: '2022-07-01', startTime: '21:00', endTime: '03:00' });
      const minor = recordEncounter(pass.passId, { ageBand: 'AGE_15_17', homeKommun: '0126' });
      const adult = recordEncounter(pass.passId);
      await record([pass, minor, adult]);
      const { register } = await state();
      const at24 = openSafeguardingActions(register, new Date('2022-07-03T03:00:00+02:00'));
      expect(at24).to.have.lengthOf(1);
      expect(at24[0]).to.deep.include({ encounterId: minor.encounterId, since: '2022-07-02T03:00:00+02:00', ageHours: 24, overdue: false, homeKommun: '0126' });
      expect(at24[0]?.missing).to.deep.equal(['GUARDIAN_CONTACT', 'CONCERN_REPORT']);
      expect(openSafeguardingActions(register, new Date('2022-07-03T03:01:00+02:00'))[0]).to.deep.include({ ageHours: 24, overdue: true });
      expect(openSafeguardingActions(register, new Date('2022-07-02T02:00:00+02:00'))[0]).to.deep.include({ ageHours: 0, overdue: false });
    });

    it('counts from the start of the pass date when no end time is recorded, and drops a minor once both actions are recorded', async () => {
      const pass = recordPass({ date: '2022-07-01' });
      const minor = recordEncounter(pass.passId, { ageBand: 'UNDER_15' });
      await record([pass, minor, { type: 'ContactGuardian', commandId: randomUUID(), passId: pass.passId, encounterId: minor.encounterId, on: '2022-07-01' }]);
      let { register } = await state();
      const open = openSafeguardingActions(register, new Date('2022-07-02T01:00:00+02:00'));
      expect(open[0]).to.deep.include({ since: '2022-07-01T00:00:00+02:00', ageHours: 25, overdue: true });
      expect(open[0]?.missing).to.deep.equal(['CONCERN_REPORT']);
      await record([{ type: 'FileConcernReport', commandId: randomUUID(), passId: pass.passId, encounterId: minor.encounterId, on: '2022-07-02', kommun: '0180' }]);
      ({ register } = await state());
      expect(openSafeguardingActions(register, new Date('2022-07-03T00:00:00+02:00'))).to.deep.equal([]);
    });

    it('leaves out retracted encounters and retracted passes', async () => {
      const pass = recordPass({ date: '2022-07-01' });
      const minor = recordEncounter(pass.passId, { ageBand: 'UNDER_15' });
      await record([pass, minor, { type: 'RetractEncounter', commandId: randomUUID(), passId: pass.passId, encounterId: minor.encounterId, reason: 'recorded twice' }]);
      const { register } = await state();
      expect(openSafeguardingActions(register, new Date('2022-07-03T00:00:00+02:00'))).to.deep.equal([]);
    });
  });
});
