import { randomUUID } from 'node:crypto';
import type { PassCommand } from '../../src/domain/commands.js';
import type { AgeBand, Role, Unit } from '../../src/domain/vocabulary.js';

/** Builders for test commands: fresh ids each time unless given. */
export function recordPass(over: Partial<Extract<PassCommand, { type: 'RecordPass' }>> = {}): Extract<PassCommand, { type: 'RecordPass' }> {
  return { type: 'RecordPass', commandId: randomUUID(), passId: randomUUID(), date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] as Unit[], ...over };
}

export function recordEncounter(
  passId: string,
  over: Partial<Extract<PassCommand, { type: 'RecordEncounter' }>> = {},
): Extract<PassCommand, { type: 'RecordEncounter' }> {
  return {
    type: 'RecordEncounter',
    commandId: randomUUID(),
    passId,
    encounterId: randomUUID(),
    role: 'EXPOSED' as Role,
    ageBand: 'AGE_26_35' as AgeBand,
    homeKommun: '0180',
    ...over,
  };
}

export function offerSupport(passId: string, encounterId: string, unit: Unit = 'MIKA'): PassCommand {
  return { type: 'OfferSupport', commandId: randomUUID(), passId, encounterId, unit };
}

/** The unit that offers support on a pass: the one wanted if it was there, else the first social-services unit there. */
export function supportUnitOn(units: readonly Unit[], wanted: Unit): Unit | undefined {
  return units.includes(wanted) ? wanted : units.find((u) => u !== 'POLIS');
}

/** A pass with `exposed` and `buyers` encounters, each offered support by a unit on it: commands in sending order. */
export function passWithEncounters(exposed: number, buyers: number, over: Partial<Extract<PassCommand, { type: 'RecordPass' }>> = {}): PassCommand[] {
  const pass = recordPass(over);
  const commands: PassCommand[] = [pass];
  for (let i = 0; i < exposed + buyers; i += 1) {
    const encounter = recordEncounter(pass.passId, { role: i < exposed ? 'EXPOSED' : 'BUYER' });
    // The police offer no support: on a police-only pass nobody does.
    const unit = supportUnitOn(pass.units, i < exposed ? 'MIKA' : 'KAST');
    commands.push(encounter, ...(unit ? [offerSupport(pass.passId, encounter.encounterId, unit)] : []));
  }
  return commands;
}

export function toJsonl(commands: readonly unknown[]): string {
  return `${commands.map((c) => JSON.stringify(c)).join('\n')}\n`;
}
