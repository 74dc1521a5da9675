import { decodeEvent, isDomainEventType } from '../domain/event-decoding.js';
import { reportRegisters } from '../../projections/report-registers.js';
import { agreementRegister, agreementsOn, connectedOn, encounterAgreementStatus, pendingNotifications, type AgreementRegister } from '../../projections/agreements.js';
import { outreachRegister, outreachSummary } from '../../projections/outreach.js';
import { passRegister } from '../../projections/pass-register.js';
import { openSafeguardingActions } from '../../projections/safeguarding.js';
import type { StatisticsContext } from '../../queries/statistics.js';
import { trainingRegister, trainingSummary } from '../../projections/trainings.js';
import { countyBase, costShare, type CostShareBase } from '../domain/cost-share.js';
import { countyKommun, OFFER_KOMMUNER, QUOTED_CONNECTED_MAY_2024 } from '../domain/county-offer.js';
import { domainError } from '../domain/errors.js';
import { passStreamId } from '../domain/events.js';
import { KOMMUNER } from '../domain/kommun.js';
import { stockholmDate } from '../domain/time.js';
import { foldAsOf } from '../projections/engine.js';
import { recordRead } from '../application/read-audit.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';
import type { QueryResolvers, Resolvers } from './generated/resolvers.js';

/**
 * The county offer (agreements, notifications, cost share), safeguarding of minors, trainings and
 * online outreach: the queries (the mutations are the catalogue's, src/api/mutations.ts). Who may call
 * each is in src/auth/access-policy.ts.
 */

const kommunRef = (code: string) => ({ code, name: countyKommun(code)?.name ?? KOMMUNER.get(code)?.name ?? code });
const today = (context: ApiContext) => stockholmDate(context.clock());

/** The agreements as they stand, or as they stood at `asOf`, as the statistics read them. */
export async function agreementStatusContext(context: ApiContext, asOf: Date | null | undefined): Promise<StatisticsContext> {
  const register = asOf ? (await foldAsOf(context.store, reportRegisters, asOf)).agreements : context.engine.state(agreementRegister);
  return { agreementStatus: (homeKommun, passDate) => encounterAgreementStatus(register, homeKommun, passDate) };
}

function shareOf(args: { totalSek: number; populationYear: number; base: CostShareBase; on?: string | null }, agreements: AgreementRegister, today: string) {
  if (args.base === 'COUNTY' && args.on) throw toGraphQLError(domainError('BAD_USER_INPUT', 'on', 'is used only with base CONNECTED: the county-wide base does not depend on agreements'));
  const on = args.base === 'CONNECTED' ? (args.on ?? today) : undefined;
  const kommuner = on === undefined ? countyBase() : connectedOn(agreements, on);
  const result = costShare(args.totalSek, args.populationYear, args.base, kommuner, on);
  if (!result.ok) throw toGraphQLError(result.error);
  return result.share;
}

/**
 * Who recorded each encounter, by pass and encounter id, per store. The answer is in the metadata of
 * the encounter's PersonEncountered event, which the projections do not fold (a rebuild reads the log
 * without metadata); the event is immutable, so once read it is known for good, and a list of open
 * actions costs a stream read only for a pass not read before, never one per action.
 */
const recordingOrgs = new WeakMap<object, Map<string, string | null>>();

async function recordingOrgsOf(context: ApiContext, encounters: ReadonlyArray<{ passId: string; encounterId: string }>): Promise<Array<string | null>> {
  let known = recordingOrgs.get(context.store);
  if (!known) {
    known = new Map();
    recordingOrgs.set(context.store, known);
  }
  const keyOf = (passId: string, encounterId: string) => `${passId}/${encounterId}`;
  const unread = new Set(encounters.filter((e) => !known.has(keyOf(e.passId, e.encounterId))).map((e) => e.passId));
  await Promise.all(
    [...unread].map(async (passId) => {
      for (const event of await context.store.readStream(passStreamId(passId))) {
        const decoded = isDomainEventType(event.type) ? decodeEvent(event) : undefined;
        if (decoded?.type !== 'PersonEncountered') continue;
        const key = keyOf(passId, decoded.data.encounterId);
        // The first PersonEncountered of an id is the encounter; a later one is a refused duplicate's retry.
        if (!known.has(key)) known.set(key, (event.metadata as { actor?: { org?: string } } | undefined)?.actor?.org ?? null);
      }
    }),
  );
  return encounters.map((e) => known.get(keyOf(e.passId, e.encounterId)) ?? null);
}

