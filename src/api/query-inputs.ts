import { passRegister } from '../../projections/pass-register.js';
import { reportRegisters } from '../../projections/report-registers.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { resolvePeriod, type Period } from '../domain/period.js';
import { foldAsOf } from '../projections/engine.js';
import { encounterIndexReady } from '../projections/encounter-index-preparation.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';

/** The register as it stands, or as it stood at `asOf` (folded afresh: "as presented then"). */
export function registerAt(context: ApiContext, asOf: Date | null | undefined): Promise<PassRegister> | PassRegister {
  // The report's fold: one read of the log and one set of snapshots for every as-of question.
  return asOf ? foldAsOf(context.store, reportRegisters, asOf).then((state) => state.register) : context.engine.state(passRegister);
}

/** `registerAt` for a statistics question: with its encounter index laid out first, between other requests. */
export async function statisticsRegisterAt(context: ApiContext, asOf: Date | null | undefined): Promise<PassRegister> {
  const register = await registerAt(context, asOf);
  await encounterIndexReady(register);
  return register;
}

/** The period an argument or input object names; errors name the field under `prefix` (e.g. filter.to). */
export function periodOf(context: ApiContext, input: { from?: string | null; to?: string | null; tertial?: string | null }, prefix?: string): Period {
  const resolved = resolvePeriod({ from: input.from ?? undefined, to: input.to ?? undefined, tertial: input.tertial ?? undefined }, context.clock());
  if (!resolved.ok) throw toGraphQLError({ ...resolved.error, field: prefix ? `${prefix}.${resolved.error.field}` : resolved.error.field });
  return resolved.period;
}
