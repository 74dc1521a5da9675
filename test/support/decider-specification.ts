import { expect } from 'chai';
import type { DecisionOf } from '../../src/domain/decision.js';
import type { DomainError, DomainErrorCode } from '../../src/domain/errors.js';

/**
 * Given events, when a command, then these events or this refusal: one helper for every decider, in
 * the shape of Emmett's DeciderSpecification. A decider is `{ decide, evolve, initialState }`; what
 * `decide` needs beyond the command and the state (the instant it decides at, read-only lookups, who
 * decides) is its `context`, given once for a specification and overridable per `when`.
 *
 *   const pass = deciderSpecification(passDecider, NOW);
 *   pass.given(passRecorded).when(recordRaid).then({ type: 'RaidRecorded', data, occurredAt });
 *   pass.given().when(recordRaid).thenRefused('NOT_FOUND', 'passId', /recorded pass/);
 */
export interface Decider<Command, Event, State, Decided extends Event, Context extends unknown[]> {
  decide(command: Command, state: State, ...context: Context): DecisionOf<Decided>;
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export interface DeciderSpecification<Command, Event, State, Decided extends Event, Context extends unknown[]> {
  /** The stream's events so far, folded from the initial state; none for a stream never written. */
  given(...events: Event[]): Given<Command, State, Decided, Context>;
}

export interface Given<Command, State, Decided, Context extends unknown[]> {
  /** The state the given events fold to. */
  readonly state: State;
  /** Decides the command on that state, with the specification's context or the one given here. */
  when(command: Command, ...context: Context | []): When<Command, State, Decided, Context>;
}

export interface When<Command, State, Decided, Context extends unknown[]> {
  /** What the decider answered, unchecked. */
  readonly decision: DecisionOf<Decided>;
  /** The command was accepted and emitted exactly these events, in this order. */
  then(expected: Decided | readonly Decided[]): void;
  /** The command was accepted and emitted exactly one event, which is returned to look into. */
  thenOne(): Decided;
  /** The command was accepted; its events are returned (any number). */
  thenEvents(): Decided[];
  /** The command was accepted and emitted nothing. */
  thenNothingHappened(): void;
  /** The command was refused with this code, naming this field, for a rule that matches. */
  thenRefused(code: DomainErrorCode, field: string, rule: RegExp): DomainError;
  /** The state after the given events and the events this command emitted (it must be accepted). */
  thenState(): State;
  /** The emitted events happened too: decides the next command on the state they lead to. */
  andWhen(command: Command, ...context: Context | []): When<Command, State, Decided, Context>;
}

export function deciderSpecification<Command, Event, State, Decided extends Event, Context extends unknown[]>(
  decider: Decider<Command, Event, State, Decided, Context>,
  ...context: Context
): DeciderSpecification<Command, Event, State, Decided, Context> {
  const fold = (state: State, events: readonly Event[]): State => events.reduce<State>((s, e) => decider.evolve(s, e), state);

  const whenOn = (state: State, command: Command, override: Context | []): When<Command, State, Decided, Context> => {
    const decision = decider.decide(command, state, ...(override.length > 0 ? (override as Context) : context));
    const accepted = (): Decided[] => {
      expect(decision.ok, `expected events, got ${JSON.stringify(decision)}`).to.equal(true);
      return decision.ok ? decision.events : [];
    };
    const when: When<Command, State, Decided, Context> = {
      decision,
      then: (expected) => expect(accepted()).to.deep.equal(Array.isArray(expected) ? expected : [expected]),
      thenOne: () => {
        const events = accepted();
        expect(events).to.have.lengthOf(1);
        return events[0] as Decided;
      },
      thenEvents: accepted,
      thenNothingHappened: () => expect(accepted()).to.deep.equal([]),
      thenRefused: (code, field, rule) => {
        expect(decision.ok, `expected a refusal, got ${JSON.stringify(decision)}`).to.equal(false);
        if (decision.ok) throw new Error('unreachable');
        expect(decision.error.code, JSON.stringify(decision.error)).to.equal(code);
        expect(decision.error.field, JSON.stringify(decision.error)).to.equal(field);
        expect(decision.error.rule).to.match(rule);
        return decision.error;
      },
      thenState: () => fold(state, accepted()),
      andWhen: (next, ...nextContext) => whenOn(fold(state, accepted()), next, nextContext),
    };
    return when;
  };

  return {
    given: (...events) => {
      const state = fold(decider.initialState(), events);
      return { state, when: (command, ...override) => whenOn(state, command, override) };
    },
  };
}
