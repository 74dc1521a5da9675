import { expect } from 'chai';
import { passRegister } from '../../projections/pass-register.js';
import { jsonArraysSectionInSteps, packSectionsInSteps, stringsFromSectionInSteps, stringsSectionInSteps, unpackSections } from '../../projections/columns.js';
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

/** Runs steps to the end, counting the yields between them. */
function stepped<T>(steps: Generator<void, T>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { value: next.value, yields };
    yields += 1;
  }
}

describe('free-text columns as JSON, encoded in steps (jsonArraysSectionInSteps)', () => {
  it('writes the bytes JSON.stringify writes, whatever the step, and yields between steps', () => {
    const texts = ['Norra bantorget', null, 'citat "så" \\ och\nny rad', '', '😀 emoji', null, 'Tensta'];
    const cases: Array<Record<string, Array<string | null>>> = [{}, { area: [] }, { area: texts, start: [], end: [null], raidTime: texts.slice(2) }];
    for (const arrays of cases) {
      for (const perStep of [1, 2, 7, 20_000]) {
        const { value, yields } = stepped(jsonArraysSectionInSteps(arrays, perStep));
        const label = `${JSON.stringify(arrays).slice(0, 40)}, ${perStep} per step`;
        expect(Buffer.from(value).toString('utf8'), label).to.equal(JSON.stringify(arrays));
        const expectedYields = Object.values(arrays).reduce((sum, values) => sum + Math.max(0, Math.ceil(values.length / perStep) - 1), 0);
        expect(yields, label).to.equal(expectedYields);
      }
    }
  });
});

describe('a document of sections, packed in steps (packSectionsInSteps)', () => {
  it('packs the same bytes whatever the step, reads back section by section, and yields per step of bytes', () => {
    const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256);
    const sections = { a: bytes(10, 1), empty: new Uint8Array(0), b: bytes(1_000, 2), c: bytes(3, 3) };
    const { value: atOnce, yields: none } = stepped(packSectionsInSteps({ n: 1 }, sections, 1 << 20));
    expect(none).to.equal(0);
    for (const perStep of [1, 7, 100, 1_013]) {
      const { value, yields } = stepped(packSectionsInSteps({ n: 1 }, sections, perStep));
      expect(Buffer.from(value).equals(Buffer.from(atOnce)), `${perStep} bytes per step`).to.equal(true);
      expect(yields, `${perStep} bytes per step`).to.be.at.least(Math.floor(1_013 / perStep) - 1 - 3);
      const { header, section } = unpackSections<{ n: number }>(value);
      expect(header).to.deep.equal({ n: 1 });
      for (const [name, expected] of Object.entries(sections)) expect(Buffer.from(section(name)).equals(Buffer.from(expected)), name).to.equal(true);
    }
  });
});
