import { DateTime } from 'luxon';
import { v5 as uuidv5 } from 'uuid';
import type { Command, PassCommand } from '../domain/commands.js';
import { isKommunCode } from '../domain/kommun.js';
import { ZONE } from '../domain/time.js';
import { isUnder18, type AgeBand, type Gender, type LocationType, type Role, type Unit } from '../domain/vocabulary.js';
import { countyOfferDemoCommands } from './county-offer-demo.js';
import { seededRandom, type Random } from './random.js';
import { adultAgeBand, AREAS, gender, homeKommun, SOCIAL_COMBOS, supportUnitFor } from './synthetic-people.js';

/**
 * A synthetic demo log — labelled so in every pass's area and in every event's metadata — that
 * reproduces the figures of the autumn-2022 report (seed 004) for 2021-04-01…2022-08-31: 201 joint
 * passes, 364 exposed (18 under 18), 306 suspected buyers (3 under 18), every one offered support.
 * Around them it records what a real log also holds: non-joint passes, a retracted pass, encounters
 * recorded twice and retracted, and corrections of role, age band, units and date — none of which
 * may change the figures. Same ids on every run, so a second run is a retry and appends nothing.
 */

export const DEMO_LABEL = 'DEMO – syntetiska data';
const DEMO_NAMESPACE = '5b7f3c1e-2a9d-4e60-8c3b-7d1e9f0a4b26';
const DEMO_PERIOD = { from: '2021-04-01', to: '2022-08-31' } as const;
export const DEMO_FIGURES = {
  jointPasses: 201,
  exposed: 364,
  exposedUnder18: 18,
  suspectedBuyers: 306,
  suspectedBuyersUnder18: 3,
  offeredSupport: 670,
} as const;

const id = (name: string) => uuidv5(name, DEMO_NAMESPACE);

interface Person {
  role: Role;
  ageBand: AgeBand;
  gender: Gender;
  homeKommun: string;
}

function people(random: Random): Person[] {
  const list: Person[] = [];
  const add = (role: Role, count: number, ageBand: (r: Random) => AgeBand) => {
    for (let i = 0; i < count; i += 1) {
      list.push({ role, ageBand: ageBand(random), gender: gender(random, role), homeKommun: homeKommun(random, role) });
    }
  };
  add('EXPOSED', 3, () => 'UNDER_15');
  add('EXPOSED', 15, () => 'AGE_15_17');
  add('EXPOSED', 364 - 18, (r) => adultAgeBand(r, 'EXPOSED'));
  add('BUYER', 3, () => 'AGE_15_17');
  add('BUYER', 306 - 3, (r) => adultAgeBand(r, 'BUYER'));
  return list;
}

function passDates(random: Random, count: number): string[] {
  const first = DateTime.fromISO('2021-04-06', { zone: ZONE });
  const span = DateTime.fromISO(DEMO_PERIOD.to, { zone: ZONE }).diff(first, 'days').days;
  const dates: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const day = Math.min(span, Math.floor((i * span) / (count - 1) + random.next() * 2));
    dates.push(first.plus({ days: day }).toISODate() as string);
  }
  return dates;
}

/**
 * The demo log as commands, in the order they would have been sent: the joint passes, then the county
 * offer, trainings and online outreach (src/demo/county-offer-demo.ts), which leave the figures above as they are.
 */
export function demoCommands(): Command[] {
  const passes = passDemoCommands();
  return [...passes, ...countyOfferDemoCommands(passes, { label: DEMO_LABEL, id })];
}

/** How many of each planted mistake are still to plant, across the passes. */
interface Mistakes {
  roleCorrections: number;
  ageCorrections: number;
  duplicates: number;
}

