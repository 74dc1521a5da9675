import { isPassCommand, type Command } from '../domain/commands.js';
import type { DomainError } from '../domain/errors.js';
import { kommunStreamId, outreachStreamId, passStreamId, trainingStreamId, type CountyEvent, type DecidedCountyEvent, type DecidedEvent, type PassEvent } from '../domain/events.js';
import { decide as decideKommun, evolve as evolveKommun, initialState as initialKommunState, type KommunState } from '../domain/kommun-decider.js';
import { decide as decideOutreach, evolve as evolveOutreach, initialState as initialOutreachState, type OutreachState } from '../domain/outreach-decider.js';
import { decide as decidePass, evolve as evolvePass, initialState as initialPassState, type DecidedBy, type PassState } from '../domain/pass-decider.js';
import { decide as decideTraining, evolve as evolveTraining, initialState as initialTrainingState, type TrainingState } from '../domain/training-decider.js';
import { categoryOf } from '../store/port.js';

/**
 * Which stream a command is for, how that stream's state is folded, and which decider answers it.
 * A decider that must know another stream (a notification names encounters on passes; a session names
 * an account) gets it read-only through `read`, as the shell has it: the log plus the batch so far.
 */

export type AnyDecidedEvent = DecidedEvent | DecidedCountyEvent;
export type StreamDecision = { ok: true; events: AnyDecidedEvent[] } | { ok: false; error: DomainError };

interface Fold {
  init(): unknown;
  evolve(state: unknown, event: { type: string; data: unknown }): unknown;
}

const FOLDS: Record<string, Fold> = {
  pass: { init: initialPassState, evolve: (s, e) => evolvePass(s as PassState, e as PassEvent) },
  kommun: { init: initialKommunState, evolve: (s, e) => evolveKommun(s as KommunState, e as CountyEvent) },
  training: { init: initialTrainingState, evolve: (s, e) => evolveTraining(s as TrainingState, e as CountyEvent) },
  outreach: { init: initialOutreachState, evolve: (s, e) => evolveOutreach(s as OutreachState, e as CountyEvent) },
};

export function foldOf(streamId: string): Fold {
  const fold = FOLDS[categoryOf(streamId)];
  if (!fold) throw new Error(`no decider for streams of category ${categoryOf(streamId)}`);
  return fold;
}

export function streamOf(command: Command): string {
  if (isPassCommand(command)) return passStreamId(command.passId);
  switch (command.type) {
    case 'SignAgreement':
    case 'EndAgreement':
    case 'ConfirmNotConnected':
    case 'NotifyKommun':
      return kommunStreamId(command.kommun);
    case 'RecordTraining':
      return trainingStreamId(command.trainingId);
    case 'RegisterAccount':
    case 'DiscloseOrganisation':
    case 'BlockAccount':
      return outreachStreamId(command.accountId);
    case 'RecordOutreachSession':
      return outreachStreamId(command.sessionId);
  }
}

/** The other streams a command's decider reads. */
export function readsOf(command: Command): string[] {
  if (command.type === 'NotifyKommun') return [...new Set(command.encounters.map((e) => passStreamId(e.passId)))];
  if (command.type === 'RecordOutreachSession') {
    return [
      ...(command.accountId ? [outreachStreamId(command.accountId)] : []),
      ...(command.passId ? [passStreamId(command.passId)] : []),
    ];
  }
  return [];
}

/** `read` answers a stream's state as the shell holds it, or undefined when the stream is empty. */
export function decideCommand(command: Command, state: unknown, now: Date, read: (streamId: string) => unknown, by: DecidedBy = {}): StreamDecision {
  if (isPassCommand(command)) return decidePass(command, state as PassState, now, by);
  const pass = (passId: string) => {
    const p = read(passStreamId(passId)) as PassState | undefined;
    return p?.recorded ? p : undefined;
  };
  switch (command.type) {
    case 'SignAgreement':
    case 'EndAgreement':
    case 'ConfirmNotConnected':
    case 'NotifyKommun':
      return decideKommun(command, state as KommunState, now, {
        encounter(passId, encounterId) {
          const p = pass(passId);
          const encounter = p?.encounters.get(encounterId);
          if (!p || !encounter) return undefined;
          return { passDate: p.date, homeKommun: encounter.homeKommun, retracted: p.retracted || encounter.retracted };
        },
      });
    case 'RecordTraining':
      return decideTraining(command, state as TrainingState, now);
    case 'RegisterAccount':
    case 'DiscloseOrganisation':
    case 'BlockAccount':
    case 'RecordOutreachSession':
      return decideOutreach(command, state as OutreachState, now, {
        account: (accountId) => read(outreachStreamId(accountId)) as OutreachState | undefined,
        pass(passId) {
          const p = pass(passId);
          return p ? { date: p.date, retracted: p.retracted } : undefined;
        },
      });
  }
}
