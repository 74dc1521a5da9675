import type { CountyCommandOf, CountyCommandType } from './commands.js';
import { decided, notInFuture, refuse, type Decider, type DecisionOf } from './decision.js';
import { domainError } from './errors.js';
import type { CountyEvent, DecidedCountyEvent } from './events.js';
import type { AccountState } from './outreach-account-decider.js';
import { stockholmDateTime } from './time.js';

/**
 * The decider of one outreach session's stream (`outreach_session-<sessionId>`): a session held once,
 * on the account it names. Its state is folded from `outreach-<sessionId>` first, where sessions were
 * recorded before they had streams of their own (see the catalogue's `formerStreamOf`): a session or an
 * account there holds the id.
 */

/** The commands decided in session streams: the catalogue routes these here. */
export const SESSION_COMMANDS = ['RecordOutreachSession'] as const satisfies readonly CountyCommandType[];
export type SessionCommand = CountyCommandOf<(typeof SESSION_COMMANDS)[number]>;

export interface SessionState {
  /** A session with this id is recorded, or an account holds the id in its former stream. */
  readonly recorded: boolean;
}

export interface SessionLookups {
  /** The outreach stream of an account as it stands, if it holds anything. */
  account(accountId: string): AccountState | undefined;
  /** The pass's date, if the pass is recorded and not retracted. */
  pass(passId: string): { date: string; retracted: boolean } | undefined;
}

export function initialState(): SessionState {
  return { recorded: false };
}

export function evolve(state: SessionState, event: CountyEvent): SessionState {
  return event.type === 'OutreachSessionHeld' || event.type === 'AccountRegistered' ? { recorded: true } : state;
}

export function decide(command: SessionCommand, state: SessionState, now: Date, lookups: SessionLookups): DecisionOf<DecidedCountyEvent> {
  if (state.recorded) return refuse(domainError('CONFLICT', 'sessionId', 'is already recorded by another command; a session id is recorded once'));
  const future = notInFuture('date', command.date, now);
  if (future) return refuse(future);
  if (command.accountId !== undefined) {
    const account = lookups.account(command.accountId);
    if (!account || account.kind !== 'account') return refuse(domainError('NOT_FOUND', 'accountId', 'must name a registered platform account'));
    if (account.platform !== command.platform) return refuse(domainError('BAD_USER_INPUT', 'platform', 'must be the platform of the account named'));
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

export const sessionDecider: Decider<SessionCommand, SessionState, CountyEvent, SessionLookups> = { initialState, evolve, decide };
