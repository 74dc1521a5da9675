/**
 * A kommun's agreements with Stockholms stad as periods of dates, both ends inclusive: in effect from
 * `from` (its first day) through `until` (its last day), or open-ended. Shared by the kommun decider
 * and the agreements projection so both read the same dates the same way.
 */

export interface AgreementPeriod {
  readonly from: string;
  readonly until?: string;
}

export interface KommunAgreements {
  readonly periods: readonly AgreementPeriod[];
  /** Dates on which a source said the kommun had no agreement. */
  readonly notConnectedOn: readonly string[];
}

/**
 * CONNECTED: an agreement covers the date. NOT_CONNECTED: none does, and the log knows the kommun's
 * agreement status (an agreement before or after, or a confirmation of none). UNKNOWN: the log holds
 * no agreement fact about the kommun at all (Danderyd in the 2022 report).
 */
export type AgreementStatus = 'CONNECTED' | 'NOT_CONNECTED' | 'UNKNOWN';

export function isConnectedOn(agreements: KommunAgreements, date: string): boolean {
  return agreements.periods.some((p) => p.from <= date && (p.until === undefined || date <= p.until));
}

export function agreementStatusOn(agreements: KommunAgreements | undefined, date: string): AgreementStatus {
  if (!agreements || (agreements.periods.length === 0 && agreements.notConnectedOn.length === 0)) return 'UNKNOWN';
  return isConnectedOn(agreements, date) ? 'CONNECTED' : 'NOT_CONNECTED';
}

export function openPeriod(agreements: KommunAgreements): AgreementPeriod | undefined {
  return agreements.periods.find((p) => p.until === undefined);
}
