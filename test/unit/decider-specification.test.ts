import { AssertionError, expect } from 'chai';
import { decided, refuse, type DecisionOf } from '../../src/domain/decision.js';
import { domainError } from '../../src/domain/errors.js';
import { deciderSpecification } from '../support/decider-specification.js';

/** A decider small enough to see through: a counter that may not pass its limit, told the limit as context. */
type Counted = { type: 'Counted'; data: { by: number } };
const counter = {
  initialState: () => ({ total: 0 }),
  evolve: (state: { total: number }, event: Counted) => ({ total: state.total + event.data.by }),
  decide: (command: { by: number }, state: { total: number }, limit: number): DecisionOf<Counted> =>
    command.by === 0 ? decided() : state.total + command.by > limit ? refuse(domainError('BAD_USER_INPUT', 'by', `must not take the total past ${limit}`)) : decided({ type: 'Counted', data: { by: command.by } }),
};
const counted = (by: number): Counted => ({ type: 'Counted', data: { by } });

describe('the decider specification (given events, when a command, then events or a refusal) fails when it should', () => {
  const spec = deciderSpecification(counter, 10);

  it('folds the given events and decides with the specification’s context, or the one given to when', () => {
    expect(spec.given(counted(4), counted(5)).state).to.deep.equal({ total: 9 });
    spec.given(counted(4), counted(5)).when({ by: 1 }).then(counted(1));
    spec.given(counted(4), counted(5)).when({ by: 2 }).thenRefused('BAD_USER_INPUT', 'by', /past 10/);
    spec.given(counted(4), counted(5)).when({ by: 2 }, 20).then([counted(2)]);
  });

  it('then fails on other events, on more or fewer events, and on a refusal', () => {
    expect(() => spec.given().when({ by: 1 }).then(counted(2))).to.throw(AssertionError);
    expect(() => spec.given().when({ by: 1 }).then([counted(1), counted(1)])).to.throw(AssertionError);
    expect(() => spec.given().when({ by: 0 }).then(counted(1))).to.throw(AssertionError);
    expect(() => spec.given().when({ by: 11 }).then(counted(11))).to.throw(AssertionError, /expected events/);
  });

  it('thenOne fails on no event; thenNothingHappened on an event; both on a refusal', () => {
    expect(() => spec.given().when({ by: 0 }).thenOne()).to.throw(AssertionError);
    spec.given().when({ by: 0 }).thenNothingHappened();
    expect(() => spec.given().when({ by: 1 }).thenNothingHappened()).to.throw(AssertionError);
    expect(() => spec.given().when({ by: 11 }).thenOne()).to.throw(AssertionError);
    expect(() => spec.given().when({ by: 11 }).thenNothingHappened()).to.throw(AssertionError);
  });

  it('thenRefused fails on an accepted command, and on another code, field or rule', () => {
    expect(() => spec.given().when({ by: 1 }).thenRefused('BAD_USER_INPUT', 'by', /past/)).to.throw(AssertionError, /expected a refusal/);
    expect(() => spec.given().when({ by: 11 }).thenRefused('CONFLICT', 'by', /past/)).to.throw(AssertionError);
    expect(() => spec.given().when({ by: 11 }).thenRefused('BAD_USER_INPUT', 'total', /past/)).to.throw(AssertionError);
    expect(() => spec.given().when({ by: 11 }).thenRefused('BAD_USER_INPUT', 'by', /before/)).to.throw(AssertionError);
  });

  it('andWhen and thenState go on from the events the command emitted, and fail when it was refused', () => {
    const first = spec.given(counted(3)).when({ by: 4 });
    expect(first.thenState()).to.deep.equal({ total: 7 });
    first.andWhen({ by: 4 }).thenRefused('BAD_USER_INPUT', 'by', /past 10/);
    first.andWhen({ by: 3 }).then(counted(3));
    expect(() => spec.given().when({ by: 11 }).thenState()).to.throw(AssertionError);
    expect(() => spec.given().when({ by: 11 }).andWhen({ by: 1 })).to.throw(AssertionError);
  });
});
