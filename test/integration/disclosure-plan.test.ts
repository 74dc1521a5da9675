import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { agreementRegister, encounterAgreementStatus } from '../../projections/agreements.js';
import { determinedCells } from '../../queries/disclosure-algebra.js';
import { passRegister } from '../../projections/pass-register.js';
import { planDisclosure } from '../../queries/report-disclosure.js';
import { clockStartingAt } from '../../src/application/clock.js';
import { recordCommands } from '../../src/application/record-commands.js';
import type { Tertial } from '../../src/domain/time.js';
import { foldAsOf } from '../../src/projections/engine.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { seededRandom } from '../../src/demo/random.js';
import { tertialReport } from '../../src/reports/tertial-report.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { determined, FIELDS, Published, type Report } from '../support/report-numbers.js';
import { tempDir } from '../support/temp.js';
import { decodeEvent } from '../../src/domain/event-decoding.js';

const NOW = new Date('2024-06-01T12:00:00+02:00');

describe('which masked counts a set of relations gives away (exact, modulo two primes)', () => {
  const line = (cells: number[]) => ({ cells, coefficients: cells.map((_, k) => (k === cells.length - 1 ? -1 : 1)) });

  it('finds the one masked count of a line, and none when two are masked', () => {
    const relations = [line([0, 1, 2, 3])];
    expect(determinedCells(relations, (c) => c === 1).map((d) => d.cell)).to.deep.equal([1]);
    expect(determinedCells(relations, (c) => c === 1 || c === 2)).to.deep.equal([]);
  });

  it('finds a count given away by differencing: c1 − c0 = x1 with both cumulative figures shown', () => {
    // cells: c0 = 0, x1 = 1, c1 = 2, and a second relation that hides x1 in its own table with y = 3
    const relations = [{ cells: [2, 0, 1], coefficients: [1, -1, -1] }, line([1, 3, 4])];
    const found = determinedCells(relations, (c) => c === 1 || c === 3);
    expect(found.map((d) => d.cell)).to.deep.equal([1, 3]);
    // The certificate is the combination that isolates the count: here the differencing relation alone.
    expect([...(found[0]?.certificate.keys() ?? [])]).to.deep.equal([0]);
    expect(determinedCells(relations, (c) => c === 1 || c === 3 || c === 2)).to.deep.equal([]);
  });
});

describe('the disclosure plan over tertials (a real SQLite log)', function () {
  this.timeout(60_000);
  // Ten joint passes in 2023-T2, three in 2023-T3, ten in 2024-T1: the small tertial's cumulative figure
  // would give it away, and the tertial after it would give it away again.
  const passes = (month: string, n: number) =>
    Array.from({ length: n }, (_, k) => ({ type: 'RecordPass', commandId: randomUUID(), passId: randomUUID(), date: `${month}-${String(k + 2).padStart(2, '0')}`, kind: 'SURVEILLANCE', units: ['POLIS', 'KAST'] }));
  let plan: (t: Tertial) => ReturnType<typeof planDisclosure>;
  let remove: () => void;
  before(async () => {
    const temp = tempDir();
    remove = temp.remove;
    const store = openSqliteStore(join(temp.dir, 'samlogg.db'), { now: clockStartingAt(NOW) });
    const result = await recordCommands(store, [...passes('2023-05', 6), ...passes('2023-06', 6), ...passes('2023-10', 3), ...passes('2024-02', 6), ...passes('2024-03', 7)], {
      actor: { userId: 'test', org: 'KAST', role: 'field' },
      correlationId: 'plan',
      now: NOW,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.failures[0]));
    const later = new Date(NOW.getTime() + 3_600_000);
    const register = await foldAsOf(store, passRegister, later);
    const agreements = await foldAsOf(store, agreementRegister, later);
    plan = (t) => planDisclosure(register, { agreementStatus: (k, d) => encounterAgreementStatus(agreements, k, d) }, t, 4);
  });
  after(() => remove());

  const T2: Tertial = { year: 2023, number: 2 };
  const T3: Tertial = { year: 2023, number: 3 };
  const T1: Tertial = { year: 2024, number: 1 };

  it('masks the cumulative figure of a small tertial, then the next tertial’s own figure once, so the cumulative shows again', () => {
    for (const target of [T3, T1, { year: 2024, number: 2 } as Tertial]) {
      const p = plan(target);
      expect(p.figure(T2, 'jointPasses', 12), 'T2').to.equal(null);
      expect(p.cumulative(T2, 'jointPasses', 12), 'cumulative T2').to.equal(null);
      expect(p.figure(T3, 'jointPasses', 3), 'T3').to.equal('small');
      expect(p.cumulative(T3, 'jointPasses', 15), 'cumulative T3').to.equal('complementary');
      if (target === T3) continue;
      // cumulative(2024-T1) − cumulative(2023-T2) − figures(2024-T1) would be the three passes: the
      // figure is masked, and a month with it, so that the pair stays unknown.
      expect(p.figure(T1, 'jointPasses', 13), '2024-T1').to.equal('complementary');
      expect(p.cumulative(T1, 'jointPasses', 28), 'cumulative 2024-T1').to.equal(null);
      expect([p.month(T1, '2024-02', 6), p.month(T1, '2024-03', 7)].filter(Boolean)).to.have.length(1);
    }
  });

  it('decides the same for a tertial whatever report asks, also far past the last pass', () => {
    const far = plan({ year: 2031, number: 3 });
    expect(far.cumulative({ year: 2031, number: 3 }, 'jointPasses', 28)).to.equal(null);
    expect(far.figure({ year: 2031, number: 3 }, 'jointPasses', 0)).to.equal(null);
    expect(far.figure(T1, 'jointPasses', 13)).to.equal('complementary');
    expect(() => far.figure(T1, 'jointPasses', 14), 'a number the plan was not made for').to.throw(/planned for 13/);
  });
});

