import { planDisclosureInSteps, type DisclosurePlan } from '../../queries/report-disclosure.js';
import { encounterAgreementStatus } from '../../projections/agreements.js';
import { formatTertial, type Tertial } from '../domain/time.js';
import type { ProjectionEngine } from '../projections/engine.js';
import { drain, inSlices } from '../projections/steps.js';
import type { EventStore } from '../store/port.js';
import { liveState, type PrefixState } from './log-prefix.js';

/**
 * The PUBLIC disclosure plans of reports, kept per (log prefix, rules version, tertial, threshold): the
 * plan decides every tertial from April 2021 on, so it is the slow part of a report, and the same for
 * every request on the same log. It is computed in steps between other requests; a plan of the live
 * registers is kept only if the log did not move while it was computed (the registers change in place).
 */

const KEPT = 16;
const plansByStore = new WeakMap<EventStore, Map<string, DisclosurePlan>>();

const keyOf = (state: PrefixState, rules: number, tertial: Tertial, threshold: number) => `${state.prefix}|${rules}|${formatTertial(tertial)}|${threshold}`;

function kept(store: EventStore): Map<string, DisclosurePlan> {
  let plans = plansByStore.get(store);
  if (!plans) {
    plans = new Map();
    plansByStore.set(store, plans);
  }
  return plans;
}

function remember(plans: Map<string, DisclosurePlan>, key: string, plan: DisclosurePlan): DisclosurePlan {
  plans.delete(key);
  plans.set(key, plan);
  while (plans.size > KEPT) plans.delete(plans.keys().next().value as string);
  return plan;
}

const stepsFor = (state: PrefixState, tertial: Tertial, threshold: number) =>
  planDisclosureInSteps(state.register, { agreementStatus: (kommun, date) => encounterAgreementStatus(state.agreements, kommun, date) }, tertial, threshold);

/** The plan for registers that no longer change (an as-of fold's, a prefix's). */
export async function planOf(store: EventStore, state: PrefixState, rules: number, tertial: Tertial, threshold: number): Promise<DisclosurePlan> {
  const plans = kept(store);
  const key = keyOf(state, rules, tertial, threshold);
  const known = plans.get(key);
  if (known) return known;
  return remember(plans, key, await inSlices(stepsFor(state, tertial, threshold)));
}

/**
 * The live registers and their plan, taken at one log position: what a report of the log as it stands
 * is made from, synchronously, right after this resolves.
 */
export async function livePlan(store: EventStore, engine: ProjectionEngine, rules: number, tertial: Tertial, threshold: number): Promise<{ state: PrefixState; plan: DisclosurePlan }> {
  const plans = kept(store);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const state = liveState(engine);
    const key = keyOf(state, rules, tertial, threshold);
    const known = plans.get(key);
    if (known) return { state, plan: known };
    // A write landing between two steps changes the registers under the plan: it may then find its
    // relations do not add up. Either way the plan is of no position, and is made again.
    const plan = await inSlices(stepsFor(state, tertial, threshold)).catch(() => undefined);
    if (plan && engine.position === state.position) return { state, plan: remember(plans, key, plan) };
  }
  // The log moved under both tries: plan at once, as a report did before plans were kept.
  const state = liveState(engine);
  return { state, plan: remember(plans, keyOf(state, rules, tertial, threshold), drain(stepsFor(state, tertial, threshold))) };
}
