import { countyKommun, PROVIDER_KOMMUN } from '../src/domain/county-offer.js';
import type { OutreachSessionHeldData } from '../src/domain/events.js';
import { OUTREACH_EVENT_TYPES } from '../src/domain/events.js';
import { HOME_KOMMUN_UNKNOWN, HOME_KOMMUN_VALUES } from '../src/domain/kommun.js';
import type { AccountPayment } from '../src/domain/county-vocabulary.js';
import { AGE_BANDS, GENDERS, type AgeBand, type Gender, type Unit } from '../src/domain/vocabulary.js';
import type { Projection, ProjectedEvent } from '../src/projections/projection.js';
import { CONCERN_REPORTED, GUARDIAN_CONTACTED, UNDER_18_AGE_CODES, RETRACTED, type PassRegister } from './pass-register-rows.js';

/**
 * Online outreach (seed 001): the platform accounts staff work with — how each was paid for, whether
 * the organisation had to be disclosed, whether the platform blocked it — and the outreach sessions
 * with what they established. Small; plain JSON.
 */

interface AccountRecord {
  readonly accountId: string;
  readonly unit: Unit;
  readonly platform: string;
  readonly registeredOn: string;
  readonly payment: AccountPayment;
  disclosedOn?: string;
  blockedOn?: string;
}

interface OutreachRegister {
  readonly accounts: Record<string, AccountRecord>;
  readonly sessions: OutreachSessionHeldData[];
}

function apply(r: OutreachRegister, event: ProjectedEvent): OutreachRegister {
  switch (event.type) {
    case 'AccountRegistered': {
      const { on, ...d } = event.data;
      r.accounts[d.accountId] = { ...d, registeredOn: on };
      return r;
    }
    case 'OrganisationDisclosed': {
      const d = event.data;
      const account = r.accounts[d.accountId];
      if (account && account.disclosedOn === undefined) account.disclosedOn = d.on;
      return r;
    }
    case 'AccountBlocked': {
      const d = event.data;
      const account = r.accounts[d.accountId];
      if (account && account.blockedOn === undefined) account.blockedOn = d.on;
      return r;
    }
    case 'OutreachSessionHeld':
      r.sessions.push(event.data);
      return r;
    default:
      return r;
  }
}

export const outreachRegister: Projection<OutreachRegister> = {
  name: 'outreach',
  version: 1,
  eventTypes: new Set<string>(OUTREACH_EVENT_TYPES),
  init: () => ({ accounts: {}, sessions: [] }),
  apply,
  serialize: (r) => Buffer.from(JSON.stringify(r)),
  deserialize: (bytes) => JSON.parse(Buffer.from(bytes).toString('utf8')) as OutreachRegister,
};

interface PlatformSummary {
  readonly platform: string;
  readonly accountsRegistered: number;
  readonly organisationDisclosed: number;
  readonly accountsBlocked: number;
  readonly paidWithPrivateCard: number;
  readonly sessions: number;
  readonly contactsEstablished: number;
  readonly minorsFound: number;
  readonly referrals: number;
}

/** The persons met on the passes that outreach sessions name (their encounters), counted as seed 004 counts them. */
export interface OutreachPersons {
  readonly persons: number;
  readonly minors: number;
  readonly byGender: Array<{ gender: Gender | 'NOT_GIVEN'; persons: number }>;
  readonly byAgeBand: Array<{ ageBand: AgeBand; persons: number }>;
  readonly fromStockholmsStad: number;
  /** Other kommuner of Stockholms län (kranskommuner). */
  readonly fromOtherCountyKommuner: number;
  readonly fromOutsideCounty: number;
  readonly homeKommunUnknown: number;
  readonly minorsGuardianContacted: number;
  readonly minorsConcernReported: number;
}

export interface OutreachSummary {
  readonly year: number;
  readonly accountsRegistered: number;
  readonly accountsBlocked: number;
  readonly organisationDisclosed: number;
  /** Accounts paid with a member of staff's private card: seed 001 calls this unacceptable. */
  readonly paidWithPrivateCard: number;
  readonly sessions: number;
  readonly contactsEstablished: number;
  readonly minorsFound: number;
  readonly referrals: number;
  readonly platforms: PlatformSummary[];
  readonly persons: OutreachPersons;
}

const inYear = (date: string | undefined, year: number) => date !== undefined && Number(date.slice(0, 4)) === year;