async function recordingOrgOf(context: ApiContext, passId: string, encounterId: string): Promise<string | null> {
  return (await recordingOrgsOf(context, [{ passId, encounterId }]))[0] ?? null;
}

export const countyOfferQuery: QueryResolvers = {
  agreements(_parent, args, context) {
    const on = args.on ?? today(context);
    const result = agreementsOn(context.engine.state(agreementRegister), on);
    const refs = (list: typeof result.connected) => list.map((k) => ({ code: k.code, name: k.name }));
    return {
      on,
      connected: refs(result.connected),
      notConnected: refs(result.notConnected),
      unknown: refs(result.unknown),
      offeredTo: OFFER_KOMMUNER.length,
      quotedMay2024: { ...QUOTED_CONNECTED_MAY_2024 },
    };
  },
  async pendingKommunNotifications(_parent, _args, context) {
    const pending = pendingNotifications(context.engine.state(agreementRegister), context.engine.state(passRegister));
    // Pass and encounter ids are pass-level data: the read is audited like any other look at passes.
    await recordRead(context.store, context.principal, 'pendingKommunNotifications', [...new Set(pending.map((p) => p.passId))], context.requestId, context.clock());
    return pending.map((p) => ({ ...p, kommun: kommunRef(p.kommun) }));
  },
  costShare(_parent, args, context) {
    return shareOf(args, context.engine.state(agreementRegister), today(context)).rows;
  },
  costShareReport(_parent, args, context) {
    const share = shareOf(args, context.engine.state(agreementRegister), today(context));
    return { ...share, on: share.on ?? null };
  },
  async openSafeguardingActions(_parent, _args, context) {
    let actions = openSafeguardingActions(context.engine.state(passRegister), context.clock());
    // A field user sees the actions of the encounters their own organisation recorded.
    if (context.principal.role === 'field') {
      const orgs = await recordingOrgsOf(context, actions);
      actions = actions.filter((_action, n) => orgs[n] === context.principal.org);
    }
    await recordRead(context.store, context.principal, 'openSafeguardingActions', [...new Set(actions.map((action) => action.passId))], context.requestId, context.clock());
    return actions.map((a) => ({ ...a, since: new Date(a.since) }));
  },
  trainingSummary(_parent, args, context) {
    const from = args.from ?? '2021-01-01';
    const to = args.to ?? today(context);
    if (from > to) throw toGraphQLError(domainError('BAD_USER_INPUT', args.to ? 'to' : 'from', args.to ? 'must not be before from' : 'must not be after today'));
    const summary = trainingSummary(context.engine.state(trainingRegister), { from, to });
    return {
      ...summary,
      firstPhysical: summary.firstPhysical ?? null,
      kommunerRepresented: summary.kommunerRepresented.map(kommunRef),
    };
  },
  outreachSummary(_parent, args, context) {
    if (!Number.isInteger(args.year) || args.year < 2000 || args.year > 2100) {
      throw toGraphQLError(domainError('BAD_USER_INPUT', 'year', 'must be a year from 2000 to 2100'));
    }
    return outreachSummary(context.engine.state(outreachRegister), context.engine.state(passRegister), args.year);
  },
};

export const countyOfferTypes: Pick<Resolvers, 'OpenSafeguardingAction'> = {
  OpenSafeguardingAction: {
    // Who recorded an encounter is in its event's metadata, which projections do not fold: read the
    // one pass stream, for open actions only, and only when asked.
    recordedByOrg: (action, _args, context) => recordingOrgOf(context, action.passId, action.encounterId),
  },
};
