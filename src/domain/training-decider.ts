import type { CountyCommandOf, CountyCommandType } from './commands.js';
import { decided, notInFuture, refuse, type Decider, type DecisionOf } from './decision.js';
import { domainError } from './errors.js';
import type { CountyEvent, DecidedCountyEvent } from './events.js';
import { stockholmDateTime } from './time.js';

/** The decider of one training stream (`training-<uuid>`): a training round for kommun staff, held once. */

/** The commands decided in training streams: the catalogue routes these here. */
export const TRAINING_COMMANDS = ['RecordTraining'] as const satisfies readonly CountyCommandType[];
export type TrainingCommand = CountyCommandOf<(typeof TRAINING_COMMANDS)[number]>;

export interface TrainingState {
  readonly recorded: boolean;
}

export function initialState(): TrainingState {
  return { recorded: false };
}

export function evolve(state: TrainingState, event: CountyEvent): TrainingState {
  return event.type === 'TrainingHeld' ? { recorded: true } : state;
}

export function decide(command: TrainingCommand, state: TrainingState, now: Date): DecisionOf<DecidedCountyEvent> {
  if (state.recorded) return refuse(domainError('CONFLICT', 'trainingId', 'is already recorded by another command; a training id is recorded once'));
  const future = notInFuture('date', command.date, now);
  if (future) return refuse(future);
  const { type: _t, commandId: _c, ...data } = command;
  return decided({ type: 'TrainingHeld', data, occurredAt: stockholmDateTime(command.date) });
}

export const trainingDecider: Decider<TrainingCommand, TrainingState, CountyEvent> = { initialState, evolve, decide };
