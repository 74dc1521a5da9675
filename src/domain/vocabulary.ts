/** The glossary's closed vocabularies (DESIGN §2), shared by commands, events, projections and the API. */

export const UNITS = ['MIKA', 'KAST', 'REGIONKOORDINATOR', 'UNGDOMSJOUREN', 'POLIS'] as const;
export type Unit = (typeof UNITS)[number];

/** Every unit but the police: a pass is joint when POLIS works with at least one of these. */
export const SOCIAL_SERVICES_UNITS: readonly Unit[] = ['MIKA', 'KAST', 'REGIONKOORDINATOR', 'UNGDOMSJOUREN'];

export const PASS_KINDS = ['SURVEILLANCE', 'RAID'] as const;
export type PassKind = (typeof PASS_KINDS)[number];

export const LOCATION_TYPES = ['APARTMENT', 'HOTEL', 'STREET', 'CLUB', 'ONLINE_ARRANGED', 'OTHER'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

export const ROLES = ['EXPOSED', 'BUYER'] as const;
export type Role = (typeof ROLES)[number];

export const AGE_BANDS = ['UNDER_15', 'AGE_15_17', 'AGE_18_20', 'AGE_21_25', 'AGE_26_35', 'AGE_36_45', 'AGE_46_PLUS', 'UNKNOWN'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * The bands that make up the exact under-18 roll-up (DESIGN §2): the one statement of the rule. Every
 * reader (deciders, projections, queries, the field app, the demo) asks `isUnder18` or derives its
 * codes from this list, so no copy can drift from it.
 */
export const UNDER_18_AGE_BANDS = ['UNDER_15', 'AGE_15_17'] as const satisfies readonly AgeBand[];

/** Takes any text, so the field app can ask of a band not yet chosen (''): only the two bands are under 18. */
export function isUnder18(ageBand: string): boolean {
  return (UNDER_18_AGE_BANDS as readonly string[]).includes(ageBand);
}

export const GENDERS = ['WOMAN', 'MAN', 'OTHER', 'UNKNOWN'] as const;
export type Gender = (typeof GENDERS)[number];

export function isJoint(units: readonly Unit[]): boolean {
  return units.includes('POLIS') && units.some((u) => u !== 'POLIS');
}
