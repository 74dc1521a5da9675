import { expect } from 'chai';
import { KOMMUN_DIGITS, UNIT_SET_DIGITS, type EncounterIndex } from '../../projections/encounter-index.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { statistics, type StatisticsQuery } from '../../queries/statistics.js';
import { referenceStatistics } from './statistics-reference.js';

/** The register answers every question as the first implementation does on the same register. */
export function expectReferenceAnswers(register: PassRegister, questions: readonly StatisticsQuery[], when: string): void {
  for (const query of questions) expect(statistics(register, query), `${when}: ${JSON.stringify(query)}`).to.deep.equal(referenceStatistics(register, query));
}

/** The index's rows as comparable values: unit set and kommun codes are handed out as they appear, so compare what they stand for. */
export function laidOut(index: EncounterIndex) {
  const rows = index.blockStart[index.blocks] as number;
  return {
    blocks: Array.from(index.blockPass.subarray(0, index.blocks)),
    starts: Array.from(index.blockStart.subarray(0, index.blocks + 1)),
    digits: index.digits.map((column, c) => Array.from(column.subarray(0, rows), (v) => (c === UNIT_SET_DIGITS ? index.unitSets[v] : c === KOMMUN_DIGITS ? index.kommuner[v] : v))),
    measure: Array.from(index.measure.subarray(0, rows)),
    date: Array.from(index.date.subarray(0, rows)),
  };
}
