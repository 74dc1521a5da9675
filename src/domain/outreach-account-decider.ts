import type { CountyCommandOf } from './commands.js';
import { decided, notInFuture, refuse, type Decider, type DecisionOf } from './decision.js';
import { domainError } from './errors.js';
import type { CountyEvent, DecidedCountyEvent } from './events.js';
import { stockholmDateTime } from './time.js';

/**
 * The decider of one outreach stream (`outreach-<uuid>`): either a platform account the staff work
 * online with (seed 001: registered, its organisation disclosed, blocked) or one outreach session.
 */

export type OutreachCommand = CountyCommandOf<'RegisterAccount' | 'DiscloseOrganisation' | 'BlockAccount' | 'RecordOutreachSession'>;

export interface OutreachState {
  readonly kind: 'none' | 'account' | 'session';
  readonly platform: string;
  readonly registeredOn: string;
  readonly disclosedOn?: string;
  readonly blockedOn?: string;
}

export interface OutreachLookups {
  account(accountId: string): OutreachState | undefined;
  /** The pass's date, if the pass is recorded and not retracted. */
  pass(passId: string): { date: string; retracted: boolean } | undefined;
}

export function initialState(): OutreachState {
  return { kind: 'none', platform: '', registeredOn: '' };
}

export function evolve(state: OutreachState, event: CountyEvent): OutreachState {
  switch (event.type) {
    case 'AccountRegistered':
      return { kind: 'account', platform: event.data.platform, registeredOn: event.data.registeredOn };
    case 'OrganisationDisclosed':
      return { ...state, disclosedOn: event.data.on };
    case 'AccountBlocked':
      return { ...state, blockedOn: event.data.on };
    case 'OutreachSessionHeld':
      return { kind: 'session', platform: event.data.platform, registeredOn: event.data.date };
    default:
      return state;
  }
}

export function decide(command: OutreachCommand, state: OutreachState, now: Date, lookups: OutreachLookups): DecisionOf<DecidedCountyEvent> {
  switch (command.type) {
    case 'RegisterAccount': {
      if (state.kind !== 'none') return refuse(domainError('CONFLICT', 'accountId', 'is already recorded by another command; an account id is recorded once'));
      const future = notInFuture('registeredOn', command.registeredOn, now);
      if (future) return refuse(future);
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'AccountRegistered', data, occurredAt: stockholmDateTime(command.registeredOn) });
    }
    case 'DiscloseOrganisation':
    case 'BlockAccount': {
      if (state.kind !== 'account') return refuse(domainError('NOT_FOUND', 'accountId', 'must name a registered platform account'));
      const already = command.type === 'BlockAccount' ? state.blockedOn : state.disclosedOn;
      if (already !== undefined) {
        return refuse(domainError('CONFLICT', 'accountId', command.type === 'BlockAccount' ? 'is already recorded as blocked' : 'already has its organisation recorded as disclosed'));
      }
      if (command.on < state.registeredOn) return refuse(domainError('BAD_USER_INPUT', 'on', `must not be before the account was registered (${state.registeredOn})`));
      const future = notInFuture('on', command.on, now);
      if (future) return refuse(future);
      const { type: _t, commandId: _c, ...data } = command;
      return command.type === 'BlockAccount'
        ? decided({ type: 'AccountBlocked', data, occurredAt: stockholmDateTime(command.on) })
        : decided({ type: 'OrganisationDisclosed', data, occurredAt: stockholmDateTime(command.on) });
    }
    case 'RecordOutreachSession': {
      if (state.kind !== 'none') return refuse(domainError('CONFLICT', 'sessionId', 'is already recorded by another command; a session id is recorded once'));
      const future = notInFuture('date', command.date, now);
      if (future) return refuse(future);
      if (command.accountId !== undefined) {
        const account = lookups.account(command.accountId);
        if (!account || account.kind !== 'account') return refuse(domainError('NOT_FOUND', 'accountId', 'must name a registered platform account'));
        if (account.platform !== command.platform) return refuse(domainError('BAD_USER_INPUT', 'platform', "must be the platform of the account named"));
        if (command.date < account.registeredOn) return refuse(domainError('BAD_USER_INPUT', 'date', `must not be before the account was registered (${account.registeredOn})`));
        if (account.blockedOn !== undefined && account.blockedOn < command.date) {
          return refuse(domainError('CONFLICT', 'accountId', `names an account blocked before the session's date (on ${account.blockedOn})`));
        }
      }
      if (command.passId !== undefined) {
        const pass = lookups.pass(command.passId);
        if (!pass) return refuse(domainError('NOT_FOUND', 'passId', 'must name a recorded pass'));
        if (pass.retracted) return refuse(domainError('CONFLICT', 'passId', 'names a retracted pass'));
      }
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'OutreachSessionHeld', data, occurredAt: stockholmDateTime(command.date) });
    }
  }
}

export const outreachDecider: Decider<OutreachCommand, OutreachState, CountyEvent, OutreachLookups> = { initialState, evolve, decide };
