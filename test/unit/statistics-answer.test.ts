import { expect } from 'chai';
import { passRegister } from '../../projections/pass-register.js';
import { statistics } from '../../queries/statistics.js';
import { shownCounts, statisticsAnswer } from '../../queries/statistics-answer.js';
import { growLog, newLogState, random } from '../support/random-log.js';

describe('The statistics answer (queries/statistics-answer.ts): counts as they may be shown, and why one is not', () => {
  const register = growLog(passRegister.init(), random(11), 60, newLogState());
  const result = statistics(register, { from: '2000-01-01', to: '2099-12-31', groupBy: ['HOME_KOMMUN', 'AGE_BAND'] });

  it('INTERNAL shows every count and masks none', () => {
    const answer = statisticsAnswer(result, 'INTERNAL', 3);
    expect(answer.rows).to.have.length(result.rows.length);
    for (const [i, row] of answer.rows.entries()) {
      expect(row.masked).to.deep.equal([]);
      expect(row.encounters).to.equal(result.rows[i]?.encounters);
    }
    expect(answer.total).to.include({ passes: result.total.passes, encounters: result.total.encounters });
    expect(answer.total.key).to.deep.equal([]);
  });

  it('PUBLIC masks each count from 1 to the threshold as SMALL, and says so beside the null', () => {
    const answer = statisticsAnswer(result, 'PUBLIC', 3);
    const small = answer.rows.filter((_row, i) => {
      const encounters = result.rows[i]?.encounters ?? 0;
      return encounters >= 1 && encounters <= 3;
    });
    expect(small.length, 'the seeded log has small cells to mask').to.be.greaterThan(0);
    for (const row of small) {
      expect(row.encounters).to.equal(null);
      expect(row.masked).to.deep.include({ measure: 'encounters', reason: 'SMALL' });
    }
    for (const row of answer.rows) for (const { measure } of row.masked) expect(row[measure]).to.equal(null);
  });

  it('a complementary mask is named COMPLEMENTARY', () => {
    const shown = shownCounts({
      passes: { value: 10, suppressed: false, reason: null },
      encounters: { value: null, suppressed: true, reason: 'complementary' },
      exposed: { value: null, suppressed: true, reason: 'small' },
      suspectedBuyers: { value: 5, suppressed: false, reason: null },
      under18: { value: 0, suppressed: false, reason: null },
      offeredSupport: { value: 9, suppressed: false, reason: null },
    });
    expect(shown.masked).to.deep.equal([
      { measure: 'encounters', reason: 'COMPLEMENTARY' },
      { measure: 'exposed', reason: 'SMALL' },
    ]);
    expect(shown).to.include({ passes: 10, encounters: null, exposed: null });
  });
});
