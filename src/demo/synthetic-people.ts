import type { AgeBand, Gender, Role, Unit } from '../domain/vocabulary.js';
import type { Random } from './random.js';

/**
 * What the demo log and the bench's generated log draw their synthetic passes and people from: one
 * list of areas, kommuner and units, and one set of weights, so the two logs look alike.
 */

/** The social-services units that go out with the police, alone or together. */
export const SOCIAL_COMBOS: readonly Unit[][] = [
  ['MIKA'],
  ['MIKA', 'KAST'],
  ['KAST'],
  ['MIKA', 'REGIONKOORDINATOR'],
  ['MIKA', 'KAST', 'REGIONKOORDINATOR'],
  ['UNGDOMSJOUREN', 'REGIONKOORDINATOR'],
];
export const AREAS = ['City', 'Södermalm', 'Kungsholmen', 'Norrmalm', 'Solna', 'Sundbyberg', 'Arlandaområdet', 'Södertälje'];
const COUNTY_KOMMUNER = ['0114', '0123', '0126', '0127', '0136', '0138', '0160', '0163', '0181', '0182', '0183', '0184', '0186', '0188', '0191'];
const OTHER_KOMMUNER = ['1480', '1280', '0380', '0580', '1880', '2480', '0980'];

/** Exposed people are mostly from abroad, buyers mostly from Stockholm and the county. */
export function homeKommun(random: Random, role: Role): string {
  const where = random.weighted<'ABROAD' | '0180' | 'county' | 'sweden' | 'UNKNOWN'>(
    role === 'EXPOSED'
      ? [['ABROAD', 45], ['0180', 25], ['county', 20], ['sweden', 5], ['UNKNOWN', 5]]
      : [['ABROAD', 5], ['0180', 45], ['county', 38], ['sweden', 10], ['UNKNOWN', 2]],
  );
  if (where === 'county') return random.pick(COUNTY_KOMMUNER);
  if (where === 'sweden') return random.pick(OTHER_KOMMUNER);
  return where;
}

export function adultAgeBand(random: Random, role: Role): AgeBand {
  return random.weighted<AgeBand>(
    role === 'EXPOSED'
      ? [['AGE_18_20', 10], ['AGE_21_25', 30], ['AGE_26_35', 35], ['AGE_36_45', 18], ['AGE_46_PLUS', 5], ['UNKNOWN', 2]]
      : [['AGE_18_20', 3], ['AGE_21_25', 10], ['AGE_26_35', 25], ['AGE_36_45', 30], ['AGE_46_PLUS', 30], ['UNKNOWN', 2]],
  );
}

export function gender(random: Random, role: Role): Gender {
  return random.weighted<Gender>(
    role === 'EXPOSED'
      ? [['WOMAN', 85], ['MAN', 8], ['OTHER', 4], ['UNKNOWN', 3]]
      : [['MAN', 97], ['WOMAN', 2], ['UNKNOWN', 1]],
  );
}

/** Who offers support: the youth units to someone under 18, KAST to a buyer, MIKA to an exposed adult. */
export function supportUnitFor(under18: boolean, role: Role, social: readonly Unit[]): Unit {
  if (under18) return social.includes('UNGDOMSJOUREN') ? 'UNGDOMSJOUREN' : 'REGIONKOORDINATOR';
  return role === 'BUYER' ? 'KAST' : 'MIKA';
}
