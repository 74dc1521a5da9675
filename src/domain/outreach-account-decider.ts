import type { CountyCommandOf, CountyCommandType } from './commands.js';
import { decided, notInFuture, refuse, type Decider, type DecisionOf } from './decision.js';
import { domainError } from './errors.js';
import type { CountyEvent, DecidedCountyEvent } from './events.js';
import { stockholmDateTime } from './time.js';

/**
 * The decider of one outreach stream (`outreach-<accountId>`): a platform account the staff work
 * online with (seed 001: registered, its organisation disclosed, blocked). Before sessions had streams
 * of their own (outreach-session-decider.ts), a session was recorded in `outreach-<sessionId>`: such a
 * stream still holds its id, and is never an account.
 */

/** The commands decided in account streams: the catalogue routes these here. */
export const ACCOUNT_COMMANDS = ['RegisterAccount', 'DiscloseOrganisation', 'BlockAccount'] as const satisfies readonly CountyCommandType[];
export type AccountCommand = CountyCommandOf<(typeof ACCOUNT_COMMANDS)[number]>;

export interface AccountState {
  /** `session`: a stream written before sessions had streams of their own, holding one session. */
  readonly kind: 'none' | 'account' | 'session';
  readonly platform: string;
  readonly registeredOn: string;
  readonly disclosedOn?: string;
  readonly blockedOn?: string;
}

export function initialState(): AccountState {
  return { kind: 'none', platform: '', registeredOn: '' };
}

export function evolve(state: AccountState, event: CountyEvent): AccountState {
  switch (event.type) {
    case 'AccountRegistered':
      return { kind: 'account', platform: event.data.platform, registeredOn: event.data.on };
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

export function decide(command: AccountCommand, state: AccountState, now: Date): DecisionOf<DecidedCountyEvent> {
  switch (command.type) {
    case 'RegisterAccount': {
      if (state.kind !== 'none') return refuse(domainError('CONFLICT', 'accountId', 'is already recorded by another command; an account id is recorded once'));
      const future = notInFuture('registeredOn', command.registeredOn, now);
      if (future) return refuse(future);
      const { type: _t, commandId: _c, registeredOn, ...rest } = command;
      return decided({ type: 'AccountRegistered', data: { ...rest, on: registeredOn }, occurredAt: stockholmDateTime(registeredOn) });
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
  }
}

export const accountDecider: Decider<AccountCommand, AccountState, CountyEvent> = { initialState, evolve, decide };