export function outreachSummary(r: OutreachRegister, register: PassRegister, year: number): OutreachSummary {
  const accounts = Object.values(r.accounts);
  const sessions = r.sessions.filter((s) => inYear(s.date, year));
  const platforms = [...new Set([...accounts.map((a) => a.platform), ...sessions.map((s) => s.platform)])].sort();
  const rows = platforms.map((platform): PlatformSummary => {
    const of = accounts.filter((a) => a.platform === platform);
    const sessionsOf = sessions.filter((s) => s.platform === platform);
    return {
      platform,
      accountsRegistered: of.filter((a) => inYear(a.registeredOn, year)).length,
      organisationDisclosed: of.filter((a) => inYear(a.disclosedOn, year)).length,
      accountsBlocked: of.filter((a) => inYear(a.blockedOn, year)).length,
      paidWithPrivateCard: of.filter((a) => inYear(a.registeredOn, year) && a.payment === 'PRIVATE_CARD').length,
      sessions: sessionsOf.length,
      contactsEstablished: sessionsOf.reduce((n, s) => n + s.contactsEstablished, 0),
      minorsFound: sessionsOf.reduce((n, s) => n + s.minorsFound, 0),
      referrals: sessionsOf.reduce((n, s) => n + s.referrals, 0),
    };
  }).filter((p) => p.accountsRegistered + p.organisationDisclosed + p.accountsBlocked + p.sessions > 0);
  const sum = (field: keyof Omit<PlatformSummary, 'platform'>) => rows.reduce((n, p) => n + p[field], 0);
  return {
    year,
    accountsRegistered: sum('accountsRegistered'),
    accountsBlocked: sum('accountsBlocked'),
    organisationDisclosed: sum('organisationDisclosed'),
    paidWithPrivateCard: sum('paidWithPrivateCard'),
    sessions: sessions.length,
    contactsEstablished: sum('contactsEstablished'),
    minorsFound: sum('minorsFound'),
    referrals: sum('referrals'),
    platforms: rows,
    persons: personsMet(register, new Set(sessions.flatMap((s) => (s.passId ? [s.passId] : [])))),
  };
}

function personsMet(register: PassRegister, passIds: ReadonlySet<string>): OutreachPersons {
  const passRows = new Set([...passIds].flatMap((id) => {
    const row = register.passIndex.get(id);
    return row === undefined || register.passes.cols.retracted[row] ? [] : [row];
  }));
  const e = register.encounters.cols;
  const gender = new Map<string, number>();
  const age = new Map<string, number>();
  let persons = 0;
  let minors = 0;
  let stad = 0;
  let county = 0;
  let outside = 0;
  let unknown = 0;
  let guardian = 0;
  let concern = 0;
  for (let row = 0; row < register.encounters.count; row += 1) {
    const flags = e.flags[row] as number;
    if (!passRows.has(e.pass[row] as number) || (flags & RETRACTED) !== 0) continue;
    persons += 1;
    const g = e.gender[row] as number;
    const genderName = g > 0 ? (GENDERS[g - 1] as string) : 'NOT_GIVEN';
    gender.set(genderName, (gender.get(genderName) ?? 0) + 1);
    const ageName = AGE_BANDS[e.ageBand[row] as number] as string;
    age.set(ageName, (age.get(ageName) ?? 0) + 1);
    const home = HOME_KOMMUN_VALUES[e.homeKommun[row] as number] as string;
    if (home === PROVIDER_KOMMUN) stad += 1;
    else if (home === HOME_KOMMUN_UNKNOWN) unknown += 1;
    else if (countyKommun(home)?.inStockholmsLan) county += 1;
    else outside += 1;
    if (UNDER_18_AGE_CODES.has(e.ageBand[row] as number)) {
      minors += 1;
      if (flags & GUARDIAN_CONTACTED) guardian += 1;
      if (flags & CONCERN_REPORTED) concern += 1;
    }
  }
  return {
    persons,
    minors,
    byGender: [...GENDERS, 'NOT_GIVEN' as const].filter((g) => gender.has(g)).map((g) => ({ gender: g, persons: gender.get(g) as number })),
    byAgeBand: AGE_BANDS.filter((a) => age.has(a)).map((a) => ({ ageBand: a, persons: age.get(a) as number })),
    fromStockholmsStad: stad,
    fromOtherCountyKommuner: county,
    fromOutsideCounty: outside,
    homeKommunUnknown: unknown,
    minorsGuardianContacted: guardian,
    minorsConcernReported: concern,
  };
}
