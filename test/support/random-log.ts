import { passRegister } from '../../projections/pass-register.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { HOME_KOMMUN_VALUES } from '../../src/domain/kommun.js';
import { AGE_BANDS, GENDERS, LOCATION_TYPES, PASS_KINDS, ROLES, UNITS } from '../../src/domain/vocabulary.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { seededRandom } from '../../src/demo/random.js';
import { decodeEvent } from '../../src/domain/event-decoding.js';

/** Random pass logs for comparing fast readers with plain ones: seeded, so a failure replays. */

/** The demo's seeded generator (mulberry32) with the picks these logs need: every failure replays by its seed. */
export function random(seed: number) {
  const { next } = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(values: readonly T[]): T => values[int(values.length)] as T;
  const some = <T>(values: readonly T[], most = values.length): T[] => {
    const shuffled = [...values].sort(() => next() - 0.5);
    return shuffled.slice(0, 1 + int(Math.min(most, values.length)));
  };
  const chance = (p: number) => next() < p;
  return { int, pick, some, chance };
}

export type Random = ReturnType<typeof random>;

export function randomDate(rnd: Random): string {
  const year = 2019 + rnd.int(6);
  const month = 1 + rnd.int(12);
  const day = 1 + rnd.int(28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Appends random pass events to the register: passes out of date order, corrections, retractions. */
export function growLog(register: PassRegister, rnd: Random, passes: number, state: LogState): PassRegister {
  const kommuner = HOME_KOMMUN_VALUES.slice(0, 12);
  let r = register;
  const apply = (type: string, data: Record<string, unknown>) => {
    state.position += 1;
    const event: RecordedEvent = { id: `e${state.position}`, streamId: `pass-${data.passId as string}`, revision: state.position, position: state.position, type, data, metadata: {}, recordedAt: '2024-01-01T00:00:00.000Z' };
    r = passRegister.apply(r, decodeEvent(event));
  };
  for (let n = 0; n < passes; n += 1) {
    const passId = `p${state.passIds.length}`;
    state.passIds.push(passId);
    apply('PassRecorded', { passId, date: randomDate(rnd), kind: rnd.pick(PASS_KINDS), units: rnd.some(UNITS, 3) });
    const raids: string[] = [];
    for (let k = rnd.int(3); k > 0; k -= 1) {
      const raidId = `r${state.raidIds.length}`;
      state.raidIds.push([passId, raidId]);
      raids.push(raidId);
      apply('RaidRecorded', { passId, raidId, locationType: rnd.pick(LOCATION_TYPES) });
    }
    for (let k = rnd.int(6); k > 0; k -= 1) {
      const encounterId = `x${state.encounterIds.length}`;
      state.encounterIds.push([passId, encounterId]);
      apply('PersonEncountered', {
        passId,
        encounterId,
        ...(raids.length > 0 && rnd.chance(0.6) ? { raidId: rnd.pick(raids) } : {}),
        role: rnd.pick(ROLES),
        ageBand: rnd.pick(AGE_BANDS),
        ...(rnd.chance(0.8) ? { gender: rnd.pick(GENDERS) } : {}),
        homeKommun: rnd.pick(kommuner),
      });
      if (rnd.chance(0.5)) apply('SupportOffered', { passId, encounterId, unit: rnd.pick(UNITS) });
    }
    // Later events for earlier passes, as corrections arrive in a real log.
    if (state.encounterIds.length > 0 && rnd.chance(0.3)) {
      const [p, encounterId] = rnd.pick(state.encounterIds);
      if (rnd.chance(0.5)) apply('EncounterCorrected', { passId: p, encounterId, ageBand: rnd.pick(AGE_BANDS), homeKommun: rnd.pick(kommuner) });
      else apply('EncounterRetracted', { passId: p, encounterId, reason: 'fel' });
    }
    if (rnd.chance(0.05)) apply('PassRetracted', { passId: rnd.pick(state.passIds), reason: 'fel' });
    if (rnd.chance(0.08)) apply('PassCorrected', { passId: rnd.pick(state.passIds), date: randomDate(rnd) });
    if (rnd.chance(0.05)) apply('PassCorrected', { passId: rnd.pick(state.passIds), units: rnd.chance(0.2) ? [] : rnd.some(UNITS, 3), kind: rnd.pick(PASS_KINDS) });
  }
  return r;
}

export interface LogState {
  position: number;
  passIds: string[];
  encounterIds: Array<[string, string]>;
  raidIds: Array<[string, string]>;
}

export function newLogState(): LogState {
  return { position: 0, passIds: [], encounterIds: [], raidIds: [] };
}

/** A register of `passes` random passes (and their raids, encounters, corrections), by seed. */
export function randomRegister(seed: number, passes: number): PassRegister {
  return growLog(passRegister.init(), random(seed), passes, newLogState());
}
