import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { agreementRegister, encounterAgreementStatus } from '../projections/agreements.js';
import { determinedCells } from '../projections/disclosure-algebra.js';
import { passRegister } from '../projections/pass-register.js';
import { planDisclosure } from '../projections/report-disclosure.js';
import { clockStartingAt } from '../src/application/clock.js';
import { recordCommands } from '../src/application/record-commands.js';
import type { Tertial } from '../src/domain/time.js';
import { foldAsOf } from '../src/projections/engine.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './support/temp.js';

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
