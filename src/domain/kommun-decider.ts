import { agreementStatusOn, isConnectedOn, openPeriod, type AgreementPeriod, type KommunAgreements } from './agreement.js';
import type { CountyCommandOf, CountyCommandType } from './commands.js';
import { decided, notInFuture, nowInStockholm, refuse, type Decider, type DecisionOf } from './decision.js';
import { domainError } from './errors.js';
import type { CountyEvent, DecidedCountyEvent } from './events.js';
import { stockholmDateTime } from './time.js';

/**
 * The decider of one kommun stream (`kommun-<code>`): its agreements with Stockholms stad and the
 * notifications sent to it about its residents encountered while it had no agreement. Pure; what it
 * must know of other streams (the encounters a notification names) the shell looks up and passes in.
 */

/** The commands decided in kommun streams: the catalogue routes these here. */
export const KOMMUN_COMMANDS = ['SignAgreement', 'EndAgreement', 'ConfirmNotConnected', 'NotifyKommun'] as const satisfies readonly CountyCommandType[];
export type KommunCommand = CountyCommandOf<(typeof KOMMUN_COMMANDS)[number]>;

export interface KommunState extends KommunAgreements {
  readonly notified: ReadonlySet<string>;
}

/** An encounter as its pass stream stands, for a notification to be checked against. */
export interface EncounterFacts {
  readonly passDate: string;
  readonly homeKommun: string;
  /** The encounter or its pass is retracted. */
  readonly retracted: boolean;
}

export interface KommunLookups {
  encounter(passId: string, encounterId: string): EncounterFacts | undefined;
}

export function initialState(): KommunState {
  return { periods: [], notConnectedOn: [], notified: new Set() };
}

export function evolve(state: KommunState, event: CountyEvent): KommunState {
  switch (event.type) {
    case 'AgreementSigned': {
      const { effectiveFrom } = event.data;
      return { ...state, periods: [...state.periods, { from: effectiveFrom }] };
    }
    case 'AgreementEnded': {
      const { effectiveUntil } = event.data;
      return { ...state, periods: state.periods.map((p): AgreementPeriod => (p.until === undefined ? { from: p.from, until: effectiveUntil } : p)) };
    }
    case 'NotConnectedConfirmed':
      return { ...state, notConnectedOn: [...state.notConnectedOn, event.data.on] };
    case 'KommunNotified': {
      const notified = new Set(state.notified);
      for (const e of event.data.encounters) notified.add(e.encounterId);
      return { ...state, notified };
    }
    default:
      return state;
  }
}

export function decide(command: KommunCommand, state: KommunState, now: Date, lookups: KommunLookups): DecisionOf<DecidedCountyEvent> {
  switch (command.type) {
    case 'SignAgreement': {
      if (openPeriod(state)) {
        return refuse(domainError('CONFLICT', 'kommun', 'already has an agreement in effect without an end; record its end before a new agreement'));
      }
      const lastDay = state.periods.reduce((max, p) => (p.until !== undefined && p.until > max ? p.until : max), '');
      if (command.effectiveFrom <= lastDay) {
        return refuse(domainError('CONFLICT', 'effectiveFrom', `must be after the last day of the kommun's previous agreement (${lastDay})`));
      }
      const confirmedLater = state.notConnectedOn.filter((on) => on >= command.effectiveFrom).sort().pop();
      if (confirmedLater) {
        return refuse(domainError('CONFLICT', 'effectiveFrom', `must be after ${confirmedLater}, when the kommun is recorded as not connected`));
      }
      const future = command.signedOn === undefined ? undefined : notInFuture('signedOn', command.signedOn, now);
      if (future) return refuse(future);
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'AgreementSigned', data, occurredAt: stockholmDateTime(command.signedOn ?? command.effectiveFrom) });
    }
    case 'EndAgreement': {
      const open = openPeriod(state);
      if (!open) return refuse(domainError('NOT_FOUND', 'kommun', 'has no agreement in effect without an end; there is nothing to end'));
      if (command.effectiveUntil < open.from) {
        return refuse(domainError('BAD_USER_INPUT', 'effectiveUntil', `must not be before the agreement's first day (${open.from})`));
      }
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'AgreementEnded', data, occurredAt: nowInStockholm(now) });
    }
    case 'ConfirmNotConnected': {
      const future = notInFuture('on', command.on, now);
      if (future) return refuse(future);
      if (isConnectedOn(state, command.on)) return refuse(domainError('CONFLICT', 'on', 'is a date on which the kommun has an agreement in effect'));
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'NotConnectedConfirmed', data, occurredAt: stockholmDateTime(command.on) });
    }
    case 'NotifyKommun': {
      const future = notInFuture('on', command.on, now);
      if (future) return refuse(future);
      for (const [i, ref] of command.encounters.entries()) {
        const field = `encounters.${i}.encounterId`;
        const facts = lookups.encounter(ref.passId, ref.encounterId);
        if (!facts) return refuse(domainError('NOT_FOUND', field, 'must name an encounter recorded on the pass named beside it'));
        if (facts.retracted) return refuse(domainError('CONFLICT', field, 'names a retracted encounter (or one on a retracted pass); there is nothing to notify'));
        if (facts.homeKommun !== command.kommun) return refuse(domainError('BAD_USER_INPUT', field, 'must name an encounter whose home kommun is the kommun notified'));
        if (agreementStatusOn(state, facts.passDate) === 'CONNECTED') {
          return refuse(domainError('BAD_USER_INPUT', field, 'names an encounter whose home kommun had an agreement on the pass date; there is nothing to notify'));
        }
        if (state.notified.has(ref.encounterId)) return refuse(domainError('CONFLICT', field, 'is already notified to this kommun'));
        if (command.on < facts.passDate) return refuse(domainError('BAD_USER_INPUT', 'on', `must not be before the pass date of every encounter named (${facts.passDate})`));
      }
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'KommunNotified', data, occurredAt: stockholmDateTime(command.on) });
    }
  }
}

export const kommunDecider: Decider<KommunCommand, KommunState, CountyEvent, KommunLookups> = { initialState, evolve, decide };
