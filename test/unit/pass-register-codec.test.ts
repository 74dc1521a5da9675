import { expect } from 'chai';
import { passRegister } from '../../projections/pass-register.js';
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
