import { expect } from 'chai';
import { passRegister } from '../../projections/pass-register.js';
import { stringsFromSectionInSteps, stringsSectionInSteps } from '../../projections/columns.js';
import { serializeInSteps } from '../../projections/pass-register-codec.js';
import { drain } from '../../src/projections/steps.js';
import { growLog, newLogState, random } from '../support/random-log.js';

describe('the pass register saved in steps while it folds on', () => {
  it('saves the register as it stood at the first step, whatever the fold does between the steps', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rnd = random(seed);
      const state = newLogState();
      const register = growLog(passRegister.init(), rnd, 300, state);
      const then = passRegister.serialize(register);
      const steps = serializeInSteps(register);
      expect(steps.next().done, 'a save of several steps').to.equal(false);
      // New passes, raids and encounters, and corrections, retractions and redated passes of the rows already saved.
      const grown = growLog(register, rnd, 200, state);
      expect(grown, 'the fold goes on in place').to.equal(register);
      expect(Buffer.compare(Buffer.from(passRegister.serialize(grown)), Buffer.from(then)), `seed ${seed}: the register moved on`).to.not.equal(0);
      const saved = drain(steps);
      expect(Buffer.compare(Buffer.from(saved), Buffer.from(then)), `seed ${seed}`).to.equal(0);
      expect(passRegister.serialize(passRegister.deserialize(saved))).to.deep.equal(then);
    }
  });
});

describe('a section of strings, encoded in steps (stringsSectionInSteps)', () => {
  it('holds the strings one per line, the same bytes whatever the step, and yields between steps', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `id-${i}-åäö`);
    for (const values of [[], ['only'], ['', ''], ids]) {
      for (const perStep of [1, 3, 10, 20_000]) {
        const steps = stringsSectionInSteps(values, perStep);
        let yields = 0;
        let next = steps.next();
        while (!next.done) {
          yields += 1;
          next = steps.next();
        }
        expect(Buffer.from(next.value).equals(Buffer.from(values.join('\n'))), `${values.length} strings, ${perStep} per step`).to.equal(true);
        expect(yields, `${values.length} strings, ${perStep} per step`).to.equal(Math.max(0, Math.ceil(values.length / perStep) - 1));
        expect(drain(stringsFromSectionInSteps(next.value, values.length, 4))).to.deep.equal(values.length === 0 ? [] : values);
      }
    }
  });
});
