import { passRegister, type PassRegister } from '../../projections/pass-register.js';
import { steeringFigures } from '../../projections/steering-figures.js';
import { tertialSummary } from '../../projections/tertial-summary.js';
import { domainError } from '../domain/errors.js';
import { resolvePeriod } from '../domain/period.js';
import { parseTertial } from '../domain/time.js';
import { foldAsOf } from '../projections/engine.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';
import { runCommand } from './mutations.js';
import type { Resolvers } from './generated/resolvers.js';
import { DateScalar, DateTimeScalar } from './scalars.js';

/** The register as it stands, or as it stood at `asOf` (folded afresh: "as presented then"). */
function registerAt(context: ApiContext, asOf: Date | null | undefined): Promise<PassRegister> | PassRegister {
  return asOf ? foldAsOf(context.store, passRegister, asOf) : context.engine.state(passRegister);
}

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    async steeringFigures(_parent, args, context) {
      const resolved = resolvePeriod({ from: args.from ?? undefined, to: args.to ?? undefined, tertial: args.tertial ?? undefined }, new Date());
      if (!resolved.ok) throw toGraphQLError(resolved.error);
      const register = await registerAt(context, args.asOf);
      return { ...steeringFigures(register, resolved.period), tertial: resolved.period.tertial ?? null, asOf: args.asOf ?? null };
    },
    async tertialSummary(_parent, args, context) {
      const tertial = parseTertial(args.tertial);
      if (!tertial) throw toGraphQLError(domainError('BAD_USER_INPUT', 'tertial', 'must be written YYYY-Tn with n 1, 2 or 3, e.g. 2022-T2'));
      const summary = tertialSummary(await registerAt(context, args.asOf), tertial);
      return { ...summary, asOf: args.asOf ?? null };
    },
  },
  Mutation: {
    recordPass: (_p, args, context) => runCommand('RecordPass', args.input, args.expectedRevision, context),
    recordRaid: (_p, args, context) => runCommand('RecordRaid', args.input, args.expectedRevision, context),
    recordEncounter: (_p, args, context) => runCommand('RecordEncounter', args.input, args.expectedRevision, context),
    offerSupport: (_p, args, context) => runCommand('OfferSupport', args.input, args.expectedRevision, context),
    contactGuardian: (_p, args, context) => runCommand('ContactGuardian', args.input, args.expectedRevision, context),
    fileConcernReport: (_p, args, context) => runCommand('FileConcernReport', args.input, args.expectedRevision, context),
    correctEncounter: (_p, args, context) => runCommand('CorrectEncounter', args.input, args.expectedRevision, context),
    retractEncounter: (_p, args, context) => runCommand('RetractEncounter', args.input, args.expectedRevision, context),
    correctPass: (_p, args, context) => runCommand('CorrectPass', args.input, args.expectedRevision, context),
    retractPass: (_p, args, context) => runCommand('RetractPass', args.input, args.expectedRevision, context),
  },
};