function passDemoCommands(): PassCommand[] {
  const random = seededRandom(20220831);
  const commands: PassCommand[] = [];
  let n = 0;
  const next = (kind: string) => id(`${kind}-${(n += 1)}`);

  const everyone = people(random);
  // Shuffle so minors and buyers spread over the period.
  for (let i = everyone.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [everyone[i], everyone[j]] = [everyone[j] as Person, everyone[i] as Person];
  }
  const dates = passDates(random, DEMO_FIGURES.jointPasses);
  const perPass: Person[][] = dates.map(() => []);
  for (const person of everyone) (perPass[random.int(0, dates.length - 1)] as Person[]).push(person);

  const mistakes: Mistakes = { roleCorrections: 6, ageCorrections: 4, duplicates: 5 };
  for (const [p, date] of dates.entries()) commands.push(...jointPass(random, next, p, date, perPass[p] as Person[], mistakes));

  commands.push(...passesThatDoNotCount(random, next));
  return commands;
}

/** The commands of joint pass number `p`: the pass, its raids, its people and the mistakes planted on it. */
function jointPass(random: Random, next: (kind: string) => string, p: number, date: string, persons: readonly Person[], mistakes: Mistakes): PassCommand[] {
  const commands: PassCommand[] = [];
  const passId = id(`pass-${p}`);
  const social = random.pick(SOCIAL_COMBOS);
  const units: Unit[] = ['POLIS', ...social];
  const kind = random.next() < 0.6 ? 'RAID' : 'SURVEILLANCE';
  const area = `${DEMO_LABEL}: ${random.pick(AREAS)}`;
  // Two passes were first recorded wrongly and corrected later: police only, and a date before the agreement.
  const recordedUnits: Unit[] = p === 17 ? ['POLIS'] : units;
  const recordedDate = p === 0 ? '2021-03-31' : date;
  commands.push({ type: 'RecordPass', commandId: next('cmd'), passId, date: recordedDate, kind, units: recordedUnits, startTime: '21:00', endTime: '03:00', area });

  const raidIds: string[] = [];
  if (kind === 'RAID') {
    for (let r = 0; r < random.int(1, 2); r += 1) {
      const raidId = id(`raid-${p}-${r}`);
      raidIds.push(raidId);
      const locationType = random.weighted<LocationType>([['APARTMENT', 50], ['HOTEL', 30], ['STREET', 8], ['CLUB', 5], ['ONLINE_ARRANGED', 7]]);
      commands.push({ type: 'RecordRaid', commandId: next('cmd'), passId, raidId, time: `2${r + 1}:30`, locationType });
    }
  }

  const followUps: PassCommand[] = [];
  const supportAfterCorrection: PassCommand[] = [];
  for (const [e, person] of persons.entries()) {
    const encounter = { passId, encounterId: id(`encounter-${p}-${e}`), raidId: raidIds.length > 0 ? random.pick(raidIds) : undefined, date, social };
    const planted = encounterCommands(next, encounter, person, p, e, mistakes);
    // Only a unit on the pass offers support: on the pass first recorded as police only, once it is corrected.
    if (p === 17) supportAfterCorrection.push(planted.support);
    commands.push(...planted.before, ...(p === 17 ? [] : [planted.support]), ...planted.after);
    followUps.push(...planted.later);
  }
  if (p === 17) followUps.push({ type: 'CorrectPass', commandId: next('cmd'), passId, units });
  if (p === 0) followUps.push({ type: 'CorrectPass', commandId: next('cmd'), passId, date });
  commands.push(...followUps, ...supportAfterCorrection);
  return commands;
}

interface EncounterPlace {
  readonly passId: string;
  readonly encounterId: string;
  readonly raidId: string | undefined;
  readonly date: string;
  readonly social: readonly Unit[];
}

/**
 * One person met on a joint pass: the commands sent before the support offered, the support (apart,
 * so a caller may hold it back), those sent after it, and those sent once the pass is recorded.
 */
