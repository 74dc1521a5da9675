import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { passRegister } from '../../projections/pass-register.js';
import { steeringFigures, type SteeringFigures } from '../../queries/steering-figures.js';
import { recordCommands } from '../../src/application/record-commands.js';
import type { PassCommand } from '../../src/domain/commands.js';
import { tertialRange } from '../../src/domain/time.js';
import { foldAsOf } from '../../src/projections/engine.js';
import { offerSupport, passWithEncounters, recordEncounter, recordPass } from '../support/commands.js';
import { useTempStore } from '../support/temp-store.js';

/** The definitions of the figures, each checked through the real recorder, store and projection. */
describe('steering figures: definitions', () => {
  const fixture = useTempStore();

  async function figuresAfter(commands: readonly PassCommand[], period = { from: '2021-04-01', to: '2022-12-31' }): Promise<SteeringFigures> {
    const result = await recordCommands(fixture.store, commands, { actor: { userId: 't', org: 'MIKA', role: 'field' }, correlationId: 't', now: new Date() });
    if (!result.ok) throw new Error(JSON.stringify(result.failures));
    return steeringFigures(await foldAsOf(fixture.store, passRegister, new Date()), period);
  }

  const counts = (f: SteeringFigures) => [f.jointPasses, f.exposed, f.exposedUnder18, f.suspectedBuyers, f.suspectedBuyersUnder18, f.offeredSupport];

  it('counts a pass as joint only when POLIS and at least one social-services unit took part', async () => {
    const f = await figuresAfter([
      ...passWithEncounters(1, 0, { units: ['POLIS', 'MIKA'] }),
      ...passWithEncounters(1, 0, { units: ['POLIS', 'UNGDOMSJOUREN'] }),
      ...passWithEncounters(1, 0, { units: ['POLIS'] }),
      ...passWithEncounters(1, 0, { units: ['MIKA', 'KAST'] }),
    ]);
    expect(counts(f)).to.deep.equal([2, 2, 0, 0, 0, 2]);
  });

  it('rolls up exactly UNDER_15 and AGE_15_17 as under 18, by current role', async () => {
    const pass = recordPass();
    const bands = ['UNDER_15', 'AGE_15_17', 'AGE_18_20', 'UNKNOWN'] as const;
    const commands: PassCommand[] = [pass];
    for (const ageBand of bands) {
      commands.push(recordEncounter(pass.passId, { ageBand, role: 'EXPOSED' }), recordEncounter(pass.passId, { ageBand, role: 'BUYER' }));
    }
    expect(counts(await figuresAfter(commands))).to.deep.equal([1, 4, 2, 4, 2, 0]);
  });

  it('counts offered support once per counted encounter, however many units offered it', async () => {
    const pass = recordPass({ units: ['POLIS', 'MIKA', 'KAST'] });
    const a = recordEncounter(pass.passId);
    const b = recordEncounter(pass.passId, { role: 'BUYER' });
    const f = await figuresAfter([pass, a, b, offerSupport(pass.passId, a.encounterId, 'MIKA'), offerSupport(pass.passId, a.encounterId, 'KAST')]);
    expect(f.offeredSupport).to.equal(1);
  });

  it('leaves out retracted passes and retracted encounters, and applies corrections of role, age band, units and date', async () => {
    const retracted = passWithEncounters(2, 2);
    const kept = recordPass({ units: ['POLIS'] });
    const e1 = recordEncounter(kept.passId, { role: 'BUYER', ageBand: 'AGE_18_20' });
    const e2 = recordEncounter(kept.passId);
    const moved = recordPass({ date: '2023-01-10' });
    const e3 = recordEncounter(moved.passId);
    const id = () => randomUUID();
    const f = await figuresAfter([
      ...retracted,
      { type: 'RetractPass', commandId: id(), passId: (retracted[0] as { passId: string }).passId, reason: 'registrerad två gånger' },
      kept,
      e1,
      e2,
      { type: 'CorrectPass', commandId: id(), passId: kept.passId, units: ['POLIS', 'KAST'] },
      { type: 'CorrectEncounter', commandId: id(), passId: kept.passId, encounterId: e1.encounterId, role: 'EXPOSED', ageBand: 'AGE_15_17' },
      { type: 'RetractEncounter', commandId: id(), passId: kept.passId, encounterId: e2.encounterId, reason: 'fel pass' },
      moved,
      e3,
      { type: 'CorrectPass', commandId: id(), passId: moved.passId, date: '2022-12-31' },
    ]);
    expect(counts(f)).to.deep.equal([2, 2, 1, 0, 0, 0]);
  });

  it('takes both ends of a period, and a tertial, inclusively by pass date', async () => {
    const commands = ['2022-04-30', '2022-05-01', '2022-08-31', '2022-09-01'].flatMap((date) => passWithEncounters(1, 0, { date }));
    await figuresAfter(commands);
    const register = await foldAsOf(fixture.store, passRegister, new Date());
    expect(steeringFigures(register, tertialRange({ year: 2022, number: 1 })).jointPasses).to.equal(1);
    expect(steeringFigures(register, tertialRange({ year: 2022, number: 2 })).jointPasses).to.equal(2);
    expect(steeringFigures(register, tertialRange({ year: 2022, number: 3 })).jointPasses).to.equal(1);
    expect(steeringFigures(register, { from: '2022-05-01', to: '2022-05-01' }).jointPasses).to.equal(1);
  });
});