describe('the disclosure plan on random logs: all PUBLIC reports of six tertials together (60 seeds)', function () {
  this.timeout(300_000);
  const TERTIALS = ['2021-T1', '2021-T2', '2021-T3', '2022-T1', '2022-T2', '2022-T3'];
  const agreements = agreementRegister.init();
  const context = { agreementStatus: (k: string, d: string) => encounterAgreementStatus(agreements, k, d) };

  /** Few passes and persons per tertial, so that most counts are small: where suppression has work to do. */
  function randomRegister(seed: number) {
    const random = seededRandom(seed);
    let register = passRegister.init();
    let position = 0;
    const revisions = new Map<string, number>();
    const append = (type: string, data: { passId: string }) => {
      const streamId = `pass-${data.passId}`;
      const revision = revisions.get(streamId) ?? 0;
      revisions.set(streamId, revision + 1);
      const event: RecordedEvent = { id: randomUUID(), streamId, revision, position: (position += 1), type, data, metadata: {}, recordedAt: '2023-01-01T00:00:00.000Z' };
      register = passRegister.apply(register, decodeEvent(event));
    };
    for (const text of TERTIALS) {
      const [year, n] = [Number(text.slice(0, 4)), Number(text.slice(6))];
      for (let p = random.int(0, 9); p > 0; p -= 1) {
        const passId = randomUUID();
        // 2021-T1 includes January to March, before the agreement: the cumulative figure leaves them out.
        const month = (n - 1) * 4 + random.int(1, 4);
        append('PassRecorded', { passId, date: `${year}-${String(month).padStart(2, '0')}-1${random.int(0, 9)}`, kind: 'SURVEILLANCE', units: random.pick([['POLIS', 'MIKA'], ['POLIS', 'KAST'], ['MIKA']]) } as never);
        for (let e = random.int(0, 5); e > 0; e -= 1) {
          const encounterId = randomUUID();
          append('PersonEncountered', { passId, encounterId, role: random.pick(['EXPOSED', 'BUYER']), ageBand: random.pick(['UNDER_15', 'AGE_15_17', 'AGE_18_20', 'AGE_26_35']), homeKommun: random.pick(['0180', '0127', 'ABROAD']) } as never);
          if (random.next() < 0.7) append('SupportOffered', { passId, encounterId, unit: 'MIKA' } as never);
        }
      }
    }
    return register;
  }

  it('never shows a small count, shows every other as it is, and leaves no masked one determined', () => {
    let masked = 0;
    for (let seed = 1; seed <= 60; seed += 1) {
      const register = randomRegister(seed);
      const threshold = [3, 4, 5][seed % 3] as number;
      const shown = new Published();
      const truth = new Published();
      try {
        for (const text of TERTIALS) {
          const tertial = { year: Number(text.slice(0, 4)), number: Number(text.slice(6)) as 1 | 2 | 3 };
          shown.report(tertialReport(register, context, tertial, text, 'PUBLIC', threshold) as unknown as Report, `PUBLIC ${text}`);
          truth.report(tertialReport(register, context, tertial, text, 'INTERNAL', threshold) as unknown as Report, `INTERNAL ${text}`);
        }
        for (const [name, value] of shown.values) {
          const real = truth.values.get(name) as number;
          if (value === null) masked += 1;
          else expect(value, name).to.equal(real);
          if (!name.startsWith('change ')) expect(value !== null && value >= 1 && value <= threshold, `${name} = ${value} is small yet shown`).to.equal(false);
        }
        expect(determined(shown, truth, TERTIALS).join('; '), 'masked numbers the shown ones determine').to.equal('');
        for (const field of FIELDS) {
          // January to March 2021 is the agreement's first tertial less its cumulative figure.
          const [all, since] = [shown.values.get(`figure 2021-T1 ${field}`), shown.values.get(`cumulative 2021-T1 ${field}`)];
          if (all != null && since != null) expect(all - since >= 1 && all - since <= threshold, `${field} before the agreement`).to.equal(false);
        }
      } catch (error) {
        throw new Error(`seed ${seed}, threshold ${threshold}: ${(error as Error).message}`);
      }
    }
    expect(masked, 'the logs have small cells').to.be.greaterThan(300);
  });
});