function encounterCommands(next: (kind: string) => string, place: EncounterPlace, person: Person, p: number, e: number, mistakes: Mistakes) {
  const { passId, encounterId, raidId, date, social } = place;
  const before: PassCommand[] = [];
  const after: PassCommand[] = [];
  const later: PassCommand[] = [];
  const under18 = isUnder18(person.ageBand);
  let recorded = { ...person };
  if (person.role === 'EXPOSED' && !under18 && mistakes.roleCorrections > 0 && p % 7 === 3) {
    mistakes.roleCorrections -= 1;
    recorded = { ...person, role: 'BUYER' };
    later.push({ type: 'CorrectEncounter', commandId: next('cmd'), passId, encounterId, role: 'EXPOSED' });
  }
  const ageWasWrong = person.role === 'EXPOSED' && person.ageBand === 'AGE_15_17' && mistakes.ageCorrections > 0;
  if (ageWasWrong) {
    mistakes.ageCorrections -= 1;
    recorded = { ...recorded, ageBand: 'AGE_18_20' };
  }
  before.push({ type: 'RecordEncounter', commandId: next('cmd'), passId, encounterId, ...(raidId ? { raidId } : {}), ...recorded });
  if (ageWasWrong) before.push({ type: 'CorrectEncounter', commandId: next('cmd'), passId, encounterId, ageBand: person.ageBand });
  const wanted = supportUnitFor(under18, person.role, social);
  const support: PassCommand = { type: 'OfferSupport', commandId: next('cmd'), passId, encounterId, unit: onPass(social, wanted) };
  if (under18) {
    after.push({ type: 'ContactGuardian', commandId: next('cmd'), passId, encounterId, on: date });
    const kommun = isKommunCode(person.homeKommun) ? person.homeKommun : '0180';
    after.push({ type: 'FileConcernReport', commandId: next('cmd'), passId, encounterId, on: date, kommun });
  }
  if (mistakes.duplicates > 0 && p % 11 === 5 && e === 0) {
    mistakes.duplicates -= 1;
    const twin = id(`encounter-${p}-${e}-twin`);
    after.push({ type: 'RecordEncounter', commandId: next('cmd'), passId, encounterId: twin, ...(raidId ? { raidId } : {}), ...recorded });
    later.push({ type: 'RetractEncounter', commandId: next('cmd'), passId, encounterId: twin, reason: `${DEMO_LABEL}: registrerad två gånger` });
  }
  return { before, support, after, later };
}

/** The unit wanted to offer support if it is on the pass, else the first social-services unit that is. */
function onPass(units: readonly Unit[], wanted: Unit): Unit {
  return units.includes(wanted) ? wanted : (units.find((u) => u !== 'POLIS') ?? wanted);
}

/** Passes the figures must leave out: without the police, police alone, after the period, and one retracted. */
function passesThatDoNotCount(random: Random, next: (kind: string) => string): PassCommand[] {
  const commands: PassCommand[] = [];
  const extra: Array<{ name: string; date: string; units: Unit[]; retract?: boolean }> = [
    { name: 'mika-street', date: '2021-09-14', units: ['MIKA'] },
    { name: 'mika-kast-online', date: '2022-02-03', units: ['MIKA', 'KAST'] },
    { name: 'police-alone', date: '2022-06-21', units: ['POLIS'] },
    { name: 'after-period', date: '2022-09-06', units: ['POLIS', 'MIKA'] },
    { name: 'recorded-twice', date: '2022-03-17', units: ['POLIS', 'MIKA', 'KAST'], retract: true },
  ];
  for (const pass of extra) {
    const passId = id(`pass-${pass.name}`);
    commands.push({ type: 'RecordPass', commandId: next('cmd'), passId, date: pass.date, kind: 'SURVEILLANCE', units: pass.units, area: `${DEMO_LABEL}: ${random.pick(AREAS)}` });
    for (let e = 0; e < 2; e += 1) {
      const role: Role = e === 0 ? 'EXPOSED' : 'BUYER';
      const encounterId = id(`encounter-${pass.name}-${e}`);
      commands.push({ type: 'RecordEncounter', commandId: next('cmd'), passId, encounterId, role, ageBand: adultAgeBand(random, role), gender: gender(random, role), homeKommun: homeKommun(random, role) });
      if (pass.units.some((u) => u !== 'POLIS')) {
        commands.push({ type: 'OfferSupport', commandId: next('cmd'), passId, encounterId, unit: onPass(pass.units, role === 'BUYER' ? 'KAST' : 'MIKA') });
      }
    }
    if (pass.retract) commands.push({ type: 'RetractPass', commandId: next('cmd'), passId, reason: `${DEMO_LABEL}: passet registrerades två gånger` });
  }
  return commands;
}
