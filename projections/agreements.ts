import { agreementStatusOn, isConnectedOn, type AgreementPeriod, type AgreementStatus, type KommunAgreements } from '../src/domain/agreement.js';
import { isInOfferArea, OFFER_KOMMUNER, PROVIDER_KOMMUN, type CountyKommun } from '../src/domain/county-offer.js';
import { KOMMUN_EVENT_TYPES } from '../src/domain/events.js';
import { HOME_KOMMUN_UNKNOWN, HOME_KOMMUN_VALUES } from '../src/domain/kommun.js';
import type { Projection, ProjectedEvent } from '../src/projections/projection.js';
import { dateString, RETRACTED, type PassRegister } from './pass-register-rows.js';

/**
 * The register of the county offer's agreements (kommun streams): each kommun's agreement periods,
 * the dates a source confirmed it had none, and the encounters it has been notified of. Small (26
 * kommuner), kept as plain JSON.
 */

export interface KommunRecord extends KommunAgreements {
  readonly periods: AgreementPeriod[];
  readonly notConnectedOn: string[];
  /** Encounter ids this kommun has been notified of. */
  readonly notified: string[];
}

export interface AgreementRegister {
  readonly kommuner: Record<string, KommunRecord>;
}

function recordOf(r: AgreementRegister, code: string): KommunRecord {
  let record = r.kommuner[code];
  if (!record) {
    record = { periods: [], notConnectedOn: [], notified: [] };
    r.kommuner[code] = record;
  }
  return record;
}

function apply(r: AgreementRegister, event: ProjectedEvent): AgreementRegister {
  switch (event.type) {
    case 'AgreementSigned': {
      const d = event.data;
      recordOf(r, d.kommun).periods.push({ from: d.effectiveFrom });
      return r;
    }
    case 'AgreementEnded': {
      const d = event.data;
      const record = recordOf(r, d.kommun);
      const open = record.periods.findIndex((p) => p.until === undefined);
      if (open >= 0) record.periods[open] = { from: (record.periods[open] as AgreementPeriod).from, until: d.effectiveUntil };
      return r;
    }
    case 'NotConnectedConfirmed': {
      const d = event.data;
      recordOf(r, d.kommun).notConnectedOn.push(d.on);
      return r;
    }
    case 'KommunNotified': {
      const d = event.data;
      recordOf(r, d.kommun).notified.push(...d.encounters.map((e) => e.encounterId));
      return r;
    }
    default:
      return r;
  }
}

export const agreementRegister: Projection<AgreementRegister> = {
  name: 'agreements',
  version: 1,
  eventTypes: new Set<string>(KOMMUN_EVENT_TYPES),
  init: () => ({ kommuner: {} }),
  apply,
  serialize: (r) => Buffer.from(JSON.stringify(r)),
  deserialize: (bytes) => JSON.parse(Buffer.from(bytes).toString('utf8')) as AgreementRegister,
};

// ---- Reading the register ----

export interface AgreementsOn {
  readonly on: string;
  readonly connected: CountyKommun[];
  readonly notConnected: CountyKommun[];
  /** In the offer's area, but the log holds no agreement fact about them. */
  readonly unknown: CountyKommun[];
}

export function agreementsOn(r: AgreementRegister, on: string): AgreementsOn {
  const result: AgreementsOn = { on, connected: [], notConnected: [], unknown: [] };
  for (const kommun of OFFER_KOMMUNER) {
    const status = agreementStatusOn(r.kommuner[kommun.code], on);
    (status === 'CONNECTED' ? result.connected : status === 'NOT_CONNECTED' ? result.notConnected : result.unknown).push(kommun);
  }
  return result;
}

export function connectedOn(r: AgreementRegister, on: string): CountyKommun[] {
  return OFFER_KOMMUNER.filter((k) => {
    const record = r.kommuner[k.code];
    return record !== undefined && isConnectedOn(record, on);
  });
}

/**
 * An encounter's place in the county offer, by its home kommun and its pass date: PROVIDER for
 * Stockholms stad, OUTSIDE_AREA for every other kommun and for ABROAD, HOME_KOMMUN_UNKNOWN when the
 * home kommun is not known; otherwise the kommun's agreement status on the pass date.
 */
export type EncounterAgreementStatus = AgreementStatus | 'PROVIDER' | 'OUTSIDE_AREA' | 'HOME_KOMMUN_UNKNOWN';

/** Every encounter agreement status, in the order `schema.graphql` lists them (tied by test/unit/vocabulary.test.ts). */
export const ENCOUNTER_AGREEMENT_STATUSES: readonly EncounterAgreementStatus[] = [
  'CONNECTED',
  'NOT_CONNECTED',
  'UNKNOWN',
  'PROVIDER',
  'OUTSIDE_AREA',
  'HOME_KOMMUN_UNKNOWN',
];

export function encounterAgreementStatus(r: AgreementRegister, homeKommun: string, passDate: string): EncounterAgreementStatus {
  if (homeKommun === PROVIDER_KOMMUN) return 'PROVIDER';
  if (homeKommun === HOME_KOMMUN_UNKNOWN) return 'HOME_KOMMUN_UNKNOWN';
  if (!isInOfferArea(homeKommun)) return 'OUTSIDE_AREA';
  return agreementStatusOn(r.kommuner[homeKommun], passDate);
}

export interface PendingNotification {
  readonly kommun: string;
  readonly passId: string;
  readonly encounterId: string;
  readonly passDate: string;
  /** NOT_CONNECTED, or UNKNOWN where the log holds no agreement fact about the kommun. */
  readonly agreementStatus: 'NOT_CONNECTED' | 'UNKNOWN';
}

/**
 * The projektledare's work list: encounters (not retracted, on passes not retracted) whose home kommun
 * is in the offer's area but had no agreement on the pass date, and that no notification to that
 * kommun covers yet. A home kommun corrected to another kommun needs its own notification.
 */
export function pendingNotifications(r: AgreementRegister, register: PassRegister): PendingNotification[] {
  const notified = new Map<string, Set<string>>();
  for (const [code, record] of Object.entries(r.kommuner)) notified.set(code, new Set(record.notified));
  const pending: PendingNotification[] = [];
  const p = register.passes.cols;
  const e = register.encounters.cols;
  for (let row = 0; row < register.encounters.count; row += 1) {
    const pass = e.pass[row] as number;
    if (((e.flags[row] as number) & RETRACTED) !== 0 || p.retracted[pass]) continue;
    const homeKommun = homeKommunOf(register, row);
    if (!isInOfferArea(homeKommun)) continue;
    const passDate = dateString(p.date[pass] as number);
    const status = agreementStatusOn(r.kommuner[homeKommun], passDate);
    if (status === 'CONNECTED') continue;
    const encounterId = register.encounterIds[row] as string;
    if (notified.get(homeKommun)?.has(encounterId)) continue;
    pending.push({ kommun: homeKommun, passId: register.passIds[pass] as string, encounterId, passDate, agreementStatus: status });
  }
  return pending.sort((a, b) => (a.passDate !== b.passDate ? (a.passDate < b.passDate ? -1 : 1) : a.kommun < b.kommun ? -1 : a.kommun > b.kommun ? 1 : a.encounterId < b.encounterId ? -1 : 1));
}

function homeKommunOf(register: PassRegister, row: number): string {
  return HOME_KOMMUN_VALUES[register.encounters.cols.homeKommun[row] as number] as string;
}
