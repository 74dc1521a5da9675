import { expect } from 'chai';
import { passRegister } from '../../projections/pass-register.js';
import { passesByDate } from '../../projections/pass-views.js';
import { ENCOUNTER_DIMENSIONS, PASS_DIMENSIONS, statistics, type StatisticsContext, type StatisticsDimension, type StatisticsQuery } from '../../queries/statistics.js';
import { HOME_KOMMUN_VALUES } from '../../src/domain/kommun.js';
import { AGE_BANDS, GENDERS, LOCATION_TYPES, PASS_KINDS, ROLES, UNITS } from '../../src/domain/vocabulary.js';
import { growLog, newLogState, random, randomDate, type Random } from '../support/random-log.js';
import { referenceStatistics } from '../support/statistics-reference.js';
import { expectSame } from '../support/same.js';

function randomQuery(rnd: Random): StatisticsQuery {
  const all: StatisticsDimension[] = [...PASS_DIMENSIONS, ...ENCOUNTER_DIMENSIONS];
  const groupBy = rnd.chance(0.1) ? [] : rnd.some(all, rnd.chance(0.2) ? 5 : 3);
  let from = randomDate(rnd);
  let to = randomDate(rnd);
  if (from > to && rnd.chance(0.9)) [from, to] = [to, from];
  if (rnd.chance(0.1)) [from, to] = ['0001-01-01', '9999-12-31'];
  const maybe = <T>(p: number, value: () => T): T | undefined => (rnd.chance(p) ? value() : undefined);
  const query: StatisticsQuery = {
    from,
    to,
    groupBy,
    jointOnly: rnd.chance(0.3),
    units: maybe(0.2, () => rnd.some(UNITS, 2)),
    passKinds: maybe(0.15, () => rnd.some(PASS_KINDS, 1)),
    raidLocationTypes: maybe(0.1, () => rnd.some(LOCATION_TYPES, 3)),
    roles: maybe(0.15, () => rnd.some(ROLES, 1)),
    ageBands: maybe(0.15, () => rnd.some(AGE_BANDS, 3)),
    under18: maybe(0.1, () => rnd.chance(0.5)),
    genders: maybe(0.1, () => rnd.some(GENDERS, 2)),
    homeKommuner: maybe(0.1, () => rnd.some(HOME_KOMMUN_VALUES.slice(0, 12), 4)),
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as unknown as StatisticsQuery;
}

const agreements: StatisticsContext = {
  agreementStatus: (kommun, date) => (['CONNECTED', 'NOT_CONNECTED', 'UNKNOWN'] as const)[(kommun.charCodeAt(kommun.length - 1) + Number(date.slice(5, 7))) % 3] as string,
};

describe('statistics: integer-keyed aggregation over passes in date order', () => {
  it('gives the reference implementation’s answer on 3,000 seeded random queries over 20 random logs, as the logs grow', () => {
    let compared = 0;
    let nonEmpty = 0;
    for (let seed = 1; seed <= 20; seed += 1) {
      const rnd = random(seed);
      const state = newLogState();
      let register = passRegister.init();
      // Ask between growths, so the date order is kept up as passes arrive and sorted again after it breaks.
      for (let round = 0; round < 5; round += 1) {
        register = growLog(register, rnd, 40 + rnd.int(80), state);
        for (let q = 0; q < 30; q += 1) {
          const query = randomQuery(rnd);
          const context = query.groupBy.includes('AGREEMENT_STATUS') ? agreements : undefined;
          const expected = referenceStatistics(register, query, context);
          const actual = statistics(register, query, context);
          expectSame(actual, expected, `seed ${seed} round ${round} query ${JSON.stringify(query)}`);
          compared += 1;
          if (expected.rows.length > 0) nonEmpty += 1;
        }
      }
    }
    expect(compared).to.equal(3000);
    expect(nonEmpty, 'most random questions have rows to compare').to.be.greaterThan(1500);
  });

  it('keeps the passes in date order as they are recorded out of order and redated', () => {
    const rnd = random(99);
    const state = newLogState();
    const register = growLog(passRegister.init(), rnd, 300, state);
    const order = passesByDate(register);
    expect(order).to.have.length(register.passes.count);
    const dates = order.map((row) => register.passes.cols.date[row] as number);
    expect(dates).to.deep.equal([...dates].sort((a, b) => a - b));
    expect(new Set(order).size).to.equal(register.passes.count);
  });

  it('gives the same answer after the register is saved and loaded (the per-pass index is rebuilt)', () => {
    const rnd = random(7);
    const state = newLogState();
    const register = growLog(passRegister.init(), rnd, 200, state);
    const loaded = passRegister.deserialize!(passRegister.serialize!(register));
    for (let q = 0; q < 100; q += 1) {
      const query = randomQuery(rnd);
      const context = query.groupBy.includes('AGREEMENT_STATUS') ? agreements : undefined;
      expectSame(statistics(loaded, query, context), referenceStatistics(register, query, context));
    }
  });

  it('refuses a dimension named twice rather than guess what it means', () => {
    expect(() => statistics(passRegister.init(), { from: '2022-01-01', to: '2022-12-31', groupBy: ['UNIT', 'UNIT'] })).to.throw(/groupBy: must not name a dimension twice/);
  });
});
