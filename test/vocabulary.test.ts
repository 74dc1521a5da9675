import { expect } from 'chai';
import { AGE_BANDS, isUnder18, UNDER_18_AGE_BANDS } from '../src/domain/vocabulary.js';
import { UNDER_18_AGE_CODES } from '../projections/pass-register-rows.js';
import { isUnder18 as fieldAppIsUnder18 } from '../src/web/client/field/model.js';

/**
 * The glossary's vocabulary is stated once, in src/domain: every other reader (the register's codes,
 * the field app's bundle, the public schema) is tied to it here, so a copy cannot drift.
 */

describe('vocabulary: under 18 is one rule', () => {
  it('holds for exactly the bands UNDER_15 and AGE_15_17, and for no text that is not a band', () => {
    expect(AGE_BANDS.filter(isUnder18)).to.deep.equal(['UNDER_15', 'AGE_15_17']);
    expect(UNDER_18_AGE_BANDS).to.deep.equal(AGE_BANDS.filter(isUnder18));
    for (const text of ['', 'under_15', 'UNDER_18', 'AGE_18_20', 'UNKNOWN']) expect(isUnder18(text), text).to.equal(false);
  });

  it("gives the register's under-18 codes: the indexes of the under-18 bands", () => {
    expect([...UNDER_18_AGE_CODES].sort((a, b) => a - b)).to.deep.equal(AGE_BANDS.flatMap((band, code) => (isUnder18(band) ? [code] : [])));
    expect([...UNDER_18_AGE_CODES].map((code) => AGE_BANDS[code])).to.have.members([...UNDER_18_AGE_BANDS]);
  });

  it("is the field app's rule too: the bundle asks the domain's function, not a copy", () => {
    expect(fieldAppIsUnder18).to.equal(isUnder18);
  });
});
